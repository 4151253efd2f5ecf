from django.urls import path

from accord.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("search/", views.document_search, name="document_search"),
    path("upload/", views.upload, name="upload"),
    path("ingest/<int:pk>/", views.ingest_job, name="ingest_job"),
    path("ingest/<int:pk>/requeue/", views.ingest_job_requeue, name="ingest_job_requeue"),
    path("background/", views.background, name="background"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_update, name="document_update"),
    path("<int:pk>/original/", views.document_original, name="document_original"),
    path("<int:pk>/publish/", views.document_publish, name="document_publish"),
]
