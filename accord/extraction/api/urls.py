from rest_framework.routers import DefaultRouter

from accord.extraction.api import views

router = DefaultRouter()
router.register("mentions", views.MentionViewSet, basename="mention")
router.register("suggestions", views.SuggestionViewSet, basename="suggestion")
urlpatterns = router.urls
