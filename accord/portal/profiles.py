"""What the public pages show, read in a fixed number of queries whatever the data's size.

Every read starts from `visible_to(user)` of its model, so that an anonymous
visitor never receives a restricted document, a draft, a confidential request
or a non-public person. Lists are cut to a few rows with a link to the full
list, so a body with ten thousand meetings renders as fast as one with two.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from accord.core.cache import shared_fragment
from accord.core.choices import Confidentiality
from accord.core.collation import by_name
from accord.documents.models import Document
from accord.meetings.models import Meeting, Outcome, Participation
from accord.registry.choices import MembershipRole, OrganizationKind
from accord.registry.models import Membership, Organization, Person, Post, State

#: The kinds the directory of bodies lists: organizations and their bodies.
BODY_KINDS = (OrganizationKind.IGO, OrganizationKind.BODY)
CHAIR_ROLES = (MembershipRole.CHAIR, MembershipRole.CO_CHAIR)
LIST_LIMIT = 10
HOME_LIMIT = 6


def bodies(user) -> QuerySet:
    return Organization.objects.visible_to(user).filter(kind__in=BODY_KINDS)


def listed_meetings(queryset: QuerySet) -> QuerySet:
    """Meetings as lists show them: body and host country in the same query."""
    return queryset.select_related("body", "country").defer("description_ru", "description_en")


def listed_documents(queryset: QuerySet) -> QuerySet:
    """Documents without their (long) text and signature columns."""
    return queryset.select_related("publisher").defer("text", "minhash")


#: How long a meeting may last and still be found as under way (sessions last days, not seasons).
LONGEST_MEETING = datetime.timedelta(days=92)


def upcoming(meetings: QuerySet, today: datetime.date) -> QuerySet:
    """Meetings that have not ended yet, the soonest first.

    The lower bound on the start lets the database read the date index from
    there instead of testing every meeting ever held.
    """
    return (
        meetings.filter(start_on__gte=today - LONGEST_MEETING)
        .filter(Q(start_on__gte=today) | Q(end_on__gte=today))
        .order_by("start_on", "pk")
    )


def past(meetings: QuerySet, today: datetime.date) -> QuerySet:
    """Meetings that are over, the latest first."""
    return (
        meetings.filter(start_on__lt=today)
        .filter(Q(end_on__isnull=True) | Q(end_on__lt=today))
        .order_by("-start_on", "-pk")
    )


def latest(documents: QuerySet, limit: int) -> list:
    """The documents published last, read from the (published_on, id) index; a document with no
    publication date has no place among them."""
    return list(documents.filter(published_on__isnull=False).order_by("-published_on", "-pk")[:limit])


def news_about(obj=None, limit: int = 5) -> list:
    """Published news items (about a record, when given); nothing while the news app has none."""
    from accord.news.models import NewsItem

    items = NewsItem.objects.published()
    if obj is not None:
        items = items.about(obj)
    return list(items.defer("body_ru", "body_en")[:limit])


def home(user, today: datetime.date) -> dict:
    meetings = listed_meetings(Meeting.objects.visible_to(user))
    documents = Document.objects.visible_to(user).filter(confidentiality=Confidentiality.PUBLIC)
    return {
        "upcoming": list(upcoming(meetings, today)[:HOME_LIMIT]),
        "recent": list(past(meetings, today)[:HOME_LIMIT]),
        "news": news_about(limit=HOME_LIMIT),
        "documents": list(latest(listed_documents(documents), HOME_LIMIT)),
        "organizations": list(
            bodies(user).filter(parent__isnull=True, kind=OrganizationKind.IGO).order_by(by_name())[:12]
        ),
    }


@dataclass
class BodyNode:
    """One body of the directory with its sub-bodies."""

    organization: Organization
    children: list["BodyNode"] = field(default_factory=list)


def body_tree(user) -> list[BodyNode]:
    """The directory as a tree, from one query; a body whose parent is not listed becomes a root."""
    nodes = {o.pk: BodyNode(o) for o in bodies(user).order_by(by_name(), "pk")}
    roots: list[BodyNode] = []
    for node in nodes.values():
        parent = nodes.get(node.organization.parent_id)
        (parent.children if parent is not None and parent is not node else roots).append(node)
    return roots


def organization_parents(user) -> dict[int, int | None]:
    """Every organization's parent, read once per change for all pages: walks up and down the tree cost no query."""
    return shared_fragment(
        "organization-parents",
        lambda: dict(Organization.objects.visible_to(user).values_list("pk", "parent_id")),
        user=user,
    )


def subtree_ids(user, body: Organization) -> list[int]:
    """The body and all its sub-bodies, level by level (as `Organization.objects.subtree_ids`)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in organization_parents(user).items():
        children.setdefault(parent, []).append(pk)
    ids, frontier = [body.pk], [body.pk]
    seen = {body.pk}
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, ()) if child not in seen]
        seen.update(frontier)
        ids.extend(frontier)
    return ids


def ancestors(user, body: Organization) -> list[Organization]:
    """From the root down to the body's parent, for breadcrumbs (as `Organization.ancestors`), in one query."""
    parents = organization_parents(user)
    chain, seen = [], {body.pk}
    node = parents.get(body.pk, body.parent_id)
    while node is not None and node not in seen:
        seen.add(node)
        chain.append(node)
        node = parents.get(node)
    if not chain:
        return []
    found = Organization.objects.visible_to(user).in_bulk(chain)
    return [found[pk] for pk in reversed(chain) if pk in found]


def body_profile(user, body: Organization, today: datetime.date) -> dict:
    """Members, officials, meetings, decisions, documents and news of a body (its sub-bodies' too)."""
    from accord.instruments.models import Mandate
    from accord.meetings.choices import OutcomeKind

    subtree = subtree_ids(user, body)
    memberships = list(
        Membership.objects.visible_to(user)
        .filter(body=body)
        .active_on(today)
        .select_related("state", "organization")
        .order_by("role", by_name("state__"), by_name("organization__"))
    )
    meetings = listed_meetings(Meeting.objects.visible_to(user).filter(body_id__in=subtree))
    documents = Document.objects.visible_to(user).filter(
        Q(publisher_id__in=subtree) | Q(meeting__body_id__in=subtree)
    )
    return {
        "ancestors": ancestors(user, body),
        "children": list(bodies(user).filter(parent=body).order_by(by_name())),
        "chairs": [m for m in memberships if m.role in CHAIR_ROLES],
        "members": [m for m in memberships if m.role not in CHAIR_ROLES],
        "past_chairs": list(
            Membership.objects.visible_to(user)
            .filter(body=body, role__in=CHAIR_ROLES, end_on__lt=today)
            .select_related("state", "organization")
            .order_by("-end_on")[:LIST_LIMIT]
        ),
        "officials": list(
            Post.objects.visible_to(user)
            .current()
            .filter(organization=body)
            .select_related("person")
            .order_by("role", by_name("person__", "family_name"))
        ),
        # Who held the body's posts before: a council whose chair is not recorded today is not shown as empty.
        "past_officials": list(
            Post.objects.visible_to(user)
            .filter(organization=body, end_on__lt=today)
            .select_related("person")
            .order_by("-end_on", "-pk")[:LIST_LIMIT]
        ),
        "upcoming": list(upcoming(meetings, today)[:LIST_LIMIT]),
        "recent": list(past(meetings, today)[:LIST_LIMIT]),
        "meeting_count": meetings.count(),
        "mandates": list(
            Mandate.objects.visible_to(user)
            .filter(body_id__in=subtree)
            .select_related("body")
            .order_by("-adopted_on", "-pk")[:LIST_LIMIT]
        ),
        "decisions": list(
            Outcome.objects.visible_to(user)
            .filter(meeting__body_id__in=subtree, kind=OutcomeKind.DECISION_ADOPTED, mandate__isnull=True)
            .select_related("meeting")
            .order_by("-meeting__start_on", "-pk")[:LIST_LIMIT]
        ),
        "documents": list(latest(listed_documents(documents), LIST_LIMIT)),
    }


@dataclass
class Figures:
    """A state's recommendations counted by implementation status."""

    rows: list[tuple[str, str, int]]
    total: int
    overdue: int

    @property
    def implemented_share(self) -> int | None:
        """Per cent of recommendations implemented, or None without any."""
        from accord.followup.choices import Status

        if not self.total:
            return None
        done = sum(n for value, _label, n in self.rows if value == Status.IMPLEMENTED)
        return round(100 * done / self.total)


def recommendation_figures(user, state: State, today: datetime.date) -> Figures:
    from accord.followup.choices import CLOSED_STATUSES, Status
    from accord.followup.models import Recommendation

    visible = Recommendation.objects.visible_to(user).filter(state=state).order_by()
    late = Q(due_on__lt=today) & ~Q(status__in=CLOSED_STATUSES)
    by_status = visible.values("status").annotate(
        n=Count("pk", distinct=True), late=Count("pk", distinct=True, filter=late)
    )  # one query for both figures
    counts, overdue = Counter(), 0
    for row in by_status:
        counts[row["status"]] = row["n"]
        overdue += row["late"]
    rows = [(s.value, str(s.label), counts[s.value]) for s in Status if counts[s.value]]
    return Figures(rows=rows, total=sum(counts.values()), overdue=overdue)


def state_profile(user, state: State, today: datetime.date) -> dict:
    """Memberships, chairmanships, instruments, reviews, follow-up figures, meetings and news of a state."""
    from accord.followup.panels import states_with_recommendations
    from accord.instruments.models import Party
    from accord.reviews.models import CountryReview
    from accord.reviews.panels import reviewed_states

    memberships = list(
        state.memberships.visible_to(user).select_related("body").order_by(by_name("body__"), "-start_on")
    )
    attended = Participation.objects.visible_to(user).filter(state=state, meeting__start_on__lte=today)
    reviews = (
        CountryReview.objects.visible_to(user)
        .filter(state=state)
        .select_related("cycle__mechanism", "cluster", "summary")
        .order_by("-year", "pk")
    )
    # Most states have no review and no recommendation the reader may see: they skip both queries
    # (the same shared id sets as the reviews and follow-up panels).
    reviews = list(reviews) if state.pk in reviewed_states(user) else []
    for review in reviews:
        review.public_summary = _published_summary(review)
    return {
        "memberships": [m for m in memberships if m.role not in CHAIR_ROLES],
        "chairmanships": [m for m in memberships if m.role in CHAIR_ROLES],
        "parties": list(
            Party.objects.visible_to(user)
            .filter(state=state)
            .select_related("instrument")
            .order_by(by_name("instrument__"))
        ),
        "reviews": reviews,
        "figures": recommendation_figures(user, state, today)
        if state.pk in states_with_recommendations(user)
        else Figures(rows=[], total=0, overdue=0),
        "attended": list(
            attended.select_related("meeting__body", "meeting__country").order_by(
                "-meeting__start_on", "-pk"
            )[:LIST_LIMIT]
        ),
        "attended_count": attended.count(),
        "upcoming": list(
            upcoming(
                listed_meetings(Meeting.objects.visible_to(user)).filter(
                    Q(country=state)
                    | Q(pk__in=Participation.objects.filter(state=state).values("meeting_id"))
                ),
                today,
            )[:LIST_LIMIT]
        ),
        "hosted": list(
            past(listed_meetings(Meeting.objects.visible_to(user).filter(country=state)), today)[:LIST_LIMIT]
        ),
        # Each authority with the posts the reader may see, current ones first: members and the
        # public read the same list, each as far as their access goes. Other organizations of the
        # state (its media, say) appear only when someone holds a post there.
        "authorities": [
            organization
            for organization in Organization.objects.visible_to(user)
            .filter(state=state)
            .order_by(by_name())
            .prefetch_related(
                Prefetch(
                    "posts",
                    queryset=Post.objects.visible_to(user)
                    .select_related("person")
                    .order_by(F("end_on").desc(nulls_first=True), "-start_on", "pk"),
                    to_attr="listed_posts",
                )
            )
            if organization.listed_posts or organization.kind == OrganizationKind.NATIONAL_AUTHORITY
        ],
    }


def _published_summary(review):
    """The review's summary once published; an unpublished one is never shown on the portal."""
    from accord.reviews.models import Summary

    try:
        summary = review.summary
    except Summary.DoesNotExist:
        return None
    return summary if summary.is_published else None


def public_people(user) -> QuerySet:
    """People whose page the portal shows: visible to the user and holding at least one visible post."""
    return Person.objects.visible_to(user).filter(pk__in=Post.objects.visible_to(user).values("person_id"))


def person_profile(user, person: Person, today: datetime.date) -> dict:
    posts = list(
        Post.objects.visible_to(user)
        .filter(person=person)
        .select_related("organization", "organization__state")
        .order_by("-start_on", "pk")
    )
    attended = Participation.objects.visible_to(user).filter(person=person, meeting__start_on__lte=today)
    return {
        "current_posts": [p for p in posts if p.is_current(today)],
        "past_posts": [p for p in posts if not p.is_current(today)],
        "attended": list(
            attended.select_related("meeting__body", "meeting__country").order_by(
                "-meeting__start_on", "-pk"
            )[:LIST_LIMIT]
        ),
    }


def calendar_meetings(user) -> QuerySet:
    return listed_meetings(Meeting.objects.visible_to(user))


def by_month(meetings) -> list[tuple[datetime.date, list[Meeting]]]:
    """Meetings grouped under the first day of their starting month, in the order given."""
    groups: list[tuple[datetime.date, list[Meeting]]] = []
    for meeting in meetings:
        month = meeting.start_on.replace(day=1)
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(meeting)
    return groups


def today() -> datetime.date:
    return timezone.localdate()
