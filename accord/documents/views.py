"""Document pages: list with search, metadata and text, and the secretariat's forms."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from accord.core.cache import public_page
from accord.core.history import history_for
from accord.core.middleware import accepts_uploads
from accord.core.models import ProcessHeartbeat, ScheduledRun
from accord.core.reference import loaders
from accord.core.roles import is_secretariat
from accord.core.views import EditPageMixin, FilteredListView
from accord.documents.filtersets import DocumentFilterSet
from accord.documents.forms import DocumentForm
from accord.documents.models import Document, IngestJob
from accord.documents.search.engine import search
from accord.documents.search.forms import SearchForm
from accord.documents.services import create_document, publish_document, requeue_ingest_job, update_document
from accord.documents.upload import UploadForm, start_upload_job


class DocumentListView(FilteredListView):
    model = Document
    filterset_class = DocumentFilterSet
    template_name = "documents/document_list.html"

    def get_queryset(self):
        """Near-duplicates are listed once, under the first-stored version, with their number."""
        queryset = super().get_queryset().select_related("meeting", "publisher").defer("text", "minhash")
        if self.request.GET.get("versions") != "all":
            queryset = queryset.filter(near_duplicate_of__isnull=True)
        return queryset.annotate(twin_count=Count("near_duplicates"))


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).select_related(
            "meeting", "agenda_item", "publisher", "version_of"
        )

    def get_context_data(self, **kwargs):
        from accord.meetings.models import Meeting

        document = self.object
        if (
            document.meeting_id
            and not Meeting.objects.visible_to(self.request.user).filter(pk=document.meeting_id).exists()
        ):
            # A public document of a restricted meeting does not name that meeting.
            document.meeting = document.agenda_item = None
        versions = self.object.versions().visible_to(self.request.user).defer("text")
        cluster = self.object.cluster().visible_to(self.request.user).defer("text")
        return super().get_context_data(
            versions=versions, cluster=cluster, history=history_for(self.request.user, self.object), **kwargs
        )


class DocumentCreateView(EditPageMixin, CreateView):
    accepts_uploads = True  # the original file
    model = Document
    form_class = DocumentForm
    list_url_name = "documents:document_list"

    def get_initial(self):
        return {"meeting": self.request.GET.get("meeting")}

    def save_object(self, form) -> Document:
        return create_document(form.instance, acting_user=self.request.user)


class DocumentUpdateView(EditPageMixin, UpdateView):
    accepts_uploads = True  # the original file
    model = Document
    form_class = DocumentForm

    def save_object(self, form) -> Document:
        return update_document(form.instance, acting_user=self.request.user)


def document_original(request, pk: int):
    """The uploaded original, for those who may see the document (no public media folder)."""
    document = get_object_or_404(Document.objects.visible_to(request.user).exclude(original=""), pk=pk)
    try:
        handle = document.original.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = Path(document.original.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


@require_POST
def document_publish(request, pk: int):
    """The secretariat's decision to make a document (and its original) public."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    publish_document(document, acting_user=request.user)
    messages.success(request, _("Published: %(document)s") % {"document": document})
    return redirect(document)


def document_search(request):
    """Full-text search with filters; htmx requests get only the results."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("q"):
        results = search(
            request.user,
            form.cleaned_data["q"],
            filters=form.filters(),
            page=form.cleaned_data.get("page") or 1,
        )
    template = "documents/search.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, {"form": form, "results": results})


def _secretariat_only(request):
    """A login redirect for visitors, 403 for other roles, None for the secretariat."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_secretariat(request.user):
        raise PermissionDenied
    return None


def _worker_seen() -> bool:
    """Whether a worker beat within the lease: without one, uploads wait in the queue."""
    return ProcessHeartbeat.objects.workers().alive().exists()


@accepts_uploads
def upload(request):
    """Several files at once, or a pasted text, for the secretariat; ingested by `accord worker`."""
    if refusal := _secretariat_only(request):
        return refusal
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = start_upload_job(
            form.uploads(),
            request.user,
            confidentiality=data["confidentiality"],
            kind=data["kind"],
            language=data["language"],
            published_on=data["published_on"],
        )
        return redirect(job)
    jobs = IngestJob.objects.select_related("created_by")[:10]
    return render(
        request, "documents/upload.html", {"form": form, "jobs": jobs, "worker_seen": _worker_seen()}
    )


def document_links(request, documents: list[Document]) -> dict[int, list[tuple[str, str]]]:
    """Links apps above add next to each document of a list (extraction: its suggestions), by document id.

    Each app offers `document_links` on its AppConfig, a function
    `(request, documents) -> {document_id: [(label, url), ...]}`, so this app
    never imports them (DESIGN.md §5).
    """
    links: dict[int, list[tuple[str, str]]] = {}
    if not documents:
        return links
    for source in loaders("document_links"):
        for document_id, found in source(request, documents).items():
            links.setdefault(document_id, []).extend(found)
    return links


def ingest_job(request, pk: int):
    """A job's progress and per-file results; htmx polls the #job part until it is finished."""
    if refusal := _secretariat_only(request):
        return refusal
    job = get_object_or_404(IngestJob, pk=pk)
    items = list(job.items.select_related("document").defer("document__text", "document__minhash"))
    links = document_links(request, [item.document for item in items if item.document is not None])
    for item in items:
        item.links = links.get(item.document_id, []) if item.document_id else []
    template = "documents/ingest_job.html"
    if request.htmx and not request.htmx.boosted:
        template += "#job"
    context = {"job": job, "items": items, "worker_seen": _worker_seen()}
    context["requeueable"] = IngestJob.objects.requeueable().filter(pk=job.pk).exists()
    return render(request, template, context)


def background(request):
    """What runs in the background, for the secretariat: ingest jobs, workers, scheduled runs."""
    if refusal := _secretariat_only(request):
        return refusal
    jobs = IngestJob.objects.select_related("created_by")[:50]
    requeueable = set(IngestJob.objects.requeueable().values_list("pk", flat=True))
    context = {
        "jobs": jobs,
        "requeueable": requeueable,
        "processes": ProcessHeartbeat.objects.all()[:50],
        "runs": ScheduledRun.objects.all()[:50],
        "worker_seen": _worker_seen(),
    }
    return render(request, "documents/background.html", context)


@require_POST
def ingest_job_requeue(request, pk: int):
    """Queue an interrupted or failed upload again (its pending files); a refusal says why."""
    if refusal := _secretariat_only(request):
        return refusal
    job = get_object_or_404(IngestJob, pk=pk)
    try:
        requeue_ingest_job(job, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The job is queued again."))
    return redirect(job)


document_list = DocumentListView.as_view()
document_detail = public_page(DocumentDetailView.as_view())
document_create = DocumentCreateView.as_view()
document_update = DocumentUpdateView.as_view()
