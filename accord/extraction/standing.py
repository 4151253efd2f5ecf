"""Where a suggestion stands against the registry now: new, already recorded, contradicted…

Computed, never stored: the registry changes under the queue (someone
accepts the same meeting from another outlet's story), so the queue asks
again each time. `annotate()` answers for a whole page of suggestions with a
fixed number of queries (one or two per kind), whatever the page's length.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accord.extraction.choices import Standing as Code
from accord.extraction.choices import SuggestionKind, SuggestionStatus
from accord.extraction.suggestions import norm, parse_date

CSS = {
    Code.NEW: "text-bg-success",
    Code.DUPLICATE: "text-bg-info",
    Code.CONFLICT: "text-bg-danger",
    Code.INCOMPLETE: "text-bg-warning",
    Code.NO_RECORD: "text-bg-light border",
    Code.ACCEPTED: "text-bg-primary",
    Code.REJECTED: "text-bg-secondary",
}


@dataclass
class Standing:
    code: str
    message: str = ""
    record: object = None

    @property
    def label(self) -> str:
        return str(Code(self.code).label)

    @property
    def css(self) -> str:
        return CSS.get(self.code, "text-bg-light")

    @property
    def record_url(self) -> str:
        url = getattr(self.record, "get_absolute_url", None)
        return url() if url else ""


def matching_meetings(start, end, body_id: int | None, city: str = ""):
    """Meetings on the same days as proposed, of the same body (or, without one, in the same city)."""
    from accord.meetings.models import Meeting

    start, end = parse_date(start), parse_date(end) or parse_date(start)
    if start is None:
        return Meeting.objects.none()
    return Meeting.objects.same_as(start, end, body_id, city)


def annotate(suggestions: Iterable) -> list:
    """Set `_standing` on every suggestion; a constant number of queries for any number of rows."""
    items = list(suggestions)
    pending: dict[str, list] = defaultdict(list)
    for s in items:
        if s.status == SuggestionStatus.ACCEPTED:
            s._standing = Standing(Code.ACCEPTED, s.note, None)
        elif s.status == SuggestionStatus.REJECTED:
            s._standing = Standing(Code.REJECTED, s.note)
        else:
            pending[s.kind].append(s)
    for kind, group in pending.items():
        CHECKS.get(kind, _no_record)(group)
    return items


def _period_covers(post, day: datetime.date | None) -> bool:
    if day is None:
        return True
    return (post.start_on is None or post.start_on <= day) and (post.end_on is None or post.end_on >= day)


def same_title(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def _meetings(group: list) -> None:
    from accord.meetings.models import Meeting

    query = Q(pk__in=[])
    for s in group:
        p = s.payload
        start, end = (
            parse_date(p.get("start_on")),
            parse_date(p.get("end_on")) or parse_date(p.get("start_on")),
        )
        if start is None:
            continue
        query |= Q(start_on__lte=end, start_on__gte=start - datetime.timedelta(days=31))
    candidates = list(Meeting.objects.filter(query).select_related("body")) if len(query) else []
    for s in group:
        p = s.payload
        start = parse_date(p.get("start_on"))
        end = parse_date(p.get("end_on")) or start
        if start is None:
            s._standing = Standing(Code.INCOMPLETE, _("The start date is missing."))
            continue
        body, city = p.get("body"), norm(p.get("city") or "")
        same = [
            m
            for m in candidates
            if m.start_on == start
            and m.last_day == end
            and (
                (body and m.body_id == body)
                or (not body and city and city in (norm(m.city_ru), norm(m.city_en)))
            )
        ]
        if same:
            s._standing = Standing(
                Code.DUPLICATE,
                _(
                    "Already recorded: %(meeting)s. Accepting links this evidence to it and adds missing participants."
                )
                % {"meeting": same[0]},
                same[0],
            )
            continue
        overlapping = [
            m for m in candidates if body and m.body_id == body and m.start_on <= end and m.last_day >= start
        ]
        if overlapping:
            s._standing = Standing(
                Code.CONFLICT,
                _("The registry has %(meeting)s of the same body on overlapping days.")
                % {"meeting": overlapping[0]},
                overlapping[0],
            )
        elif p.get("city") and not p.get("country"):
            s._standing = Standing(
                Code.INCOMPLETE, _("Choose the country of %(city)s.") % {"city": p["city"]}
            )
        else:
            s._standing = Standing(Code.NEW, _("Accepting creates the meeting."))


def _participations(group: list) -> None:
    from accord.meetings.models import Meeting, Participation

    ids = {s.payload.get("meeting") for s in group if isinstance(s.payload.get("meeting"), int)}
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=ids)}
    taken = set(
        Participation.objects.filter(meeting_id__in=ids, state__isnull=False).values_list(
            "meeting_id", "state__iso3"
        )
    )
    for s in group:
        meeting = meetings.get(s.payload.get("meeting"))
        if meeting is None:
            s._standing = Standing(Code.INCOMPLETE, _("The meeting is no longer in the registry."))
        elif (meeting.pk, s.payload.get("state")) in taken:
            s._standing = Standing(Code.DUPLICATE, _("Already recorded as a participant."), meeting)
        else:
            s._standing = Standing(Code.NEW, _("Accepting adds the participant."), meeting)


def _posts(group: list) -> None:
    from accord.registry.models import Post

    people = {s.payload.get("person") for s in group if s.payload.get("person")}
    organizations = {s.payload.get("organization") for s in group if s.payload.get("organization")}
    posts = list(
        Post.objects.filter(Q(person_id__in=people) | Q(organization_id__in=organizations)).select_related(
            "person"
        )
    )
    for s in group:
        p = s.payload
        held_on = parse_date(p.get("held_on"))
        title = p.get("title") or ""
        mine = [
            post
            for post in posts
            if p.get("person")
            and post.person_id == p["person"]
            and (not p.get("organization") or post.organization_id == p["organization"])
            and (same_title(post.title_ru, title) or same_title(post.title_en, title))
        ]
        if mine:
            s._standing = Standing(
                Code.DUPLICATE,
                _("%(person)s already holds this post: %(post)s.")
                % {"person": mine[0].person, "post": mine[0].title},
                mine[0].person,
            )
            continue
        others = [
            post
            for post in posts
            if p.get("organization")
            and post.organization_id == p["organization"]
            and post.person_id != p.get("person")
            and (same_title(post.title_ru, title) or same_title(post.title_en, title))
            and held_on is not None
            and _period_covers(post, held_on)
        ]
        if others:
            s._standing = Standing(
                Code.CONFLICT,
                _("On %(date)s the registry has %(person)s in this post.")
                % {"date": date_format(held_on, "DATE_FORMAT"), "person": others[0].person},
                others[0].person,
            )
        elif not p.get("organization"):
            s._standing = Standing(Code.INCOMPLETE, _("Choose the organization of the post."))
        elif p.get("person"):
            s._standing = Standing(Code.NEW, _("Accepting adds the post to the person's record."))
        else:
            s._standing = Standing(Code.NEW, _("Accepting creates the person and the post."))


def _persons(group: list) -> None:
    from accord.registry.models import Person

    families = {s.payload.get("family_name") for s in group if s.payload.get("family_name")}
    people = list(Person.objects.filter(Q(family_name_ru__in=families) | Q(family_name_en__in=families)))
    for s in group:
        family, given = norm(s.payload.get("family_name") or ""), norm(s.payload.get("given_name") or "")
        same = [
            person
            for person in people
            if family in (norm(person.family_name_ru), norm(person.family_name_en))
            and (not given or given in (norm(person.given_name_ru), norm(person.given_name_en)))
        ]
        if not family:
            s._standing = Standing(Code.INCOMPLETE, _("The family name is missing."))
        elif same:
            s._standing = Standing(
                Code.DUPLICATE, _("Already in the registry: %(person)s.") % {"person": same[0]}, same[0]
            )
        else:
            s._standing = Standing(Code.NEW, _("Accepting creates the person."))


def _organizations(group: list) -> None:
    from accord.registry.models import Alias, Organization

    names = set()
    for s in group:
        names |= {s.payload.get("name") or "", s.payload.get("abbreviation") or ""} - {""}
    known = list(
        Organization.objects.filter(
            Q(name_ru__in=names)
            | Q(name_en__in=names)
            | Q(abbreviation_ru__in=names)
            | Q(abbreviation_en__in=names)
        )
    )
    aliases = list(
        Alias.objects.filter(text__in=names, organization__isnull=False).select_related("organization")
    )
    for s in group:
        wanted = {norm(s.payload.get("name") or "")}
        same = [
            o
            for o in known
            if wanted & {norm(o.name_ru), norm(o.name_en), norm(o.abbreviation_ru), norm(o.abbreviation_en)}
        ] + [a.organization for a in aliases if norm(a.text) in wanted]
        if same:
            s._standing = Standing(
                Code.DUPLICATE,
                _("Already in the registry: %(organization)s.") % {"organization": same[0]},
                same[0],
            )
        elif s.payload.get("kind") == "national_authority" and not s.payload.get("state"):
            s._standing = Standing(Code.INCOMPLETE, _("A national authority needs its state."))
        else:
            s._standing = Standing(Code.NEW, _("Accepting creates the organization."))


def _references(group: list) -> None:
    from accord.documents.models import Document

    symbols = {s.payload.get("symbol") for s in group if s.payload.get("symbol")}
    known = {}
    for document in Document.objects.filter(symbol__in=symbols).defer("text", "minhash").order_by("pk"):
        known.setdefault(document.symbol, document)
    for s in group:
        document = known.get(s.payload.get("symbol"))
        if document is not None:
            s._standing = Standing(
                Code.DUPLICATE, _("The cited document is registered; accepting links the citation."), document
            )
        else:
            s._standing = Standing(Code.NEW, _("Accepting registers the cited document by its symbol."))


def _no_record(group: list) -> None:
    for s in group:
        s._standing = Standing(
            Code.NO_RECORD,
            _(
                "Accepting records the initiative where an installed app keeps initiatives, else only the decision."
            ),
        )


CHECKS = {
    SuggestionKind.MEETING: _meetings,
    SuggestionKind.PARTICIPATION: _participations,
    SuggestionKind.POST: _posts,
    SuggestionKind.PERSON: _persons,
    SuggestionKind.ORGANIZATION: _organizations,
    SuggestionKind.REFERENCE: _references,
    SuggestionKind.INITIATIVE: _no_record,
}
