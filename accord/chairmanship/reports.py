"""Who chairs a body in a year, and the generated results report of that year.

Chairs come from `registry.Membership` (role chair or co-chair): nothing is
copied here. The report counts only what other records hold — meetings,
their outcomes, mandates, instruments, the programme — so that it is never
out of step with them.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.chairmanship.choices import ProgrammeItemStatus
from accord.chairmanship.models import Programme, ProgrammeItem
from accord.instruments.models import Instrument, Mandate
from accord.meetings.choices import MeetingFormat, MeetingKind, MeetingStatus, OutcomeKind
from accord.meetings.models import Meeting, Outcome
from accord.registry.choices import MembershipRole
from accord.registry.models import Membership, Organization

CHAIR_ROLES = (MembershipRole.CHAIR, MembershipRole.CO_CHAIR)
MIN_YEAR, MAX_YEAR = 1945, 2100


def first_and_last_day(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def parse_year(value) -> int:
    """A year from user input; ValueError with a translated message otherwise."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError(_("“%(value)s” is not a year.") % {"value": value}) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _("Give a year between %(first)s and %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}
        )
    return year


def body_ids(body: Organization) -> list[int]:
    """The body and all its sub-bodies, as `MeetingQuerySet.of_body` counts them."""
    return Organization.objects.subtree_ids(body)


def chair_memberships():
    """Every chair and co-chair membership with a known start: those the chairmanship pages read."""
    return (
        Membership.objects.filter(role__in=CHAIR_ROLES, start_on__isnull=False)
        .select_related("body", "state", "organization")
        .order_by("body_id", "start_on", "role")
    )


def chairs_for(body: Organization, year: int) -> list[Membership]:
    """The memberships that make someone chair or co-chair of the body during the year, chairs first."""
    first, last = first_and_last_day(year)
    found = (
        chair_memberships()
        .filter(body=body, start_on__lte=last)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first))
    )
    return sorted(found, key=lambda m: (m.role != MembershipRole.CHAIR, str(m.member)))


@dataclass
class ChairmanshipYear:
    """A body's chairmanship in one year: the chair(s) and co-chairs, and whether a programme exists."""

    body: Organization
    year: int
    chairs: list[Membership] = field(default_factory=list)
    co_chairs: list[Membership] = field(default_factory=list)
    has_programme: bool = False


def chairmanship_years(*, body: Organization | None = None) -> list[ChairmanshipYear]:
    """Each body with a chair, year by year, newest year first (open-ended terms run to this year)."""
    this_year = timezone.localdate().year
    memberships = chair_memberships()
    if body is not None:
        memberships = memberships.filter(body=body)
    years: dict[tuple[int, int], ChairmanshipYear] = {}
    for membership in memberships:
        last = membership.end_on.year if membership.end_on else max(this_year, membership.start_on.year)
        for year in range(membership.start_on.year, last + 1):
            entry = years.setdefault(
                (membership.body_id, year), ChairmanshipYear(body=membership.body, year=year)
            )
            (entry.chairs if membership.role == MembershipRole.CHAIR else entry.co_chairs).append(membership)
    with_programme = set(Programme.objects.values_list("body_id", "year"))
    for key, entry in years.items():
        entry.has_programme = key in with_programme
    return sorted(years.values(), key=lambda e: (str(e.body), -e.year))


@dataclass
class Count:
    """One line of a report table: a value, its label in the UI language, how many."""

    value: str
    label: str
    count: int


@dataclass
class YearReport:
    """The results of a chairmanship year (итоги председательства), counted from the records."""

    body: Organization
    year: int
    chairs: list[Membership]
    co_chairs: list[Membership]
    programme: Programme | None
    items: list[ProgrammeItem]
    meetings: list[Meeting]
    meetings_by_kind: list[Count]
    meetings_by_format: list[Count]
    decisions: int
    decision_mandates: list[Mandate]
    decisions_described: list[Outcome]
    instruments: list[Instrument]
    items_by_status: list[Count]

    @property
    def meeting_count(self) -> int:
        return len(self.meetings)

    @property
    def items_planned(self) -> int:
        return len(self.items)

    @property
    def items_held(self) -> int:
        return sum(1 for item in self.items if item.status == ProgrammeItemStatus.HELD)

    def as_dict(self) -> dict:
        """The report for the API: ids and counts, labels in the request's language."""

        def counts(rows: list[Count]) -> list[dict]:
            return [{"value": r.value, "label": r.label, "count": r.count} for r in rows]

        def member(m: Membership) -> dict:
            return {"id": m.pk, "state": m.state.iso3 if m.state_id else None, "display": str(m.member)}

        return {
            "body": {"id": self.body.pk, "display": str(self.body)},
            "year": self.year,
            "chairs": [member(m) for m in self.chairs],
            "co_chairs": [member(m) for m in self.co_chairs],
            "programme": self.programme.pk if self.programme else None,
            "meetings": self.meeting_count,
            "meetings_by_kind": counts(self.meetings_by_kind),
            "meetings_by_format": counts(self.meetings_by_format),
            "decisions": self.decisions,
            "instruments": [{"id": i.pk, "display": str(i)} for i in self.instruments],
            "programme_items_planned": self.items_planned,
            "programme_items_held": self.items_held,
            "programme_items_by_status": counts(self.items_by_status),
        }


def _counted(values: list[str], choices) -> list[Count]:
    """Counts in the order of the vocabulary, zero rows left out."""
    tally = Counter(values)
    return [Count(value, str(label), tally[value]) for value, label in choices.choices if tally[value]]


def year_report(body: Organization, year: int, *, user) -> YearReport:
    """Count the year's results of the body and its sub-bodies, as far as `user` may see.

    - meetings: held (status «held»), starting in the year; sittings that are
      part of a session (`parent`) count with their session, not again;
    - decisions: distinct mandates adopted that year by those bodies or
      recorded as a «decision adopted» outcome of those meetings, plus such
      outcomes that describe a decision without a mandate record;
    - instruments: adopted or opened for signature that year within those bodies;
    - programme: its items by status, held against all planned.
    """
    first, last = first_and_last_day(year)
    ids = body_ids(body)
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(
            body_id__in=ids, status=MeetingStatus.HELD, parent__isnull=True, start_on__range=(first, last)
        )
        .select_related("body")
        .order_by("start_on", "pk")
    )
    outcomes = list(
        Outcome.objects.filter(
            meeting__in=[m.pk for m in meetings], kind=OutcomeKind.DECISION_ADOPTED
        ).select_related("mandate")
    )
    mandates = {o.mandate_id: o.mandate for o in outcomes if o.mandate_id}
    for mandate in Mandate.objects.filter(body_id__in=ids, adopted_on__range=(first, last)):
        mandates.setdefault(mandate.pk, mandate)
    described = [o for o in outcomes if not o.mandate_id]
    instruments = list(
        Instrument.objects.visible_to(user)
        .filter(organization_id__in=ids)
        .filter(Q(adopted_on__range=(first, last)) | Q(opened_for_signature_on__range=(first, last)))
        .order_by("adopted_on", "pk")
    )
    programme = Programme.objects.filter(body=body, year=year).first()
    items = list(programme.items.select_related("meeting")) if programme else []
    chairs = chairs_for(body, year)
    return YearReport(
        body=body,
        year=year,
        chairs=[m for m in chairs if m.role == MembershipRole.CHAIR],
        co_chairs=[m for m in chairs if m.role == MembershipRole.CO_CHAIR],
        programme=programme,
        items=items,
        meetings=meetings,
        meetings_by_kind=_counted([m.kind for m in meetings], MeetingKind),
        meetings_by_format=_counted([m.format for m in meetings], MeetingFormat),
        decisions=len(mandates) + len(described),
        decision_mandates=sorted(mandates.values(), key=lambda m: (m.adopted_on or first, m.number)),
        decisions_described=described,
        instruments=instruments,
        items_by_status=_counted([i.status for i in items], ProgrammeItemStatus),
    )
