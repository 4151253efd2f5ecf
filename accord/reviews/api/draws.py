"""API of the review mechanism: draws."""

routes: list = []
