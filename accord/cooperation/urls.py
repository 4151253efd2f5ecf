"""Pages of the cooperation app."""

from django.urls import path

from accord.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_update, name="initiative_update"),
    path("initiatives/<int:pk>/<str:section>/", views.initiative_section, name="initiative_section"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_update, name="agreement_update"),
    path("agreements/<int:pk>/<str:section>/", views.agreement_section, name="agreement_section"),
    path(
        "agreements/<int:pk>/<str:section>/<int:item_pk>/delete/",
        views.agreement_section_delete,
        name="agreement_section_delete",
    ),
]
