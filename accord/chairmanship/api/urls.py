"""API routes of the chairmanship app."""

urlpatterns: list = []
