"""API routes of the followup app."""

from rest_framework.routers import DefaultRouter

from accord.followup.api import views

router = DefaultRouter()
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("status-updates", views.StatusUpdateViewSet, basename="status-update")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
urlpatterns = router.urls
