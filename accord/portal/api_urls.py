"""The portal's API: search everywhere (included by accord/api_urls.py under /api/)."""

from django.urls import path

from accord.portal.api import EverythingView

urlpatterns = [
    path("search/everything/", EverythingView.as_view(), name="search_everything"),
]
