"""Pages of the review mechanism: questionnaires."""

urlpatterns: list = []
