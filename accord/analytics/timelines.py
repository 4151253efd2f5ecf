"""Timelines of a state, a body or a person: the dated events the records hold, in order.

Each source is one query from `visible_to(user)` with what its texts need
joined in; every source keeps its newest `SOURCE_LIMIT` events, and the
page says when one was cut. Nothing here writes.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.analytics.figures import Figure
from accord.registry.choices import MembershipRole
from accord.registry.models import Membership, Organization, Person, Post, State

#: Events kept per source (the newest), so one busy source cannot flood the page.
SOURCE_LIMIT = 500

KINDS = {
    "registry": gettext_lazy("Registry"),
    "post": gettext_lazy("Posts"),
    "membership": gettext_lazy("Memberships"),
    "chairmanship": gettext_lazy("Chairmanships"),
    "meeting_held": gettext_lazy("Meetings held"),
    "meeting_attended": gettext_lazy("Meetings attended"),
    "instrument": gettext_lazy("Instruments"),
    "mandate": gettext_lazy("Resolutions and decisions"),
    "review": gettext_lazy("Reviews"),
    "agreement": gettext_lazy("Agreements"),
    "election": gettext_lazy("Elections"),
    "news": gettext_lazy("News"),
}
KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}
CHAIR_ROLES = (MembershipRole.CHAIR, MembershipRole.CO_CHAIR)


@dataclass(frozen=True)
class Event:
    on: datetime.date
    kind: str
    text: str
    url: str | None = None

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


class Collector:
    """Gathers events from capped sources and remembers which ones were cut."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.cut: set[str] = set()

    def take(self, kind: str, queryset, order: str) -> list:
        rows = list(queryset.order_by(f"-{order}", "-pk")[: SOURCE_LIMIT + 1])
        if len(rows) > SOURCE_LIMIT:
            self.cut.add(kind)
            rows = rows[:SOURCE_LIMIT]
        return rows

    def add(self, on, kind: str, text: str, url: str | None = None) -> None:
        if on is None:
            return
        if isinstance(on, datetime.datetime):
            on = timezone.localtime(on).date() if timezone.is_aware(on) else on.date()
        self.events.append(Event(on, kind, text, url))


def _url(obj) -> str | None:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None


def _meetings(c: Collector, user, kind: str, meetings, template: str) -> None:
    for meeting in c.take(kind, meetings.select_related("body"), "start_on"):
        c.add(meeting.start_on, kind, template.format(meeting=meeting.title), _url(meeting))


def _participations(c: Collector, user, participations) -> None:
    rows = c.take("meeting_attended", participations.select_related("meeting__body"), "meeting__start_on")
    for p in rows:
        c.add(
            p.meeting.start_on,
            "meeting_attended",
            _("Takes part in {meeting} ({role})").format(meeting=p.meeting.title, role=p.get_role_display()),
            _url(p.meeting),
        )


def _memberships(c: Collector, memberships, *, as_body: Organization | None = None) -> None:
    rows = list(
        memberships.select_related("body", "state", "organization").order_by("-start_on", "-pk")[
            : SOURCE_LIMIT + 1
        ]
    )
    if len(rows) > SOURCE_LIMIT:
        c.cut.add("membership")
        rows = rows[:SOURCE_LIMIT]
    for m in rows:
        kind = "chairmanship" if m.role in CHAIR_ROLES else "membership"
        role = m.get_role_display()
        if as_body is not None and m.body_id == as_body.pk:
            start = _("{member} joins as {role}").format(member=m.member, role=role.lower())
            end = _("{member} leaves ({role})").format(member=m.member, role=role.lower())
            url = _url(m.member)
        else:
            start = _("{role}: {body}").format(role=role, body=m.body)
            end = _("{role} ends: {body}").format(role=role, body=m.body)
            url = _url(m.body)
        c.add(m.start_on, kind, start, url)
        c.add(m.end_on, kind, end, url)


def _posts(c: Collector, posts, *, name_person: bool) -> None:
    for post in c.take("post", posts.select_related("person", "organization"), "start_on"):
        if name_person:
            start = _("{person} takes office: {title}").format(person=post.person, title=post.title)
            end = _("{person} leaves office: {title}").format(person=post.person, title=post.title)
            url = _url(post.person)
        else:
            start = _("Takes office: {title}, {organization}").format(
                title=post.title, organization=post.organization
            )
            end = _("Leaves office: {title}, {organization}").format(
                title=post.title, organization=post.organization
            )
            url = _url(post.organization)
        c.add(post.start_on, "post", start, url)
        c.add(post.end_on, "post", end, url)


def _agreements(c: Collector, agreements) -> None:
    for agreement in c.take("agreement", agreements, "signed_on"):
        url = _url(agreement)
        c.add(agreement.signed_on, "agreement", _("Signs: {title}").format(title=agreement.title), url)
        c.add(
            agreement.entry_into_force_on,
            "agreement",
            _("Enters into force: {title}").format(title=agreement.title),
            url,
        )
        c.add(agreement.expires_on, "agreement", _("Expires: {title}").format(title=agreement.title), url)


def _news(c: Collector, user, obj) -> None:
    from accord.news.models import NewsItem

    items = NewsItem.objects.visible_to(user).published().about(obj)
    for item in c.take("news", items, "published_at"):
        c.add(item.published_at, "news", _("News: {title}").format(title=item.title), _url(item))


def state_events(user, state: State) -> Collector:
    """A state's memberships and chairs, meetings held and attended, instruments, reviews, agreements, news."""
    from accord.cooperation.models import Agreement
    from accord.instruments.models import Party
    from accord.meetings.models import Meeting, Participation
    from accord.reviews.models import CountryReview, ReviewerAssignment, Summary, Transition

    c = Collector()
    _memberships(c, Membership.objects.visible_to(user).filter(state=state))
    _meetings(
        c, user, "meeting_held", Meeting.objects.visible_to(user).filter(country=state), _("Hosts: {meeting}")
    )
    _participations(
        c, user, Participation.objects.visible_to(user).filter(state=state).exclude(meeting__country=state)
    )
    parties = Party.objects.visible_to(user).filter(state=state).select_related("instrument")
    for party in c.take("instrument", parties, "pk"):
        name, url = party.instrument.name, _url(party.instrument)
        c.add(party.signed_on, "instrument", _("Signs: {instrument}").format(instrument=name), url)
        consent = party.get_consent_display() if party.consent else _("Consent to be bound")
        c.add(
            party.consent_on,
            "instrument",
            _("{consent}: {instrument}").format(consent=consent, instrument=name),
            url,
        )
        c.add(
            party.entry_into_force_on,
            "instrument",
            _("In force for the state: {instrument}").format(instrument=name),
            url,
        )
        c.add(party.withdrawn_on, "instrument", _("Withdraws: {instrument}").format(instrument=name), url)
    transitions = Transition.objects.visible_to(user).filter(review__state=state)
    transitions = transitions.select_related("review__state", "review__cycle__mechanism")
    for t in c.take("review", transitions, "at"):
        c.add(
            t.at,
            "review",
            _("{review}: {phase}").format(review=t.review, phase=t.get_to_phase_display()),
            _url(t.review),
        )
    summaries = Summary.objects.visible_to(user).filter(review__state=state, published_at__isnull=False)
    summaries = summaries.select_related("review__state", "review__cycle__mechanism")
    for s in c.take("review", summaries, "published_at"):
        c.add(
            s.published_at, "review", _("Summary published: {review}").format(review=s.review), _url(s.review)
        )
    drawn = ReviewerAssignment.objects.filter(
        state=state,
        replaced_by__isnull=True,
        review__in=CountryReview.objects.visible_to(user).values("pk"),
    ).select_related("draw", "review__state", "review__cycle__mechanism")
    # One row per instrument where the mechanism draws per instrument: the review once is enough.
    seen: set[int] = set()
    for a in c.take("review", drawn, "draw__created_at"):
        if a.review_id in seen:
            continue
        seen.add(a.review_id)
        c.add(
            a.draw.created_at,
            "review",
            _("Drawn as a reviewing state: {review}").format(review=a.review),
            _url(a.review),
        )
    _agreements(c, Agreement.objects.visible_to(user).of_state(state))
    _news(c, user, state)
    return c


def organization_events(user, organization: Organization) -> Collector:
    """A body's founding, posts, members and chairs, meetings, decisions adopted, agreements, news."""
    from accord.cooperation.models import Agreement
    from accord.instruments.models import Mandate
    from accord.meetings.models import Meeting, Participation

    c = Collector()
    c.add(organization.founded_on, "registry", _("Founded"))
    c.add(organization.dissolved_on, "registry", _("Dissolved"))
    _posts(c, Post.objects.visible_to(user).filter(organization=organization), name_person=True)
    _memberships(
        c,
        Membership.objects.visible_to(user).filter(Q(body=organization) | Q(organization=organization)),
        as_body=organization,
    )
    _meetings(
        c,
        user,
        "meeting_held",
        Meeting.objects.visible_to(user).of_body(organization),
        _("Holds: {meeting}"),
    )
    _participations(c, user, Participation.objects.visible_to(user).filter(organization=organization))
    mandates = Mandate.objects.visible_to(user).filter(body=organization)
    for mandate in c.take("mandate", mandates, "adopted_on"):
        c.add(
            mandate.adopted_on,
            "mandate",
            _("Adopts {kind} {number}").format(
                kind=mandate.get_kind_display().lower(), number=mandate.number
            ),
            _url(mandate),
        )
    _agreements(c, Agreement.objects.visible_to(user).filter(parties__organization=organization).distinct())
    _news(c, user, organization)
    return c


def person_events(user, person: Person) -> Collector:
    """A person's posts, meetings attended, elections and news."""
    from accord.meetings.models import Outcome, Participation

    c = Collector()
    _posts(c, Post.objects.visible_to(user).filter(person=person), name_person=False)
    _participations(c, user, Participation.objects.visible_to(user).filter(person=person))
    elections = Outcome.objects.visible_to(user).filter(elected=person).select_related("meeting__body")
    for outcome in c.take("election", elections, "meeting__start_on"):
        c.add(
            outcome.meeting.start_on,
            "election",
            _("Elected at {meeting}").format(meeting=outcome.meeting.title),
            _url(outcome.meeting),
        )
    _news(c, user, person)
    return c


def _decimal_year(day: datetime.date) -> float:
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return round(day.year + (day - start).days / length, 4)


def timeline(events: Iterable[Event], cut: set[str] = frozenset()) -> Figure:
    """The events oldest first as a table, and as points on a time axis, one lane per kind."""
    ordered = sorted(events, key=lambda e: (e.on, KIND_ORDER[e.kind], e.text))
    rows = [[e.on.isoformat(), e.kind_label, e.text] for e in ordered]
    kinds = [k for k in KINDS if any(e.kind == k for e in ordered)]
    notes = [
        _("Only the newest {limit} events of “{kind}” are listed.").format(limit=SOURCE_LIMIT, kind=KINDS[k])
        for k in KINDS
        if k in cut
    ]
    chart = {}
    if ordered:
        chart = {
            "type": "timeline",
            "lanes": [str(KINDS[k]) for k in kinds],
            "datasets": [
                {
                    "label": str(KINDS[k]),
                    "data": [
                        {
                            "x": _decimal_year(e.on),
                            "y": str(KINDS[k]),
                            "date": e.on.isoformat(),
                            "text": e.text,
                        }
                        for e in ordered
                        if e.kind == k
                    ],
                }
                for k in kinds
            ],
            "x_title": _("Year"),
        }
    return Figure(
        header=[_("Date"), _("Kind"), _("Event")],
        rows=rows,
        links=[e.url for e in ordered],
        link_column=2,
        notes=notes,
        total=len(rows),
        chart=chart,
    )
