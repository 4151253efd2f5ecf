"""The public portal: home, directory, profiles, calendar, sitemaps and open data."""

from django.urls import path

app_name = "portal"

urlpatterns: list = []
