"""News pages (the public list and item, the secretariat's editor) and feeds."""

from django.urls import path

from accord.core.cache import public_page
from accord.news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="news_list"),
    path("feed/", public_page(feeds.NewsFeed()), name="feed"),
    path("feed/bodies/<slug:slug>/", public_page(feeds.BodyNewsFeed()), name="body_feed"),
    path("feed/states/<str:iso3>/", public_page(feeds.StateNewsFeed()), name="state_feed"),
    path("manage/", views.news_manage, name="news_manage"),
    path("manage/new/", views.news_edit, name="news_create"),
    path("manage/<int:pk>/", views.news_edit, name="news_edit"),
    path("manage/<int:pk>/links/", views.news_links, name="news_links"),
    path("manage/<int:pk>/files/", views.news_attachments, name="news_attachments"),
    path(
        "manage/<int:pk>/files/<int:attachment_pk>/delete/",
        views.news_attachment_delete,
        name="news_attachment_delete",
    ),
    path("manage/<int:pk>/<str:action>/", views.news_transition, name="news_transition"),
    path("<slug:slug>/", views.news_detail, name="news_detail"),
    path("<slug:slug>/image/", views.news_image, name="news_image"),
    path("<slug:slug>/files/<int:pk>/", views.news_file, name="news_file"),
]
