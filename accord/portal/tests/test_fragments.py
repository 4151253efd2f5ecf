"""Parts many public pages share (filter choices), kept once per change: never stale, never more than public.

Each cached part is checked the way a visitor meets it: one address builds
it, an edit through the service follows, and another address (whose own page
was never cached) must show the edit; what the public may not see never enters
the shared part, and a signed-in member's wider view is never shared.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.core.choices import Confidentiality
from accord.meetings.models import Meeting
from accord.meetings.services import create_meeting
from accord.meetings.tests.factories import MeetingFactory
from accord.news import services as news_services
from accord.news.models import NewsItem
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization
from accord.registry.services import save_registry_record
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def options(text: str, name: str) -> str:
    """The <option>s of the select called `name`."""
    return text.split(f'name="{name}"')[1].split("</select>")[0]


@pytest.fixture
def council(db):
    return OrganizationFactory(slug="council", kind=OrganizationKind.BODY, name_en="Anti-Corruption Council")


# --- the calendar's filter ----------------------------------------------------------------------------


def test_calendar_filter_follows_a_new_body_and_a_new_meeting_year(client, council, secretariat_user):
    MeetingFactory(body=council, start_on=datetime.date(2021, 12, 13))
    first = page(client, reverse("portal:calendar"))
    assert "Anti-Corruption Council" in options(first, "body")
    assert ">2019<" not in options(first, "year")

    save_registry_record(
        Organization(
            kind=OrganizationKind.BODY, slug="expert-group", name_en="Expert group", name_ru="Группа"
        ),
        acting_user=secretariat_user,
    )
    create_meeting(
        Meeting(kind="session", body=council, title_en="Early session", title_ru="Ранняя сессия",
                start_on=datetime.date(2019, 3, 4), country=StateFactory()),
        acting_user=secretariat_user,
    )  # fmt: skip
    other = page(client, reverse("portal:calendar"), year="2021")  # another address: its own page
    assert "Expert group" in options(other, "body")
    assert ">2019<" in options(other, "year")


def test_calendar_filter_never_shares_what_the_public_may_not_see(client, council, analyst_user):
    MeetingFactory(body=council, start_on=datetime.date(2021, 12, 13))
    MeetingFactory(
        body=council, start_on=datetime.date(2008, 5, 1), confidentiality=Confidentiality.RESTRICTED
    )
    client.force_login(analyst_user)
    member = page(client, reverse("portal:calendar"))
    assert ">2008<" in options(member, "year")  # a member's wider view
    client.logout()
    anonymous = page(client, reverse("portal:calendar"), year="2021")
    assert ">2008<" not in options(anonymous, "year")
    client.force_login(analyst_user)
    assert ">2008<" in options(page(client, reverse("portal:calendar"), year="2021"), "year")


def test_calendar_addresses_share_their_filter(client, council, django_assert_num_queries):
    MeetingFactory(body=council, start_on=datetime.date(2021, 12, 13))
    page(client, reverse("portal:calendar"))
    # The year's page alone: its meetings, their count; the bodies and years are shared.
    with django_assert_num_queries(2):
        page(client, reverse("portal:calendar"), year="2021")
    with django_assert_num_queries(3):  # upcoming, past, and the tree of bodies, read once for all
        page(client, reverse("portal:calendar"), body="council")
    with django_assert_num_queries(2):
        page(client, reverse("portal:calendar"), body="council", year="2021")


# --- the news list's filter ---------------------------------------------------------------------------


@pytest.fixture
def story(db):
    return NewsItem.objects.create(
        slug="story",
        title_en="A story",
        title_ru="Новость",
        status="published",
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )


def test_news_filter_follows_links_added_and_rejected_through_the_service(client, story, secretariat_user):
    kazakhstan = StateFactory(iso3="KAZ", name_en="Kazakhstan")
    first = page(client, reverse("news:news_list"))
    assert "Kazakhstan" not in options(first, "state")

    link = news_services.add_link(story, acting_user=secretariat_user, target=kazakhstan)
    second = page(client, reverse("news:news_list"), page="2")  # another address: its own page
    assert 'value="KAZ"' in options(second, "state")

    news_services.reject_link(link, acting_user=secretariat_user)
    third = page(client, reverse("news:news_list"), page="3")
    assert "Kazakhstan" not in options(third, "state")


def test_news_filter_choices_are_read_once_for_all_pages_of_the_list(
    client, story, secretariat_user, django_assert_num_queries
):
    news_services.add_link(story, acting_user=secretariat_user, target=StateFactory(iso3="KAZ"))
    page(client, reverse("news:news_list"))
    # The count, the items, their links: the body and state choices are shared.
    with django_assert_num_queries(3):
        text = page(client, reverse("news:news_list"), page="2")
    assert 'value="KAZ"' in options(text, "state")
    with django_assert_num_queries(4):  # a chosen state is validated against the database
        assert 'value="KAZ" selected' in page(client, reverse("news:news_list"), state="KAZ")


def test_news_filter_is_in_the_readers_language(client, story, secretariat_user):
    state = StateFactory(iso3="KAZ", name_en="Kazakhstan", name_ru="Казахстан")
    news_services.add_link(story, acting_user=secretariat_user, target=state)
    assert "Kazakhstan" in options(page(client, reverse("news:news_list")), "state")
    response = client.get(reverse("news:news_list"), {"page": "2"}, headers={"Accept-Language": "ru"})
    assert "Казахстан" in options(response.content.decode(), "state")


# --- the tree of organizations ------------------------------------------------------------------------


def test_a_body_moved_in_the_tree_through_the_service_moves_on_every_page(client, council, secretariat_user):
    group = OrganizationFactory(slug="group", kind=OrganizationKind.BODY, name_en="Working group")
    MeetingFactory(body=group, title_en="Group meeting", start_on=datetime.date(2021, 12, 13))
    assert "Group meeting" not in page(client, reverse("portal:calendar"), body="council")
    assert "Anti-Corruption Council" not in page(
        client, reverse("portal:body_detail", kwargs={"key": "group"})
    )

    group.parent = council
    save_registry_record(group, acting_user=secretariat_user)
    # Addresses whose pages were never cached, drawing on the shared tree.
    assert "Group meeting" in page(client, reverse("portal:calendar"), body="council", year="2021")
    breadcrumb = page(client, reverse("portal:body_detail", kwargs={"key": "group"}), x="1")
    assert "Anti-Corruption Council" in breadcrumb.split('class="breadcrumb"')[1].split("</ol>")[0]
    assert "Group meeting" in page(client, reverse("portal:body_detail", kwargs={"key": "council"}))


def test_body_pages_walk_the_tree_without_a_query_per_level(client, council, django_assert_num_queries):
    cis = OrganizationFactory(slug="cis", kind=OrganizationKind.IGO, name_en="Commonwealth")
    council.parent = cis
    council.save()
    group = OrganizationFactory(slug="group", kind=OrganizationKind.BODY, parent=council)
    OrganizationFactory(slug="panel", kind=OrganizationKind.BODY, parent=group)
    page(client, reverse("portal:body_detail", kwargs={"key": "cis"}))
    # The body, its ancestors (one query for all), members, children, past chairs, officials, former
    # officials, upcoming and recent meetings, their count, mandates, decisions, documents; no query for its
    # sub-bodies or the walk up, however deep, nor for the news and evidence panels of a body no
    # published item, accepted suggestion or public document names (shared id sets).
    with django_assert_num_queries(13):
        text = page(client, reverse("portal:body_detail", kwargs={"key": "group"}))
    assert "Commonwealth" in text.split('class="breadcrumb"')[1].split("</ol>")[0]


# --- which meetings have panels at all ----------------------------------------------------------------


def test_meeting_panels_follow_edits_made_through_the_services(client, secretariat_user):
    from accord.cooperation.models import Initiative
    from accord.cooperation.services import create_initiative
    from accord.reviews.models import Summary
    from accord.reviews.services import set_dialogue
    from accord.reviews.tests.factories import CountryReviewFactory

    meeting = MeetingFactory(title_en="Plenary")
    url = meeting.get_absolute_url()
    first = page(client, url)  # the shared sets are read without this meeting
    for testid in ("cooperation-panel", "review-panel", "news-panel"):
        assert f'data-testid="{testid}"' not in first

    create_initiative(
        Initiative(
            title_en="Joint training",
            title_ru="Обучение",
            meeting=meeting,
            proposed_on=meeting.start_on,
            proposer_state=StateFactory(),
        ),
        acting_user=secretariat_user,
    )
    review = CountryReviewFactory(year=2021)
    Summary.objects.create(review=review, text_en="Done.", published_at=timezone.now())
    set_dialogue(review, acting_user=secretariat_user, dialogue_format="joint_meeting", meeting=meeting)
    news_services.add_link(
        NewsItem.objects.create(
            slug="plenary-news", title_en="Plenary news", title_ru="Новость", status="published",
            published_at=timezone.now() - datetime.timedelta(hours=1),
        ),
        acting_user=secretariat_user,
        target=meeting,
    )  # fmt: skip
    text = page(client, url)
    assert "Joint training" in text and 'data-testid="review-panel"' in text and "Plenary news" in text


def test_a_meeting_in_the_shared_sets_still_shows_the_public_only_what_it_may_see(client, secretariat_user):
    from accord.cooperation.tests.factories import InitiativeFactory

    meeting = MeetingFactory()
    InitiativeFactory(
        meeting=meeting, title_en="Closed initiative", confidentiality=Confidentiality.RESTRICTED
    )
    assert "Closed initiative" not in page(client, meeting.get_absolute_url())
    client.force_login(secretariat_user)
    assert "Closed initiative" in page(client, meeting.get_absolute_url())


def test_evidence_of_an_accepted_suggestion_shows_on_its_meetings_page(client, secretariat_user):
    from accord.extraction.services import accept_suggestion
    from accord.extraction.tests.factories import SuggestionFactory

    page(client, MeetingFactory().get_absolute_url())  # the shared set is read before the acceptance
    suggestion = accept_suggestion(SuggestionFactory(), acting_user=secretariat_user)
    assert suggestion.meeting_id
    text = page(client, suggestion.meeting.get_absolute_url())
    assert 'data-testid="evidence"' in text


def test_a_meeting_page_asks_only_the_panels_that_have_something(client, django_assert_num_queries):
    first, second = MeetingFactory(), MeetingFactory()
    page(client, first.get_absolute_url())
    # The meeting, participants, outcomes, sittings, agenda, documents: no query for the
    # cooperation, review, evidence and news panels of a meeting none of them names.
    with django_assert_num_queries(6):
        page(client, second.get_absolute_url())


# --- which states have reviews and recommendations ----------------------------------------------------


def test_a_states_first_recommendation_and_review_show_on_its_page(client, secretariat_user):
    from accord.followup.services import create_recommendation
    from accord.reviews.models import Summary
    from accord.reviews.tests.factories import CountryReviewFactory

    kazakhstan = StateFactory(iso3="KAZ", name_en="Kazakhstan")
    url = reverse("portal:state_detail", kwargs={"iso3": "kaz"})
    first = page(client, url)  # the shared sets are read without this state
    assert "Publish assets." not in first and "Kazakhstan was reviewed." not in first

    create_recommendation(
        acting_user=secretariat_user,
        state=kazakhstan,
        source_kind="integrity_review",
        text_en="Publish assets.",
        confidentiality=Confidentiality.PUBLIC,
    )
    review = CountryReviewFactory(state=kazakhstan, year=2019)
    Summary.objects.create(review=review, text_en="Kazakhstan was reviewed.", published_at=timezone.now())
    text = page(client, url)
    assert "1 recommendation" in text and "Kazakhstan was reviewed." in text


def test_a_state_without_reviews_or_recommendations_skips_their_queries(client, django_assert_num_queries):
    StateFactory(iso3="KAZ")
    StateFactory(iso3="UZB")
    page(client, reverse("portal:state_detail", kwargs={"iso3": "kaz"}))
    # The state, memberships, parties, attended (list and count), upcoming, hosted and
    # authorities: not its reviews, its recommendation figures, nor the reviews, follow-up,
    # cooperation and news panels of a state nothing the public may see names (shared id sets).
    with django_assert_num_queries(8):
        page(client, reverse("portal:state_detail", kwargs={"iso3": "uzb"}))
