"""Pages of the followup app."""

from django.urls import path

from accord.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("new/", views.RecommendationCreateView.as_view(), name="recommendation_create"),
    path("import/", views.import_from_reviews, name="import_from_reviews"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.csv", views.dashboard_export, {"fmt": "csv"}, name="dashboard_csv"),
    path("dashboard/export.xlsx", views.dashboard_export, {"fmt": "xlsx"}, name="dashboard_xlsx"),
    path("<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("<int:pk>/edit/", views.RecommendationUpdateView.as_view(), name="recommendation_update"),
    path("<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("<int:pk>/updates/<int:update_pk>/assess/", views.assess_update, name="assess_update"),
]
