from rest_framework.routers import DefaultRouter

from accord.core.api import tokens

router = DefaultRouter()
router.register("tokens", tokens.TokenViewSet, basename="token")
urlpatterns = router.urls
