"""The public portal: home, directory, profiles, calendar, sitemaps and open data."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from accord.core.cache import public_page
from accord.portal import views
from accord.portal.sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<str:key>/", views.body_detail, name="body_detail"),
    path("states/", views.state_list, name="state_list"),
    path("states/<str:iso3>/", views.state_detail, name="state_detail"),
    path("people/<int:pk>/", views.person_detail, name="person_short"),
    path("people/<int:pk>/<slug:slug>/", views.person_detail, name="person_detail"),
    path("calendar/", views.calendar, name="calendar"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {
            "sitemaps": SITEMAPS,
            "template_name": "portal/sitemap_index.xml",
            "sitemap_url_name": "portal:sitemap_section",
        },
        name="sitemap_index",
    ),
    path(
        "sitemap-<str:section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "portal/sitemap.xml"},
        name="sitemap_section",
    ),
    path("open-data/", include("accord.portal.opendata_urls")),
]
