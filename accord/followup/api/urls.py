"""API routes of the followup app."""

from accord.core.api.routers import Router
from accord.followup.api import views

router = Router()
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("status-updates", views.StatusUpdateViewSet, basename="status-update")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
urlpatterns = router.urls
