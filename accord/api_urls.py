"""The REST API: one router for every app, the OpenAPI schema and its docs."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accord.documents.api.search_views import SearchView
from accord.registry.api.popolo_views import PopoloExportView

urlpatterns = [
    path("popolo.json", PopoloExportView.as_view(), name="popolo"),
    path("search/", SearchView.as_view(), name="search"),
    path("", include("accord.portal.api_urls")),
    path("", include("accord.registry.api.urls")),
    path("", include("accord.instruments.api.urls")),
    path("", include("accord.meetings.api.urls")),
    path("", include("accord.documents.api.urls")),
    path("", include("accord.extraction.api.urls")),
    path("", include("accord.reviews.api.urls")),
    path("", include("accord.followup.api.urls")),
    path("", include("accord.cooperation.api.urls")),
    path("", include("accord.legal_cooperation.api.urls")),
    path("", include("accord.chairmanship.api.urls")),
    path("", include("accord.news.api.urls")),
    path("", include("accord.delegations.api.urls")),
    path("", include("accord.core.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's start-up script is served apart (`?script`), so the strict policy holds there.
    # Redoc writes <style> elements and starts its search in a blob: worker at run time: its page
    # alone allows both (its "powered by" logo from a CDN stays refused: no third-party requests).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "redoc/",
        csp_update({"style-src": UNSAFE_INLINE, "worker-src": "blob:"})(
            SpectacularRedocView.as_view(url_name="schema")
        ),
        name="redoc",
    ),
]
