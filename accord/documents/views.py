"""Document pages: list with search, metadata and text, and the secretariat's forms."""

from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import CreateView, DetailView, UpdateView

from accord.core.history import history_for
from accord.core.views import EditPageMixin, FilteredListView
from accord.documents.filtersets import DocumentFilterSet
from accord.documents.forms import DocumentForm
from accord.documents.models import Document
from accord.documents.search.engine import search
from accord.documents.search.forms import SearchForm


class DocumentListView(FilteredListView):
    model = Document
    filterset_class = DocumentFilterSet
    template_name = "documents/document_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("meeting", "publisher").defer("text")


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).select_related(
            "meeting", "agenda_item", "publisher", "version_of"
        )

    def get_context_data(self, **kwargs):
        versions = self.object.versions().visible_to(self.request.user).defer("text")
        return super().get_context_data(
            versions=versions, history=history_for(self.request.user, self.object), **kwargs
        )


class DocumentCreateView(EditPageMixin, CreateView):
    model = Document
    form_class = DocumentForm
    list_url_name = "documents:document_list"

    def get_initial(self):
        return {"meeting": self.request.GET.get("meeting")}


class DocumentUpdateView(EditPageMixin, UpdateView):
    model = Document
    form_class = DocumentForm


def document_original(request, pk: int):
    """The uploaded original, for those who may see the document (no public media folder)."""
    document = get_object_or_404(Document.objects.visible_to(request.user).exclude(original=""), pk=pk)
    try:
        handle = document.original.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = Path(document.original.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


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


document_list = DocumentListView.as_view()
document_detail = DocumentDetailView.as_view()
document_create = DocumentCreateView.as_view()
document_update = DocumentUpdateView.as_view()
