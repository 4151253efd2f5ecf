"""Pages of the legal_cooperation app."""

from django.urls import path

from accord.legal_cooperation import views

app_name = "legal_cooperation"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_create, name="request_create"),
    path("export.csv", views.request_export, name="request_export"),
    path("statistics/", views.request_statistics, name="statistics"),
    path("access-log/", views.access_log, name="access_log"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/edit/", views.request_update, name="request_update"),
    path("<int:pk>/status/", views.request_status, name="request_status"),
    path("<int:pk>/note/", views.request_note, name="request_note"),
    path("<int:pk>/amounts/", views.request_amount, name="request_amount"),
]
