from accord.core.api.routers import Router
from accord.meetings.api import views

router = Router()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agenda-item")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
urlpatterns = router.urls
