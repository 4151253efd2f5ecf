"""Plumbing: a country review's recommendations enter the register once its report is agreed or published."""

from django.db.models.signals import post_save


def _review_saved(sender, instance, **kwargs) -> None:
    from accord.followup.services import IMPORTABLE_PHASES, import_review_recommendations

    if instance.phase in IMPORTABLE_PHASES and not kwargs.get("raw"):
        import_review_recommendations(instance)


def connect() -> None:
    from accord.reviews.models import CountryReview

    post_save.connect(_review_saved, sender=CountryReview, dispatch_uid="followup.import_from_review")
