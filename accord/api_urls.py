"""The REST API: one router for every app, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accord.documents.api.search_views import SearchView
from accord.registry.api.popolo_views import PopoloExportView

urlpatterns = [
    path("popolo.json", PopoloExportView.as_view(), name="popolo"),
    path("search/", SearchView.as_view(), name="search"),
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
    path("", include("accord.core.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
