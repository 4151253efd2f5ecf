"""API routes of the chairmanship app."""

from rest_framework.routers import DefaultRouter

from accord.chairmanship.api import views

router = DefaultRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("programme-items", views.ProgrammeItemViewSet, basename="programme-item")
router.register("chairmanship-reports", views.ChairmanshipReportViewSet, basename="chairmanship-report")
router.register("my-deadlines", views.MyDeadlinesViewSet, basename="my-deadline")
urlpatterns = router.urls
