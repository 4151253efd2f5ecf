"""Analytics pages: meetings per body, participation, the network, timelines and trends.

Every page also answers `?format=csv` with its table.
"""

from django.urls import path

from accord.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.index, name="index"),
    path("meetings/", views.meetings, name="meetings"),
    path("participation/", views.participation, name="participation"),
    path("network/", views.network, name="network"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/state/<str:iso3>/", views.timeline_state, name="timeline_state"),
    path("timeline/organization/<int:pk>/", views.timeline_organization, name="timeline_organization"),
    path("timeline/person/<int:pk>/", views.timeline_person, name="timeline_person"),
    path("trends/", views.mention_trends, name="trends"),
]
