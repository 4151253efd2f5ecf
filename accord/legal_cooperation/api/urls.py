"""API routes of the legal_cooperation app."""

from accord.core.api.routers import Router
from accord.legal_cooperation.api import views

router = Router()
router.register("cooperation-requests", views.CooperationRequestViewSet, basename="cooperation-request")
router.register(
    "cooperation-request-statistics",
    views.CooperationStatisticsViewSet,
    basename="cooperation-request-statistics",
)
router.register(
    "cooperation-request-access-log", views.AccessLogViewSet, basename="cooperation-request-access-log"
)
urlpatterns = router.urls
