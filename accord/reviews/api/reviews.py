"""API of the review mechanism: reviews."""

routes: list = []
