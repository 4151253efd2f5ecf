"""Pages of the legal_cooperation app."""

app_name = "legal_cooperation"

urlpatterns: list = []
