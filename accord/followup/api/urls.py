"""API routes of the followup app."""

urlpatterns: list = []
