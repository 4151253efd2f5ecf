from accord.core.api.routers import Router
from accord.delegations.api import views

router = Router()
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register("delegations", views.DelegationViewSet, basename="delegation")
router.register("delegates", views.DelegateViewSet, basename="delegate")
router.register("letters", views.LetterViewSet, basename="letter")
urlpatterns = router.urls
