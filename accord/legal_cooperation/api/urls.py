"""API routes of the legal_cooperation app."""

urlpatterns: list = []
