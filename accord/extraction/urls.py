from django.urls import path

from accord.extraction import views

app_name = "extraction"

urlpatterns = [
    path("documents/<int:pk>/", views.document_entities, name="document_entities"),
    path("documents/<int:pk>/extract/", views.document_extract, name="document_extract"),
    path("suggestions/", views.suggestion_list, name="suggestion_list"),
    path("suggestions/<int:pk>/accept/", views.suggestion_accept, name="suggestion_accept"),
    path("suggestions/<int:pk>/edit/", views.suggestion_edit, name="suggestion_edit"),
    path("suggestions/<int:pk>/reject/", views.suggestion_reject, name="suggestion_reject"),
]
