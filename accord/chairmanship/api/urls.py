"""API routes of the chairmanship app."""

from accord.chairmanship.api import views
from accord.core.api.routers import Router

router = Router()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("programme-items", views.ProgrammeItemViewSet, basename="programme-item")
router.register("chairmanship-reports", views.ChairmanshipReportViewSet, basename="chairmanship-report")
router.register("my-deadlines", views.MyDeadlinesViewSet, basename="my-deadline")
urlpatterns = router.urls
