"""News pages (the public list and item, the secretariat's editor) and feeds."""

from django.urls import path

from accord.news import views

app_name = "news"

urlpatterns = [
    path("<slug:slug>/", views.news_detail, name="news_detail"),
]
