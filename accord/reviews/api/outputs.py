"""API of the review mechanism: outputs."""

routes: list = []
