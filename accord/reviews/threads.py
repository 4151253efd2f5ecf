"""Comment threads per provision, as the review page reads them; comments and experts are written by `services`."""

from dataclasses import dataclass, field

from accord.reviews.models import CountryReview


@dataclass
class Thread:
    provision: object | None
    comments: list = field(default_factory=list)


def threads(review: CountryReview) -> list[Thread]:
    """The review's comments as threads: the general one first, then one per provision in reading order."""
    by_provision: dict[int | None, Thread] = {}
    comments = review.comments.select_related("author", "provision").order_by("created_at", "pk")
    for comment in comments:
        thread = by_provision.setdefault(comment.provision_id, Thread(comment.provision))
        thread.comments.append(comment)
    general = by_provision.pop(None, None)
    ordered = sorted(by_provision.values(), key=lambda t: (t.provision.instrument_id, t.provision.position))
    return [general, *ordered] if general else ordered
