"""Pages of the review mechanism: outputs."""

urlpatterns: list = []
