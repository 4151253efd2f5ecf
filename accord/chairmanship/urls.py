"""Pages of the chairmanship app."""

app_name = "chairmanship"

urlpatterns: list = []
