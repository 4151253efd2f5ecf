from django.urls import path

from accord.instruments import views

app_name = "instruments"

urlpatterns = [
    path("", views.instrument_list, name="instrument_list"),
    path("mandates/", views.mandate_list, name="mandate_list"),
    path("mandates/<int:pk>/", views.mandate_detail, name="mandate_detail"),
    path("<slug:slug>/", views.instrument_detail, name="instrument_detail"),
]
