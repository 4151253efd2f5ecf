from accord.core.api.routers import Router
from accord.extraction.api import views

router = Router()
router.register("mentions", views.MentionViewSet, basename="mention")
router.register("suggestions", views.SuggestionViewSet, basename="suggestion")
urlpatterns = router.urls
