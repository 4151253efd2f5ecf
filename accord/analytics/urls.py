"""Analytics pages: meetings per body, participation, the network, timelines and trends."""

from django.urls import path

app_name = "analytics"

urlpatterns: list = []
