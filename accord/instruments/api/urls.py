from accord.core.api.routers import Router
from accord.instruments.api import views

router = Router()
router.register("instruments", views.InstrumentViewSet, basename="instrument")
router.register("provisions", views.ProvisionViewSet, basename="provision")
router.register("parties", views.PartyViewSet, basename="party")
router.register("mandates", views.MandateViewSet, basename="mandate")
urlpatterns = router.urls
