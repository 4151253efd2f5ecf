"""Pages of the review mechanism: draws."""

urlpatterns: list = []
