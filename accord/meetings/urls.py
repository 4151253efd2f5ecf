from django.urls import path

from accord.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("calendar/", views.meeting_month, name="meeting_month"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_update, name="meeting_update"),
    path("<int:pk>/participants/bulk/", views.participants_bulk, name="participants_bulk"),
    path("<int:pk>/agenda/<int:item_pk>/move/<str:direction>/", views.agenda_move, name="agenda_move"),
    path("<int:pk>/<str:section>/form/", views.section_form, name="section_form"),
    path("<int:pk>/<str:section>/add/", views.section_add, name="section_add"),
    path("<int:pk>/<str:section>/<int:item_pk>/delete/", views.section_delete, name="section_delete"),
    path("feed.ics", views.feed_all, name="feed_all"),
    path("feed/body/<int:pk>.ics", views.feed_body, name="feed_body"),
    path("feed/state/<str:iso3>.ics", views.feed_state, name="feed_state"),
]
