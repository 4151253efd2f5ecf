"""Top-level URL map: pages per app, the API under /api/, admin, i18n."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accord.core import import_views
from accord.core import views as core_views
from accord.core.health import HealthView
from accord.registry import views as registry_views

urlpatterns = [
    path("health/", HealthView.as_view(), name="health"),
    path("workspace/", registry_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/tokens/", core_views.token_list, name="token_list"),
    path("imports/", import_views.import_start, name="import_start"),
    path("imports/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<slug:kind>/template.<str:fmt>", import_views.import_template, name="import_template"),
    path("account/tokens/<str:key>/revoke/", core_views.token_revoke, name="token_revoke"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", core_views.switch_language, name="switch_language"),
    path("autocomplete/<str:kind>/", core_views.autocomplete, name="autocomplete"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    # A state, a body and a person have one page, the portal's (members see their panels there):
    # the registry's addresses of the same records lead to it.
    path("registry/", include("accord.portal.registry_urls")),
    path("registry/", include("accord.registry.urls")),
    path("instruments/", include("accord.instruments.urls")),
    path("meetings/", include("accord.meetings.urls")),
    path("documents/", include("accord.documents.urls")),
    path("extraction/", include("accord.extraction.urls")),
    path("reviews/", include("accord.reviews.urls")),
    path("followup/", include("accord.followup.urls")),
    path("cooperation/", include("accord.cooperation.urls")),
    path("requests/", include("accord.legal_cooperation.urls")),
    path("chairmanship/", include("accord.chairmanship.urls")),
    path("news/", include("accord.news.urls")),
    path("delegations/", include("accord.delegations.urls")),
    path("analytics/", include("accord.analytics.urls")),
    path("", include("accord.portal.urls")),
    path("api/", include("accord.api_urls")),
    path("admin/", admin.site.urls),
]

# Errors no view answered: JSON in the API's shape under /api/, pages elsewhere (accord/core/errors.py).
handler400 = "accord.core.errors.bad_request"
handler403 = "accord.core.errors.permission_denied"
handler404 = "accord.core.errors.page_not_found"
handler500 = "accord.core.errors.server_error"
