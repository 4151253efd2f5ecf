"""API of the review mechanism: questionnaires."""

routes: list = []
