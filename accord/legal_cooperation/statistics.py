"""Public aggregates of cooperation requests, with small counts suppressed.

A count below `ACCORD_SMALL_COUNT` (5 by default) could point at one case,
so it is shown as "<5" and never as a number, on the page and in the API.
Where a row names a state, a small count must not even name the state (a
"<5" beside it would still say that it sends requests, and to whom when
few states do): such states are merged into one "other states" row, whose
count is suppressed in turn when small. `accord.analytics` drops the pairs of
states below the threshold from its network for the same reason.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext

from accord.legal_cooperation.choices import RequestKind
from accord.legal_cooperation.models import CooperationRequest

OTHER_STATES = "other"


def small_count() -> int:
    return int(getattr(settings, "ACCORD_SMALL_COUNT", 5))


def is_small(count: int, *, threshold: int | None = None) -> bool:
    """Too small to publish as such, or beside anything that names a state (zero is not a case)."""
    return 0 < count < (small_count() if threshold is None else threshold)


@dataclass(frozen=True)
class Cell:
    """One aggregate: its label, and the count unless it is too small to publish."""

    key: str
    label: str
    count: int | None
    display: str

    @property
    def is_suppressed(self) -> bool:
        return self.count is None


def cell(key: str, label: str, count: int, *, threshold: int | None = None) -> Cell:
    limit = small_count() if threshold is None else threshold
    if is_small(count, threshold=limit):
        return Cell(key=key, label=label, count=None, display=f"<{limit}")
    return Cell(key=key, label=label, count=count, display=str(count))


def by_state(states, counts: dict[int, int]) -> list[Cell]:
    """One row per state with a publishable count, the others merged into "other states" (last)."""
    shown = sorted(
        (cell(s.iso3, s.name, counts[s.pk]) for s in states if not is_small(counts[s.pk])),
        key=lambda c: c.label,
    )
    merged = sum(n for n in counts.values() if is_small(n))
    if merged:
        shown.append(cell(OTHER_STATES, gettext("Other states"), merged))
    return shown


def statistics() -> dict[str, list[Cell]]:
    """Counts of all requests by kind, by year received and by state (as requesting and as requested)."""
    from accord.registry.models import State

    requests = CooperationRequest.objects.all()
    by_kind = dict(requests.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    by_year = (
        requests.annotate(year=ExtractYear("received_on"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    sent = dict(
        requests.values_list("requesting_state").annotate(n=Count("id")).values_list("requesting_state", "n")
    )
    received = dict(
        requests.values_list("requested_state").annotate(n=Count("id")).values_list("requested_state", "n")
    )
    states = State.objects.filter(pk__in=set(sent) | set(received))
    total = requests.count()
    sent_states = [s for s in states if s.pk in sent]
    received_states = [s for s in states if s.pk in received]
    return {
        "total": [cell("total", "", total)],
        "by_kind": [cell(value, str(label), by_kind.get(value, 0)) for value, label in RequestKind.choices],
        "by_year": [cell(str(row["year"]), str(row["year"]), row["n"]) for row in by_year],
        "sent_by_state": by_state(sent_states, sent),
        "received_by_state": by_state(received_states, received),
    }
