"""Pages of the review mechanism: observations, the summary and its documents, technical-assistance needs.

A review hidden from the user is a 404; a review the user sees only because
its summary is published answers 403 on its confidential pages (the list of
observations) and shows its public summary page.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.core.forms import BootstrapFormMixin, whole_number
from accord.reviews import assistance as needs
from accord.reviews import outputs, questionnaires
from accord.reviews.choices import ObservationKind
from accord.reviews.models import CountryReview, Cycle, Mechanism, Observation, ReviewExpert, Summary
from accord.reviews.observations import can_write_summary, observations_by_provision
from accord.reviews.permissions import can_observe, can_work
from accord.reviews.services import add_observation, delete_observation, edit_observation, save_summary


class ObservationForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ObservationKind.choices)
    text_ru = forms.CharField(
        label=_("Text (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 3, "lang": "ru"})
    )
    text_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3, "lang": "en"})
    )


class SummaryForm(BootstrapFormMixin, forms.Form):
    text_ru = forms.CharField(
        label=_("Summary (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 8, "lang": "ru"})
    )
    text_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 8, "lang": "en"})
    )


class AssistanceFilterForm(BootstrapFormMixin, forms.Form):
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"), queryset=Mechanism.objects.all(), required=False, to_field_name="slug"
    )
    cycle = forms.ModelChoiceField(
        label=_("Cycle"), queryset=Cycle.objects.select_related("mechanism"), required=False
    )


def _visible_review(request, pk: int) -> CountryReview:
    """The review, if the user may open it at all (else 404), with what the permission checks read."""
    experts = ReviewExpert.objects.only("review_id", "user_id", "side")
    queryset = CountryReview.objects.visible_to(request.user).select_related(
        "cycle__mechanism", "cluster", "state"
    )
    return get_object_or_404(queryset.prefetch_related(Prefetch("expert_links", queryset=experts)), pk=pk)


def _work_review(request, pk: int) -> CountryReview:
    review = _visible_review(request, pk)
    if not can_work(request.user, review):
        raise PermissionDenied
    return review


def _form_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's errors on the form's fields; those on fields the form lacks as general errors."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


def _section(review: CountryReview, group, observe: bool, add_form=None, edit=None) -> dict:
    provision = group.provision
    if observe and add_form is None:
        add_form = ObservationForm(
            prefix=f"add-{provision.pk}", initial={"kind": ObservationKind.GOOD_PRACTICE}
        )
    edit_id, edit_form = edit if edit else (None, None)
    return {
        "group": group,
        "answers": [
            (question.text, questionnaires.display_answer(question, version))
            for question, version in group.answers
        ],
        "add_form": add_form if observe else None,
        "add_url": reverse("reviews:observation_add", args=[review.pk, provision.pk]),
        "section_url": reverse("reviews:observations", args=[review.pk]) + f"?provision={provision.pk}",
        "target": f"#provision-{provision.pk}",
        "edit_id": edit_id,
        "edit_form": edit_form,
    }


def _context(request, review: CountryReview, *, provision_pk=None, add_form=None, edit=None, **extra) -> dict:
    """The page's parts; with `provision_pk` only that provision's section (htmx swaps it)."""
    user = request.user
    observe = can_observe(user, review)
    groups = observations_by_provision(review)
    sections = [
        _section(
            review,
            group,
            observe,
            add_form if group.provision.pk == provision_pk else None,
            edit if group.provision.pk == provision_pk else None,
        )
        for group in groups
    ]
    summary = Summary.objects.filter(review=review).first()
    writable = can_write_summary(user, review)
    context = {
        "review": review,
        "sections": sections,
        "section": next((s for s in sections if s["group"].provision.pk == provision_pk), None),
        "can_observe": observe,
        "summary": summary,
        "can_write_summary": writable,
        "languages": settings.LANGUAGES,
        "formats": outputs.FORMATS,
    }
    if writable:
        context["summary_form"] = SummaryForm(
            initial={"text_ru": summary.text_ru, "text_en": summary.text_en} if summary else None
        )
    context.update(extra)
    return context


def observation_list(request, pk: int):
    """Observations by provision with their forms, the summary editor, the documents to download."""
    review = _work_review(request, pk)
    provision = whole_number(request.GET.get("provision"))
    if request.htmx and not request.htmx.boosted and provision is not None:
        context = _context(request, review, provision_pk=provision)
        if context["section"] is None:
            raise Http404
        return render(request, "reviews/observation_list.html#provision", context)
    return render(request, "reviews/observation_list.html", _context(request, review))


def _provision_answer(request, review: CountryReview, provision_pk: int, *, failed: bool = False, **forms):
    """htmx gets the provision's section; a plain browser the page (with the refused form) or a redirect."""
    if request.htmx:
        context = _context(request, review, provision_pk=provision_pk, **forms)
        return render(request, "reviews/observation_list.html#provision", context)
    if failed or forms.get("edit"):
        context = _context(request, review, provision_pk=provision_pk, **forms)
        return render(request, "reviews/observation_list.html", context, status=400 if failed else 200)
    return redirect(reverse("reviews:observations", args=[review.pk]) + f"#provision-{provision_pk}")


@require_POST
def observation_add(request, pk: int, provision_pk: int):
    review = _work_review(request, pk)
    if not can_observe(request.user, review):
        raise PermissionDenied
    provision = get_object_or_404(review.cluster.provisions, pk=provision_pk)
    form = ObservationForm(request.POST, prefix=f"add-{provision.pk}")
    if form.is_valid():
        try:
            add_observation(review, acting_user=request.user, provision=provision, **form.cleaned_data)
            return _provision_answer(request, review, provision.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
    return _provision_answer(request, review, provision.pk, failed=True, add_form=form)


def _observation(request, pk: int) -> tuple[Observation, CountryReview]:
    observation = get_object_or_404(Observation.objects.visible_to(request.user), pk=pk)
    review = _work_review(request, observation.review_id)
    if not can_observe(request.user, review):
        raise PermissionDenied
    return observation, review


@require_http_methods(["GET", "POST"])
def observation_edit(request, pk: int):
    """GET: the observation's form in place; POST: save it."""
    observation, review = _observation(request, pk)
    prefix = f"edit-{observation.pk}"
    if request.method != "POST":
        initial = {"kind": observation.kind, "text_ru": observation.text_ru, "text_en": observation.text_en}
        form = ObservationForm(prefix=prefix, initial=initial)
        return _provision_answer(request, review, observation.provision_id, edit=(observation.pk, form))
    form = ObservationForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            edit_observation(observation, acting_user=request.user, **form.cleaned_data)
            return _provision_answer(request, review, observation.provision_id)
        except ValidationError as exc:
            _form_errors(form, exc)
    return _provision_answer(
        request, review, observation.provision_id, failed=True, edit=(observation.pk, form)
    )


@require_POST
def observation_delete(request, pk: int):
    observation, review = _observation(request, pk)
    provision_pk = observation.provision_id
    delete_observation(observation, acting_user=request.user)
    return _provision_answer(request, review, provision_pk)


@require_POST
def summary_save(request, pk: int):
    review = _work_review(request, pk)
    if not can_write_summary(request.user, review):
        raise PermissionDenied
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            save_summary(review, acting_user=request.user, **form.cleaned_data)
            if not request.htmx:
                return redirect(reverse("reviews:observations", args=[review.pk]) + "#summary")
            return render(
                request, "reviews/observation_list.html#summary", _context(request, review, saved=True)
            )
        except ValidationError as exc:
            _form_errors(form, exc)
    template = "reviews/observation_list.html" + ("#summary" if request.htmx else "")
    status = 200 if request.htmx else 400
    return render(request, template, _context(request, review, summary_form=form), status=status)


def summary_public(request, pk: int):
    """The published summary for everyone; the review's people also preview it before publication."""
    review = _visible_review(request, pk)
    summary = Summary.objects.filter(review=review).first()
    works = can_work(request.user, review)
    if not (works or (summary is not None and summary.is_published)):
        raise Http404
    language = get_language() if get_language() in outputs.languages() else settings.LANGUAGE_CODE
    document = outputs.build_document(review, outputs.SUMMARY, language)
    context = {
        "review": review,
        "summary": summary,
        "document": document,
        "title_block": document.blocks[0],
        "blocks": document.blocks[1:],
        "can_work": works,
        "languages": settings.LANGUAGES,
        "formats": outputs.FORMATS,
    }
    return render(request, "reviews/summary_public.html", context)


def review_output(request, pk: int, document: str, language: str, fmt: str):
    """A review document as a file: `document` observations|summary, `language` ru|en, `fmt` pdf|docx."""
    if document not in outputs.DOCUMENTS or language not in outputs.languages() or fmt not in outputs.FORMATS:
        raise Http404
    review = _visible_review(request, pk)
    if not outputs.can_download(request.user, review, document):
        raise PermissionDenied
    output = outputs.generate(review, document, language, fmt)
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response


def assistance_overview(request):
    """Technical-assistance needs by provision, regional group and year, filtered by mechanism and cycle."""
    form = AssistanceFilterForm(request.GET or None)
    form.is_valid()  # a bad value drops only its own filter
    data = getattr(form, "cleaned_data", {})
    overview = needs.overview(request.user, mechanism=data.get("mechanism"), cycle=data.get("cycle"))
    charts = [
        ("provision", _("By provision"), overview.by_provision),
        ("group", _("By regional group of the state under review"), overview.by_group),
        ("year", _("By review year"), overview.by_year),
    ]
    template = "reviews/assistance_overview.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "overview": overview, "charts": charts})


urlpatterns = [
    path("<int:pk>/observations/", observation_list, name="observations"),
    path("<int:pk>/observations/provisions/<int:provision_pk>/add/", observation_add, name="observation_add"),
    path("observations/<int:pk>/edit/", observation_edit, name="observation_edit"),
    path("observations/<int:pk>/delete/", observation_delete, name="observation_delete"),
    path("<int:pk>/summary/edit/", summary_save, name="summary_save"),
    path("<int:pk>/summary/", summary_public, name="summary_public"),
    path(
        "<int:pk>/documents/<str:document>/<str:language>/<str:fmt>/",
        review_output,
        name="review_output",
    ),
    path("assistance/", assistance_overview, name="assistance"),
]
