"""View bases shared by every app's pages."""

from django.core.exceptions import ImproperlyConfigured
from django.views.generic import ListView


class FilteredListView(ListView):
    """A list a user may see, filtered by a FilterSet, paginated, htmx-aware.

    An htmx request (typing in the search box) gets only the `#results`
    partial of the same template, so the page and the fragment cannot drift.
    """

    filterset_class = None
    paginate_by = 50

    def get_queryset(self):
        if self.filterset_class is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a filterset_class.")
        queryset = super().get_queryset().visible_to(self.request.user)
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=queryset, request=self.request
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return queryset.none()
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        """An out-of-range or malformed page number shows the nearest page, not a 404."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        return context

    def get_template_names(self) -> list[str]:
        names = super().get_template_names()
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [f"{name}#results" for name in names]
        return names
