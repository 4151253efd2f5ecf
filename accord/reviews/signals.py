"""Named events of the review workflow, for apps above reviews (follow-up) to hear.

Sent by `services.move_review` inside its transaction, after the review row
is saved, with `sender=CountryReview` and `review=` the saved review. A save
of a review for any other reason (a deadline, the dialogue, the admin) sends
nothing: listeners react to the workflow, not to rows.
"""

from django.dispatch import Signal

review_agreed = Signal()
"""A review's report was agreed: the review entered the phase "agreed" (forward, or back from "published")."""

review_published = Signal()
"""A review's summary was published: the review entered the phase "published"."""
