"""Open data: the bulk downloads and their documented schema (names prefixed `opendata_`)."""

from django.urls import path, re_path

from accord.portal import opendata_views as views

urlpatterns = [
    path("", views.opendata, name="opendata"),
    path("api/", views.opendata_api, name="opendata_api"),
    path("regenerate/", views.opendata_regenerate, name="opendata_regenerate"),
    # A plain file name only: no slash can reach the file system.
    re_path(r"^(?P<name>[A-Za-z0-9_.-]+)$", views.opendata_file, name="opendata_file"),
]
