"""API routes of the cooperation app."""

urlpatterns: list = []
