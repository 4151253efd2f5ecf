"""What a public page costs an anonymous visitor whose page is not cached yet: a pinned number of queries per kind.

The page cache serves repeat visits; a miss (a new generation after any
edit, a rarely read address) renders the page, and that is what the load
test's tail is made of. The parts many pages share (the id sets that tell
which records a panel has anything for, the tree of bodies) are built once per
change, so each page is measured after another address has warmed them, as on
a running site. A budget that grows fails here: find the query that came back.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.followup.tests.factories import RecommendationFactory
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.news.models import NewsItem, NewsLink
from accord.portal.addresses import person_url
from accord.registry.choices import OrganizationKind
from accord.registry.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)
from accord.reviews.models import Summary
from accord.reviews.tests.factories import CountryReviewFactory
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()


def story(slug: str, about) -> NewsItem:
    item = NewsItem.objects.create(
        slug=slug,
        title_en=f"Story {slug}",
        title_ru=f"Новость {slug}",
        status="published",
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    NewsLink.objects.create(news=item, **{NewsLink.field_for(about): about})
    return item


@pytest.fixture
def world(db):
    """A body and a state with something in every panel the public may see, and a state with members-only rows."""
    from accord.cooperation.tests.factories import InitiativeFactory

    cis = OrganizationFactory(slug="cis", kind=OrganizationKind.IGO, name_en="Commonwealth")
    council = OrganizationFactory(slug="council", kind=OrganizationKind.BODY, parent=cis, name_en="Council")
    kazakhstan = StateFactory(iso3="KAZ", name_en="Kazakhstan")
    uzbekistan = StateFactory(iso3="UZB", name_en="Uzbekistan")
    MembershipFactory(body=council, state=kazakhstan)
    person = PersonFactory(given_name_en="Aida", family_name_en="Sarsenova")
    PostFactory(person=person, organization=council)
    for days in (-40, 20):
        day = TODAY + datetime.timedelta(days)
        meeting = MeetingFactory(body=council, country=kazakhstan, start_on=day, end_on=day)
        ParticipationFactory(meeting=meeting, state=kazakhstan)
    DocumentFactory(meeting=meeting, published_on=TODAY, confidentiality=Confidentiality.PUBLIC)
    RecommendationFactory(state=kazakhstan, confidentiality=Confidentiality.PUBLIC, text_en="Publish assets.")
    review = CountryReviewFactory(state=kazakhstan, year=2020)
    Summary.objects.create(review=review, text_en="Reviewed.", published_at=timezone.now())
    InitiativeFactory(proposer_state=kazakhstan, title_en="Open initiative")
    for about in (kazakhstan, council, person, meeting):
        story(f"about-{type(about).__name__.lower()}-{about.pk}", about)
    # Members-only: the public sees none of it, and its page asks for none of it.
    RecommendationFactory(
        state=uzbekistan, confidentiality=Confidentiality.RESTRICTED, text_en="Members-only advice."
    )
    InitiativeFactory(
        proposer_state=uzbekistan,
        title_en="Members-only initiative",
        confidentiality=Confidentiality.RESTRICTED,
    )
    return {"council": council, "person": person, "meeting": meeting, "document": meeting.documents.get()}


def cost(client, url: str, budget: int, django_assert_max_num_queries) -> str:
    """The page at `url`, rendered afresh after another address warmed the shared parts, within `budget` queries."""
    assert client.get(url, {"warm": "1"}).status_code == 200
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# Queries of a page-cache miss, anonymous, with every panel the public may see filled.
BUDGETS = {
    "home": 5,
    "body list": 1,
    "body": 14,
    "state list": 1,
    "state": 16,
    "state with members-only rows": 8,
    "person": 4,
    "calendar": 2,
    "meeting": 7,
    "document": 5,
}


def addresses(world) -> dict[str, str]:
    return {
        "home": reverse("portal:home"),
        "body list": reverse("portal:body_list"),
        "body": reverse("portal:body_detail", kwargs={"key": "council"}),
        "state list": reverse("portal:state_list"),
        "state": reverse("portal:state_detail", kwargs={"iso3": "kaz"}),
        "state with members-only rows": reverse("portal:state_detail", kwargs={"iso3": "uzb"}),
        "person": person_url(world["person"]),
        "calendar": reverse("portal:calendar"),
        "meeting": world["meeting"].get_absolute_url(),
        "document": world["document"].get_absolute_url(),
    }


@pytest.mark.parametrize("kind", list(BUDGETS))
def test_an_anonymous_page_miss_stays_within_its_query_budget(
    client, world, kind, django_assert_max_num_queries
):
    text = cost(client, addresses(world)[kind], BUDGETS[kind], django_assert_max_num_queries)
    if kind == "state":  # the budget counts filled panels, not empty ones
        for shown in ("Publish assets.", "Reviewed.", "Open initiative", "Story about-state"):
            assert shown in text, shown
    if kind == "body":
        assert "Story about-organization" in text


def test_members_only_rows_cost_the_public_nothing_and_members_still_see_them(
    client, world, django_assert_max_num_queries
):
    url = reverse("portal:state_detail", kwargs={"iso3": "uzb"})
    text = cost(client, url, BUDGETS["state with members-only rows"], django_assert_max_num_queries)
    assert "Members-only advice." not in text and "Members-only initiative" not in text
    client.force_login(make_user("analyst-budget", Role.ANALYST))
    member = client.get(url).content.decode()
    assert "Members-only initiative" in member and 'data-testid="state-recommendations"' in member


def test_the_publics_id_sets_never_name_what_the_public_may_not_see(world):
    from accord.cooperation.models import Initiative
    from accord.cooperation.panels import INITIATIVE_STATE_FIELDS, _ids
    from accord.followup.panels import states_with_recommendations

    uzbekistan = StateFactory._meta.model.objects.get(iso3="UZB")
    anonymous = AnonymousUser()
    member = make_user("analyst-sets", Role.ANALYST)
    assert uzbekistan.pk not in states_with_recommendations(anonymous)
    assert uzbekistan.pk in states_with_recommendations(member)
    assert uzbekistan.pk not in _ids(anonymous, Initiative, *INITIATIVE_STATE_FIELDS)
    assert uzbekistan.pk in _ids(member, Initiative, *INITIATIVE_STATE_FIELDS)
