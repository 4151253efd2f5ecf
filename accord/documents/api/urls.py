from accord.core.api.routers import Router
from accord.documents.api import views

router = Router()
router.register("documents", views.DocumentViewSet, basename="document")
urlpatterns = router.urls
