"""News pages: thin views over `NewsItem.objects.visible_to(user)`; the editor's pages call the services."""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.cache import public_page, shared_fragment
from accord.core.forms import whole_number
from accord.core.middleware import accepts_uploads
from accord.core.roles import is_secretariat
from accord.core.views import FilteredListView, SecretariatRequiredMixin
from accord.news import services
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.filtersets import NewsItemFilterSet
from accord.news.forms import AttachmentForm, LinkForm, NewsItemForm, PublishForm
from accord.news.models import LINK_TARGETS, NewsItem


class ManageFilterSet(NewsItemFilterSet):
    page_filters = ("q", "status", "year")


@method_decorator(public_page, name="dispatch")
class NewsListView(FilteredListView):
    """Published news, newest first, by body (with its sub-bodies), state and year."""

    model = NewsItem
    filterset_class = NewsItemFilterSet
    template_name = "news/newsitem_list.html"
    paginate_by = 20

    def get_queryset(self):
        # The public list is what is published, for the secretariat too (drafts are under /news/manage/).
        return super().get_queryset().published().with_visible_links(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = (
            self.filterset.form.cleaned_data if self.filterset.is_bound and self.filterset.is_valid() else {}
        )
        context["feed_body"], context["feed_state"] = data.get("body"), data.get("state")
        self._share_choices(self.filterset.form)
        return context

    def _share_choices(self, form) -> None:
        """The body and state choices, alike on every page of the list, read once per change (two slow DISTINCT joins)."""
        for name in ("body", "state"):
            field = form.fields[name]
            choices = shared_fragment(
                f"news-filter-{name}",
                lambda field=field: [(str(value), str(label)) for value, label in field.choices],
                user=self.request.user,
            )
            # Django's own setter: django-filter's would wrap the list in a model iterator again.
            # Validation still reads the field's queryset.
            forms.ChoiceField.choices.fset(field, choices)


@public_page
def news_detail(request, slug: str):
    """One news item; drafts, items in review and scheduled ones are 404 for everyone but the secretariat."""
    item = get_object_or_404(
        NewsItem.objects.visible_to(request.user)
        .with_visible_links(request.user)
        .prefetch_related("attachments"),
        slug=slug,
    )
    return render(request, "news/newsitem_detail.html", {"item": item})


def _file_response(field, *, as_attachment: bool) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=as_attachment, filename=Path(field.name).name)


def news_image(request, slug: str):
    """The lead image, only while its item is visible to the reader."""
    item = get_object_or_404(NewsItem.objects.visible_to(request.user), slug=slug)
    return _file_response(item.lead_image, as_attachment=False)


def news_file(request, slug: str, pk: int):
    """An attachment, only while its item is visible to the reader; always a download."""
    item = get_object_or_404(NewsItem.objects.visible_to(request.user), slug=slug)
    attachment = get_object_or_404(item.attachments, pk=pk)
    return _file_response(attachment.file, as_attachment=True)


# ---- the secretariat's editor ---------------------------------------------------------------------------


class ManageListView(SecretariatRequiredMixin, FilteredListView):
    """Every item with its status, latest changed first."""

    model = NewsItem
    filterset_class = ManageFilterSet
    template_name = "news/newsitem_manage.html"

    def get_queryset(self):
        return super().get_queryset().select_related("author").order_by("-updated_at", "-pk")


def _secretariat(request) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


def _editor(request, item: NewsItem | None, form=None, **forms) -> dict:
    links = []
    if item is not None:
        links = list(item.links.select_related(*LINK_TARGETS).order_by("status", "pk"))
    return {
        "item": item,
        "form": form or NewsItemForm(instance=item),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "link_form": forms.get("link_form") or LinkForm(),
        "proposed": [link for link in links if link.status == LinkStatus.PROPOSED],
        "confirmed": [link for link in links if link.status == LinkStatus.CONFIRMED],
        "rejected": [link for link in links if link.status == LinkStatus.REJECTED],
        "attachments": list(item.attachments.all()) if item is not None else [],
        "statuses": NewsStatus,
    }


@accepts_uploads
def news_edit(request, pk: int | None = None):
    """The item's form; saving proposes links from its text, shown in the panel beside it."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    _secretariat(request)
    item = get_object_or_404(NewsItem, pk=pk) if pk is not None else None
    form = NewsItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_news_item(form.instance, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": item})
            return redirect("news:news_edit", pk=item.pk)
    return render(request, "news/newsitem_edit.html", _editor(request, item, form))


@require_POST
def news_transition(request, pk: int, action: str):
    """Send for review, publish (now or at a time) or return to draft."""
    _secretariat(request)
    item = get_object_or_404(NewsItem, pk=pk)
    try:
        if action == "submit":
            services.submit_for_review(item, acting_user=request.user)
        elif action == "publish":
            form = PublishForm(request.POST)
            if not form.is_valid():
                return render(
                    request, "news/newsitem_edit.html", _editor(request, item, publish_form=form), status=400
                )
            services.publish(item, acting_user=request.user, at=form.cleaned_data["at"])
        elif action == "draft":
            services.return_to_draft(item, acting_user=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status: %(status)s.") % {"status": item.get_status_display()})
    return redirect("news:news_edit", pk=item.pk)


def _link_action(request, item: NewsItem) -> LinkForm | None:
    """Do what the panel's button says; returns the hand-link form when it has errors to show."""
    action = request.POST.get("action")
    if action == "confirm_all":
        count = services.confirm_links(item, acting_user=request.user)
        if not request.htmx:  # the swapped panel shows the result itself
            messages.success(request, _("Links confirmed: %(count)s.") % {"count": count})
    elif action in ("confirm", "reject"):
        link = get_object_or_404(item.links, pk=whole_number(request.POST.get("link")) or 0)
        if action == "confirm":
            services.confirm_links(item, acting_user=request.user, link_ids=[link.pk])
        else:
            services.reject_link(link, acting_user=request.user)
    elif action == "add":
        form = LinkForm(request.POST)
        if not form.is_valid():
            return form
        services.add_link(item, acting_user=request.user, target=form.cleaned_data["target"])
    else:
        raise Http404
    return None


@require_POST
def news_links(request, pk: int):
    """The link panel: confirm all (one click), confirm or reject one, add one by hand."""
    _secretariat(request)
    item = get_object_or_404(NewsItem, pk=pk)
    link_form, errors = None, []
    try:
        link_form = _link_action(request, item)
    except ValidationError as exc:
        errors = exc.messages
    context = {**_editor(request, item, link_form=link_form), "link_errors": errors}
    if request.htmx:
        return render(request, "news/newsitem_edit.html#links", context)
    if link_form is not None or errors:
        return render(request, "news/newsitem_edit.html", context, status=400)
    return redirect(f"{item_edit_url(item)}#links")


@accepts_uploads
@require_POST
def news_attachments(request, pk: int):
    """Upload a file to the item; a wrong type or size is said next to the field."""
    _secretariat(request)
    item = get_object_or_404(NewsItem, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(item, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("File added."))
            return redirect(f"{item_edit_url(item)}#attachments")
    return render(
        request, "news/newsitem_edit.html", _editor(request, item, attachment_form=form), status=400
    )


@require_POST
def news_attachment_delete(request, pk: int, attachment_pk: int):
    _secretariat(request)
    item = get_object_or_404(NewsItem, pk=pk)
    services.remove_attachment(
        get_object_or_404(item.attachments, pk=attachment_pk), acting_user=request.user
    )
    messages.success(request, _("File removed."))
    return redirect(f"{item_edit_url(item)}#attachments")


def item_edit_url(item: NewsItem) -> str:
    from django.urls import reverse

    return reverse("news:news_edit", kwargs={"pk": item.pk})


news_list = NewsListView.as_view()
news_manage = ManageListView.as_view()
