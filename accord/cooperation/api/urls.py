"""API routes of the cooperation app."""

from accord.cooperation.api import views
from accord.core.api.routers import Router

router = Router()
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("initiative-steps", views.InitiativeStepViewSet, basename="initiative-step")
router.register("initiative-supports", views.InitiativeSupportViewSet, basename="initiative-support")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("agreement-parties", views.AgreementPartyViewSet, basename="agreement-party")
router.register("planned-activities", views.PlannedActivityViewSet, basename="planned-activity")
urlpatterns = router.urls
