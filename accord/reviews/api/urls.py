"""API routes of the review mechanism; each module lists `(prefix, viewset, basename)` routes."""

from accord.core.api.routers import Router
from accord.reviews.api import draws, outputs, questionnaires, reviews

router = Router()
for prefix, viewset, basename in [*reviews.routes, *draws.routes, *questionnaires.routes, *outputs.routes]:
    router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
