"""The registry's addresses of records that have their one page on the portal (a state, a body, a person).

Mounted under /registry/ before the registry's own routes (accord/urls.py), so
/registry/states/KAZ/ leads to /states/kaz/; organizations and people without
a portal page fall through to the registry's pages.
"""

from django.urls import path

from accord.portal import views

urlpatterns = [
    path("states/<str:iso3>/", views.registry_state),
    path("organizations/<int:pk>/", views.registry_organization),
    path("persons/<int:pk>/", views.registry_person),
]
