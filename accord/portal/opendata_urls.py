"""Open data: the bulk downloads and their documented schema (names prefixed `opendata_`)."""

urlpatterns: list = []
