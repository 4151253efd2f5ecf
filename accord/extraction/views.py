"""Curation pages: a document's entities, the secretariat's queue, one-click decisions (htmx or plain)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.roles import is_secretariat
from accord.core.views import FilteredListView, SecretariatRequiredMixin
from accord.documents.models import Document
from accord.extraction import highlight
from accord.extraction.filtersets import SuggestionFilterSet
from accord.extraction.models import Extraction, Suggestion
from accord.extraction.payloads import FORMS, form_for, unbound_form_for
from accord.extraction.services import accept_suggestion, extract_document, reject_suggestion
from accord.extraction.standing import annotate

ROW_RELATIONS = ("document", "decided_by")


def _rows(queryset):
    return queryset.select_related(*ROW_RELATIONS).defer("document__text", "document__minhash")


def document_entities(request, pk: int):
    """The text with what it names highlighted by type, linked to the registry; the secretariat's suggestions."""
    document = get_object_or_404(Document.objects.visible_to(request.user).defer("minhash"), pk=pk)
    extraction = Extraction.objects.filter(document=document).first()
    mentions = list(document.mentions.select_related("state", "organization", "person"))
    text, stale = highlight.analyzed_text(document, extraction)
    people = highlight.visible_people(mentions, request.user)
    suggestions = []
    if is_secretariat(request.user):
        suggestions = annotate(_rows(document.suggestions.all()).order_by("status", "-confidence", "pk"))
    context = {
        "document": document,
        "extraction": extraction,
        "stale": stale,
        "segments": [] if stale else highlight.segments(text, mentions, request.user),
        "legend": highlight.legend(mentions),
        "entities": highlight.entity_table(mentions, people),
        "suggestions": suggestions,
        "next": request.get_full_path(),
    }
    return render(request, "extraction/document_entities.html", context)


@require_POST
def document_extract(request, pk: int):
    """Run extraction again on one document (the secretariat, after its text or the registry changed)."""
    _require_curator(request)
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    stored = extract_document(document)
    messages.success(
        request,
        _("Extraction done: %(mentions)d mentions, %(created)d new suggestions.")
        % {"mentions": stored.mentions, "created": stored.created},
    )
    return redirect("extraction:document_entities", pk=document.pk)


class SuggestionListView(SecretariatRequiredMixin, FilteredListView):
    """The queue: pending suggestions first by confidence; filters by kind, document, status, confidence."""

    model = Suggestion
    filterset_class = SuggestionFilterSet
    template_name = "extraction/suggestion_list.html"
    paginate_by = 25

    def get_queryset(self):
        queryset = _rows(Suggestion.objects.visible_to(self.request.user))
        data = self.request.GET.copy()
        data.setdefault("status", "pending")
        self.filterset = self.filterset_class(data, queryset=queryset, request=self.request)
        if not self.filterset.is_valid():
            return queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        annotate(context["object_list"])
        context["next"] = self.request.get_full_path()
        return context


def _require_curator(request) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


def _suggestion(request, pk: int) -> Suggestion:
    _require_curator(request)
    return get_object_or_404(_rows(Suggestion.objects.visible_to(request.user)), pk=pk)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("extraction:suggestion_list")


def _row(request, suggestion: Suggestion, *, form=None, error: str = "", done: str = ""):
    """htmx gets the row; a plain browser the edit page (with a form) or the page it came from."""
    fresh = _rows(Suggestion.objects.all()).get(pk=suggestion.pk)
    annotate([fresh])
    context = {"suggestion": fresh, "form": form, "error": error, "next": _next_url(request)}
    if request.htmx:
        return render(request, "extraction/_suggestion_row.html", context)
    if form is not None or error:
        return render(request, "extraction/suggestion_edit.html", context, status=400 if error else 200)
    if done:
        messages.success(request, done)
    return redirect(_next_url(request))


def _with_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
    return form


def _decide(request, suggestion: Suggestion, changes=None):
    try:
        accept_suggestion(suggestion, acting_user=request.user, changes=changes)
    except ValidationError as exc:
        if not suggestion.is_pending or getattr(exc, "code", "") == "decided":
            return _row(request, suggestion, error=" ".join(exc.messages))
        form = form_for(suggestion, changes, user=request.user)
        form.is_valid()
        return _row(request, suggestion, form=_with_errors(form, exc))
    return _row(request, suggestion, done=_("Accepted: %(what)s") % {"what": suggestion.label})


@require_POST
def suggestion_accept(request, pk: int):
    """Accept as proposed, in one click."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("extraction:suggestion_list"))
    return _decide(request, _suggestion(request, pk))


def suggestion_edit(request, pk: int):
    """GET: the payload as a form in place of the row; POST: accept with the curator's changes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    suggestion = _suggestion(request, pk)
    if request.method != "POST":
        if not suggestion.is_pending:
            return _row(request, suggestion, error=_("This suggestion was already decided."))
        return _row(request, suggestion, form=unbound_form_for(suggestion, user=request.user))
    fields = FORMS[suggestion.kind].base_fields
    changes = {name: request.POST.get(name, "") for name in fields if name in request.POST}
    return _decide(request, suggestion, changes)


@require_POST
def suggestion_reject(request, pk: int):
    """Reject in one click; extraction will not propose it again for this document."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("extraction:suggestion_list"))
    suggestion = _suggestion(request, pk)
    try:
        reject_suggestion(suggestion, acting_user=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        return _row(request, suggestion, error=" ".join(exc.messages))
    return _row(request, suggestion, done=_("Rejected: %(what)s") % {"what": suggestion.label})


suggestion_list = SuggestionListView.as_view()
