"""The public portal: home, directory, profiles, calendar, sitemaps and open data."""

from django.urls import include, path

app_name = "portal"

urlpatterns = [
    path("open-data/", include("accord.portal.opendata_urls")),
]
