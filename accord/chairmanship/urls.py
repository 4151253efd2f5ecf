"""Pages of the chairmanship app."""

from django.urls import path

from accord.chairmanship import views

app_name = "chairmanship"

urlpatterns = [
    path("", views.chairmanship_list, name="chairmanship_list"),
    path("<int:body>/<int:year>/", views.chairmanship_year, name="chairmanship_year"),
    path("<int:body>/<int:year>/report.docx", views.report_docx, name="report_docx"),
    path("items/<int:pk>/status/", views.item_status, name="item_status"),
]
