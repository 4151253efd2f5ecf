"""The self-assessment questionnaire of a review: answers, their versions, attachments, DOCX, submission.

Everyone working on the review reads it; the state under review answers it
until it is submitted. A user outside the review gets 404 for a review they
cannot see at all, 403 for a published one (whose answers stay confidential).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accord.core.forms import BootstrapFormMixin, whole_number
from accord.core.middleware import accepts_uploads
from accord.reviews import docx_io
from accord.reviews.choices import Implementation, QuestionKind, Side
from accord.reviews.models import Attachment, CountryReview, Question
from accord.reviews.permissions import can_answer, can_work, side_of
from accord.reviews.questionnaires import (
    AnswerEntry,
    ProvisionAnswers,
    SaveOutcome,
    SaveResult,
    answer_entry,
    answer_refusal,
    answers_by_provision,
    completeness,
    general_attachments,
    max_attachment_bytes,
    provision_answers,
)
from accord.reviews.services import attach_file, remove_attachment, save_answer, submit_questionnaire


class AnswerForm(BootstrapFormMixin, forms.Form):
    """One question's answer: a choice for “implemented?”, text for the others; `based_on` travels along."""

    implementation = forms.ChoiceField(
        label=gettext_lazy("Implemented"), choices=[("", "—"), *Implementation.choices], required=False
    )
    text = forms.CharField(
        label=gettext_lazy("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, question: Question, **kwargs):
        kwargs.setdefault("prefix", f"q{question.pk}")
        super().__init__(*args, **kwargs)
        del self.fields["text" if question.kind == QuestionKind.IMPLEMENTATION else "implementation"]


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))


def _review_for(request, pk: int) -> CountryReview:
    review = get_object_or_404(
        CountryReview.objects.visible_to(request.user)
        .select_related("cycle__mechanism", "cluster", "state", "questionnaire_submitted_by")
        .prefetch_related("expert_links"),
        pk=pk,
    )
    if not can_work(request.user, review):
        raise PermissionDenied
    return review


def _question_for(review: CountryReview, question_pk) -> Question:
    return get_object_or_404(
        Question.objects.select_related("provision__instrument"), pk=question_pk, cluster=review.cluster
    )


def _decorate(entry: AnswerEntry, answering: bool, **state) -> AnswerEntry:
    """Give an entry what its block shows: the form (when answering), a refused save, a notice."""
    entry.form = state.pop("form", None)
    if entry.form is None and answering:
        current = entry.current
        entry.form = AnswerForm(
            question=entry.question,
            initial={
                "based_on": entry.version_number,
                "implementation": current.implementation if current else "",
                "text": current.text if current else "",
            },
        )
    entry.result = state.pop("result", None)
    entry.notice = state.pop("notice", "")
    return entry


def _progress(request, review: CountryReview) -> dict:
    return {
        "progress": completeness(review),
        "can_answer": can_answer(request.user, review),
        "refusal": answer_refusal(request.user, review)
        if side_of(request.user, review) == Side.UNDER_REVIEW
        else "",
    }


def _article_url(review: CountryReview, provision_pk: int, question_pk: int | None = None) -> str:
    url = reverse("reviews:questionnaire", kwargs={"pk": review.pk}) + f"?article={provision_pk}"
    return url + (f"#answer-{question_pk}" if question_pk else "")


def _chosen(groups: list[ProvisionAnswers], wanted: int | None) -> int:
    """The index of the article to show: the one asked for, else the first one still missing a required answer."""
    for index, group in enumerate(groups):
        if group.provision.pk == wanted:
            return index
    return next((i for i, group in enumerate(groups) if group.missing_required), 0)


def _page(
    request, review: CountryReview, *, status: int = 200, decorated: AnswerEntry | None = None, **extra
):
    """One article at a time (a questionnaire of a hundred questions is not one page), with the way to the others."""
    context = _progress(request, review)
    groups = answers_by_provision(review)
    wanted = (
        decorated.question.provision_id if decorated is not None else whole_number(request.GET.get("article"))
    )
    index = _chosen(groups, wanted)
    group = groups[index] if groups else None
    if group is not None:
        for position, entry in enumerate(group.entries):
            if decorated is not None and entry.question.pk == decorated.question.pk:
                group.entries[position] = decorated
            else:
                _decorate(entry, context["can_answer"])
    context.update(
        review=review,
        groups=groups,
        group=group,
        previous=groups[index - 1] if group is not None and index > 0 else None,
        next=groups[index + 1] if group is not None and index + 1 < len(groups) else None,
        attachments=general_attachments(review),
        max_upload_mb=round(max_attachment_bytes() / (1024 * 1024), 1),
        **extra,
    )
    return render(request, "reviews/questionnaire.html", context, status=status)


def questionnaire(request, pk: int):
    """The questionnaire, one article at a time: its questions with their answers, history, files and forms."""
    return _page(request, _review_for(request, pk))


def _answer_block(request, review: CountryReview, question: Question, **state):
    """htmx gets the answer's block (and the progress, out of band); a plain browser the page."""
    answering = can_answer(request.user, review)
    status = state.pop("status", 200)
    if request.htmx:
        entry = _decorate(answer_entry(review, question), answering, **state)
        context = {**_progress(request, review), "review": review, "entry": entry, "oob": True}
        return render(request, "reviews/_answer.html", context)
    if state.get("form") is not None or state.get("result") is not None:
        entry = _decorate(answer_entry(review, question), answering, **state)
        return _page(request, review, status=status, decorated=entry)
    if state.get("notice"):
        messages.success(request, state["notice"])
    return redirect(_article_url(review, question.provision_id, question.pk))


def _autosave_reply(request, review: CountryReview, question: Question, status: int, **reply) -> JsonResponse:
    """What the page's script needs after a save by itself: the outcome, the new base version, the progress."""
    progress = render_to_string(
        "reviews/questionnaire.html#progress",
        {**_progress(request, review), "review": review},
        request=request,
    )
    group = provision_answers(review, question.provision_id)
    article = {
        "provision": question.provision_id,
        "progress": render_to_string(
            "reviews/questionnaire.html#article_progress", {"group": group}, request=request
        ),
        "count": render_to_string("reviews/_article_count.html", {"group": group}, request=request),
    }
    return JsonResponse({**reply, "progress": progress, "article": article}, status=status)


def answer(request, pk: int, question_pk: int):
    """GET: one answer's block, fresh; POST: save it (a refused save shows both versions).

    The page's script saves drafts by itself as the user types (`autosave` in
    the POST): it gets JSON back, so the text being typed is never replaced.
    """
    review = _review_for(request, pk)
    question = _question_for(review, question_pk)
    if request.method != "POST":
        return _answer_block(request, review, question)
    if not can_answer(request.user, review):
        raise PermissionDenied(answer_refusal(request.user, review))
    autosave = request.POST.get("autosave") == "1"
    form = AnswerForm(request.POST, question=question)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = save_answer(
                review,
                question,
                acting_user=request.user,
                implementation=data.get("implementation", ""),
                text=data.get("text", ""),
                based_on=data["based_on"],
                draft=autosave,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
    if form.errors:
        if autosave:
            message = " ".join(str(e) for errors in form.errors.values() for e in errors)
            return _autosave_reply(request, review, question, 400, outcome="invalid", message=message)
        return _answer_block(request, review, question, form=form, status=400)
    if result.is_conflict:
        # Their text stays in the form, now based on the winner: comparing and saving again is one click.
        retry = AnswerForm(
            question=question,
            initial={"based_on": result.current.number, **{k: v for k, v in data.items() if k != "based_on"}},
        )
        if autosave:
            entry = _decorate(answer_entry(review, question), True, form=retry, result=result)
            block = render_to_string(
                "reviews/_answer.html",
                {"review": review, "entry": entry, "can_answer": True},
                request=request,
            )
            return _autosave_reply(
                request, review, question, 409, outcome="conflict", message=result.message, html=block
            )
        return _answer_block(request, review, question, form=retry, result=result, status=409)
    if autosave:
        return _autosave_reply(
            request,
            review,
            question,
            200,
            outcome=result.outcome,
            based_on=result.response.version,
            message=_saved_notice(result),
        )
    return _answer_block(request, review, question, notice=_saved_notice(result))


def _saved_notice(result: SaveResult) -> str:
    if result.outcome == SaveOutcome.UNCHANGED:
        return _("Nothing changed; no new version was saved.")
    return _("Saved as version {number}.").format(number=result.version.number)


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@accepts_uploads
@require_POST
def attachment_upload(request, pk: int):
    """Attach a file to one answer (or to the questionnaire as a whole)."""
    review = _review_for(request, pk)
    question_pk = request.POST.get("question", "")
    if question_pk and whole_number(question_pk) is None:
        raise Http404
    question = _question_for(review, whole_number(question_pk)) if question_pk else None
    form = UploadForm(request.POST, request.FILES)
    error = notice = ""
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        try:
            attachment = attach_file(review, question, form.cleaned_data["file"], acting_user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            notice = _("Attached: {name}.").format(name=attachment.name)
    return _after_attachment(request, review, question, error=error, notice=notice)


def _after_attachment(request, review: CountryReview, question: Question | None, *, error: str, notice: str):
    if request.htmx:
        context = {**_progress(request, review), "review": review}
        if question is not None:
            entry = _decorate(answer_entry(review, question), context["can_answer"], notice=notice)
            entry.attachment_error = error
            return render(request, "reviews/_answer.html", {**context, "entry": entry})
        context.update(
            attachments=general_attachments(review),
            attachment_error=error,
            attachment_notice=notice,
            max_upload_mb=round(max_attachment_bytes() / (1024 * 1024), 1),
        )
        return render(request, "reviews/questionnaire.html#attachments", context)
    if error:
        messages.warning(request, error)
    elif notice:
        messages.success(request, notice)
    if question is not None:
        return redirect(_article_url(review, question.provision_id, question.pk))
    return redirect(reverse("reviews:questionnaire", kwargs={"pk": review.pk}) + "#attachments")


def _attachment_for(review: CountryReview, attachment_pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("question"), pk=attachment_pk, review=review)


@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    """The file, for those who work on the review (no public media folder)."""
    attachment = _attachment_for(_review_for(request, pk), attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    review = _review_for(request, pk)
    attachment = _attachment_for(review, attachment_pk)
    question, name = attachment.question, attachment.name
    remove_attachment(attachment, acting_user=request.user)
    return _after_attachment(
        request, review, question, error="", notice=_("Removed: {name}.").format(name=name)
    )


@require_POST
def submit(request, pk: int):
    """Submit the questionnaire: the desk review starts and the answers become read-only."""
    review = _review_for(request, pk)
    url = reverse("reviews:questionnaire", kwargs={"pk": review.pk})
    try:
        submit_questionnaire(review, acting_user=request.user)
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The questionnaire is submitted; the desk review has begun."))
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_GET
def export(request, pk: int):
    """The questionnaire with its current answers as a DOCX to fill offline."""
    review = _review_for(request, pk)
    content = docx_io.export_docx(review, acting_user=request.user)
    response = HttpResponse(content, content_type=docx_io.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_io.export_filename(review)}"'
    return response


@accepts_uploads
@require_POST
def import_(request, pk: int):
    """Read a filled DOCX back; the page shows what changed, or why nothing was saved."""
    review = _review_for(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        report = docx_io.ImportReport(problems=[docx_io.ImportProblem(_("Choose the filled DOCX file."))])
    else:
        report = docx_io.import_docx(review, upload, acting_user=request.user)
    return _page(request, review, status=200 if report.ok else 400, report=report)


urlpatterns = [
    path("<int:pk>/questionnaire/", questionnaire, name="questionnaire"),
    path("<int:pk>/questionnaire/questions/<int:question_pk>/", answer, name="questionnaire_answer"),
    path("<int:pk>/questionnaire/attachments/", attachment_upload, name="questionnaire_attach"),
    path(
        "<int:pk>/questionnaire/attachments/<int:attachment_pk>/",
        attachment_download,
        name="questionnaire_attachment",
    ),
    path(
        "<int:pk>/questionnaire/attachments/<int:attachment_pk>/delete/",
        attachment_delete,
        name="questionnaire_attachment_delete",
    ),
    path("<int:pk>/questionnaire/submit/", submit, name="questionnaire_submit"),
    path("<int:pk>/questionnaire/export.docx", export, name="questionnaire_export"),
    path("<int:pk>/questionnaire/import/", import_, name="questionnaire_import"),
]
