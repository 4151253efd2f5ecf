"""Plumbing: a country review's recommendations enter the register once its report is agreed or published.

Follow-up hears the review workflow's named events (`accord.reviews.signals`),
not every save of a review: a review saved for another reason imports nothing.
"""


def _review_agreed_or_published(sender, review, **kwargs) -> None:
    from accord.followup.services import import_review_recommendations

    import_review_recommendations(review)


def connect() -> None:
    from accord.reviews.signals import review_agreed, review_published

    review_agreed.connect(_review_agreed_or_published, dispatch_uid="followup.import_from_agreed_review")
    review_published.connect(
        _review_agreed_or_published, dispatch_uid="followup.import_from_published_review"
    )
