"""API routes of the news app."""

from accord.core.api.routers import Router
from accord.news.api import views

router = Router()
router.register("news", views.NewsItemViewSet, basename="news-item")
urlpatterns = router.urls
