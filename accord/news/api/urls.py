"""API routes of the news app."""

from rest_framework.routers import DefaultRouter

from accord.news.api import views

router = DefaultRouter()
router.register("news", views.NewsItemViewSet, basename="news-item")
urlpatterns = router.urls
