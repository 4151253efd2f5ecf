from rest_framework.routers import DefaultRouter

from accord.meetings.api import views

router = DefaultRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agenda-item")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
urlpatterns = router.urls
