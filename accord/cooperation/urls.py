"""Pages of the cooperation app."""

app_name = "cooperation"

urlpatterns: list = []
