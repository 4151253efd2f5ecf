"""The public portal: what anonymous visitors see and never see, clean addresses, metadata, query counts, cache."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.followup.choices import Status
from accord.followup.tests.factories import RecommendationFactory
from accord.instruments.tests.factories import MandateFactory, PartyFactory
from accord.meetings.choices import ParticipantRole
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.news.models import NewsItem, NewsLink
from accord.registry.choices import MembershipRole, OrganizationKind
from accord.registry.tests.factories import (
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)
from accord.reviews.models import Summary
from accord.reviews.tests.factories import CountryReviewFactory
from conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()  # the application's date (TIME_ZONE), not the machine's
SOON = TODAY + datetime.timedelta(days=20)
LATELY = TODAY - datetime.timedelta(days=40)


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def news(title: str, *, status: str = "published", about=None, **extra) -> NewsItem:
    item = NewsItem.objects.create(
        slug=re.sub(r"\W+", "-", title.lower()).strip("-"),
        title_en=title,
        title_ru=title,
        lead_en=f"Lead of {title}",
        status=status,
        published_at=extra.pop("published_at", timezone.now() - datetime.timedelta(hours=1)),
        **extra,
    )
    if about is not None:
        NewsLink.objects.create(news=item, **{NewsLink.field_for(about): about})
    return item


@pytest.fixture
def cis(db):
    return OrganizationFactory(slug="cis", name_en="Commonwealth of Independent States", name_ru="СНГ")


@pytest.fixture
def council(cis):
    return OrganizationFactory(
        slug="council",
        kind=OrganizationKind.BODY,
        parent=cis,
        name_en="Interstate Anti-Corruption Council",
        name_ru="Межгосударственный совет",
        abbreviation_en="IACC",
    )


@pytest.fixture
def kazakhstan(db):
    return StateFactory(iso2="KZ", iso3="KAZ", m49="398", name_en="Kazakhstan", name_ru="Казахстан")


# --- home -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_home_shows_meetings_news_and_public_documents_only(client, council):
    MeetingFactory(body=council, title_en="Coming session", start_on=SOON, end_on=SOON)
    MeetingFactory(body=council, title_en="Last session", start_on=LATELY, end_on=LATELY)
    MeetingFactory(
        body=council, title_en="Closed session", start_on=SOON, end_on=SOON, confidentiality="restricted"
    )
    DocumentFactory(title="Open report", published_on=LATELY, confidentiality=Confidentiality.PUBLIC)
    DocumentFactory(
        title="Members-only report", published_on=LATELY, confidentiality=Confidentiality.RESTRICTED
    )
    DocumentFactory(title="Secret report", published_on=LATELY, confidentiality=Confidentiality.CONFIDENTIAL)
    news("Published story")
    news("Draft story", status="draft")
    news("Story in review", status="review")
    news("Tomorrow's story", published_at=timezone.now() + datetime.timedelta(days=1))

    text = page(client, reverse("portal:home"))
    upcoming = text.split('data-testid="upcoming-meetings"')[1].split("</section>")[0]
    recent = text.split('data-testid="recent-meetings"')[1].split("</section>")[0]
    assert "Coming session" in upcoming and "Last session" in recent
    assert "Published story" in text and "Open report" in text
    for hidden in (
        "Closed session",
        "Members-only report",
        "Secret report",
        "Draft story",
        "Story in review",
        "Tomorrow's story",
    ):
        assert hidden not in text
    assert 'data-testid="nav-workspace"' not in text
    assert reverse("portal:body_list") in text and reverse("portal:calendar") in text
    organizations = text.split('data-testid="home-organizations"')[1].split("</section>")[0]
    # The organizations themselves, not their bodies.
    assert 'href="/bodies/' in organizations and "Interstate" not in organizations


def test_home_is_the_root_and_the_workspace_moved(client, analyst_user):
    assert reverse("portal:home") == "/"
    assert reverse("home") == "/workspace/"
    assert client.get("/").status_code == 200
    anonymous = page(client, "/")
    assert 'data-testid="analytics-link"' not in anonymous and 'data-testid="nav-news"' in anonymous
    client.force_login(analyst_user)
    text = page(client, "/")
    assert 'data-testid="nav-workspace"' in text and 'href="/workspace/"' in text
    assert 'data-testid="analytics-link"' in text and reverse("analytics:index") in text
    workspace = page(client, reverse("home"))
    assert 'href="/"' in workspace  # the brand leads back to the portal


def test_home_hides_secretariat_drafts_even_from_the_secretariat(client, secretariat_user):
    news("Draft for later", status="draft")
    client.force_login(secretariat_user)
    assert "Draft for later" not in page(client, "/")


def test_pages_have_titles_descriptions_and_open_graph(client, council, kazakhstan):
    person = PersonFactory()
    PostFactory(person=person, organization=council, title_en="Chair", title_ru="Председатель")
    urls = [
        reverse("portal:home"),
        reverse("portal:body_list"),
        reverse("portal:body_detail", kwargs={"key": "council"}),
        reverse("portal:state_list"),
        reverse("portal:state_detail", kwargs={"iso3": "kaz"}),
        person_url(person),
        reverse("portal:calendar"),
    ]
    for url in urls:
        text = page(client, url)
        assert '<html lang="ru"' in text, url
        title = re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip()
        assert title and not title.startswith("·"), url
        description = re.search(r'<meta name="description" content="([^"]*)"', text).group(1)
        assert description.strip(), url
        for prop in ("og:title", "og:description", "og:type", "og:url"):
            value = re.search(rf'<meta property="{prop}" content="([^"]*)"', text).group(1)
            assert value.strip(), (url, prop)
        assert len(re.findall(r"<h1[ >]", text)) == 1, url
        assert 'href="#content"' in text and 'id="content"' in text, url
        assert "csrfmiddlewaretoken" not in text, url
        assert f'<link rel="canonical" href="http://testserver{url.split("?")[0]}">' in text, url


# --- bodies -----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_directory_groups_bodies_under_their_organization(client, cis, council):
    NationalAuthorityFactory(name_en="Prosecutor's Office of Somewhere")
    text = page(client, reverse("portal:body_list"))
    assert "Commonwealth of Independent States" in text and "Interstate Anti-Corruption Council" in text
    assert text.index("Commonwealth of Independent States") < text.index("Interstate Anti-Corruption Council")
    assert 'href="/bodies/council/"' in text
    assert "Prosecutor&#x27;s Office of Somewhere" not in text and "Somewhere" not in text


@pytest.mark.usefixtures("english")
def test_body_profile_members_officials_meetings_decisions_documents(client, cis, council, kazakhstan):
    MembershipFactory(
        body=council, state=kazakhstan, role=MembershipRole.CHAIR, start_on=TODAY.replace(month=1, day=1)
    )
    MembershipFactory(body=council, state=StateFactory(name_en="Uzbekistan"), role=MembershipRole.MEMBER)
    MembershipFactory(
        body=council,
        state=StateFactory(name_en="Formerland"),
        role=MembershipRole.MEMBER,
        start_on=datetime.date(2001, 1, 1),
        end_on=datetime.date(2005, 1, 1),
    )
    public = PersonFactory(family_name_en="Publicov")
    hidden = PersonFactory(family_name_en="Hiddenov", is_public=False)
    PostFactory(person=public, organization=council, title_en="Secretary")
    PostFactory(person=hidden, organization=council, title_en="Deputy secretary")
    PostFactory(
        person=PersonFactory(family_name_en="Formerov"),
        organization=council,
        end_on=datetime.date(2010, 1, 1),
    )
    meeting = MeetingFactory(body=council, title_en="Tenth session", start_on=LATELY, end_on=LATELY)
    MeetingFactory(
        body=council, title_en="Secret sitting", start_on=LATELY, end_on=None, confidentiality="confidential"
    )
    MandateFactory(body=council, number="10/1", title_en="On asset recovery")
    DocumentFactory(title="Report of the tenth session", meeting=meeting, published_on=LATELY)
    DocumentFactory(
        title="Hidden annex", meeting=meeting, confidentiality=Confidentiality.RESTRICTED, published_on=LATELY
    )
    DocumentFactory(title="Council newsletter", publisher=council, published_on=LATELY)
    news("Council met", about=council)
    news("Council draft", about=council, status="draft")

    text = page(client, reverse("portal:body_detail", kwargs={"key": "council"}))
    assert "Interstate Anti-Corruption Council" in text
    assert "Kazakhstan" in text and "Chair" in text and "Uzbekistan" in text
    assert "Formerland" not in text  # members are the current ones
    assert "Publicov" in text and "Hiddenov" not in text
    # The officials are the current ones; who held a post before is listed apart, with the dates.
    current, former = (
        text.split('data-testid="body-officials"')[1].split("</section>")[0].split("Former officials")
    )
    assert "Formerov" not in current and "Formerov" in former
    assert "Tenth session" in text and "Secret sitting" not in text
    assert "10/1" in text and "On asset recovery" in text
    assert "Report of the tenth session" in text and "Council newsletter" in text
    assert "Hidden annex" not in text
    assert "Council met" in text and "Council draft" not in text
    assert reverse("meetings:feed_body", kwargs={"pk": council.pk}) in text
    # The organization's page counts its council's meetings too.
    assert "Tenth session" in page(client, reverse("portal:body_detail", kwargs={"key": "cis"}))


def test_body_addresses(client):
    keyless = OrganizationFactory(slug=None)
    assert page(client, f"/bodies/{keyless.pk}/")
    keyed = OrganizationFactory(slug="unodc")
    assert client.get(f"/bodies/{keyed.pk}/").status_code == 404  # one address per body
    authority = NationalAuthorityFactory(slug="prosecutor")
    assert client.get("/bodies/prosecutor/").status_code == 404  # not an intergovernmental body
    assert client.get(f"/bodies/{authority.pk}/").status_code == 404
    assert client.get("/bodies/nothing-here/").status_code == 404


# --- states -----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_state_profile(client, council, kazakhstan):
    MembershipFactory(body=council, state=kazakhstan, role=MembershipRole.MEMBER)
    MembershipFactory(
        body=council,
        state=kazakhstan,
        role=MembershipRole.CHAIR,
        start_on=datetime.date(2023, 1, 1),
        end_on=datetime.date(2023, 12, 31),
    )
    PartyFactory(
        state=kazakhstan,
        instrument__name_en="Convention against Corruption",
        signed_on=datetime.date(2003, 12, 9),
        consent="ratification",
        consent_on=datetime.date(2008, 6, 18),
    )
    published = CountryReviewFactory(state=kazakhstan, year=2017, phase="published")
    Summary.objects.create(review=published, text_en="Kazakhstan has done well.", published_at=timezone.now())
    unpublished = CountryReviewFactory(state=kazakhstan, year=2021, cluster__cycle__name_en="Second cycle")
    Summary.objects.create(review=unpublished, text_en="Draft summary words.")
    RecommendationFactory.create_batch(3, state=kazakhstan, status=Status.IMPLEMENTED)
    RecommendationFactory(state=kazakhstan, status=Status.IN_PROGRESS)
    RecommendationFactory(
        state=kazakhstan, status=Status.IN_PROGRESS, confidentiality=Confidentiality.RESTRICTED
    )
    attended = MeetingFactory(body=council, title_en="Session attended", start_on=LATELY, end_on=None)
    ParticipationFactory(meeting=attended, state=kazakhstan, role=ParticipantRole.MEMBER)
    secret = MeetingFactory(body=council, title_en="Session behind doors", confidentiality="confidential")
    ParticipationFactory(meeting=secret, state=kazakhstan)
    coming = MeetingFactory(body=council, title_en="Session to come", start_on=SOON, end_on=None)
    ParticipationFactory(meeting=coming, state=kazakhstan)
    news("Kazakhstan ratifies", about=kazakhstan)
    news("Kazakhstan draft", about=kazakhstan, status="review")

    text = page(client, reverse("portal:state_detail", kwargs={"iso3": "kaz"}))
    memberships = text.split('data-testid="state-memberships"')[1].split("</section>")[0]
    assert "Interstate Anti-Corruption Council" in memberships and "Chair" in memberships
    assert "2023" in memberships
    instruments = text.split('data-testid="state-instruments"')[1].split("</section>")[0]
    assert "Convention against Corruption" in instruments
    assert (
        "9 December 2003" in instruments and "18 June 2008" in instruments and "ratification" in instruments
    )
    assert "Kazakhstan has done well." in text
    assert "Draft summary words." not in text and "Second cycle" not in text
    figures = text.split('data-testid="state-recommendations"')[1].split("</section>")[0]
    assert (
        "4 recommendations" in figures and "75% implemented" in figures
    )  # the restricted one is not counted
    meetings = text.split('data-testid="state-meetings"')[1].split("</section>")[0]
    assert "Session attended" in meetings and "Session behind doors" not in meetings
    assert meetings.index("Session attended") < meetings.index("Upcoming") < meetings.index("Session to come")
    assert "Kazakhstan ratifies" in text and "Kazakhstan draft" not in text


def test_state_addresses_are_lower_case(client, kazakhstan):
    assert reverse("portal:state_detail", kwargs={"iso3": "kaz"}) == "/states/kaz/"
    response = client.get("/states/KAZ/")
    assert response.status_code == 301 and response["Location"] == "/states/kaz/"
    assert client.get("/states/xyz/").status_code == 404
    assert 'href="/states/kaz/"' in page(client, reverse("portal:state_list"))


def test_state_page_never_shows_cooperation_requests(client):
    from accord.legal_cooperation.tests.factories import CooperationRequestFactory

    request = CooperationRequestFactory(subject="Extradition of a very secret person")
    state = request.requesting_authority.state
    text = page(client, reverse("portal:state_detail", kwargs={"iso3": state.iso3.lower()}))
    assert "very secret person" not in text and request.reference_number not in text


# --- people -----------------------------------------------------------------------------------------


def person_url(person) -> str:
    from accord.portal.addresses import person_url as url

    return url(person)


@pytest.mark.usefixtures("english")
def test_person_page_shows_public_posts(client, council):
    person = PersonFactory(given_name_en="Igor", family_name_en="Krasnov")
    PostFactory(
        person=person,
        organization=council,
        title_en="Chair of the council",
        start_on=datetime.date(2020, 1, 1),
    )
    PostFactory(
        person=person,
        title_en="Prosecutor General",
        start_on=datetime.date(2015, 1, 1),
        end_on=datetime.date(2019, 12, 31),
    )
    url = person_url(person)
    assert url == f"/people/{person.pk}/igor-krasnov/"
    text = page(client, url)
    assert "Igor Krasnov" in text and "Chair of the council" in text and "Prosecutor General" in text
    assert client.get(f"/people/{person.pk}/").status_code == 301
    assert client.get(f"/people/{person.pk}/wrong-name/")["Location"] == url


def test_people_without_public_posts_do_not_exist_for_anonymous_visitors(client, analyst_user):
    hidden = PersonFactory(is_public=False)
    PostFactory(person=hidden)
    postless = PersonFactory()
    assert client.get(person_url(hidden)).status_code == 404
    assert client.get(person_url(postless)).status_code == 404
    client.force_login(analyst_user)
    assert client.get(person_url(hidden)).status_code == 200  # members read non-public people


# --- calendar ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_calendar_by_month_body_and_year(client, cis, council):
    other = OrganizationFactory(slug="other", name_en="Other body")
    MeetingFactory(body=council, title_en="Council in December", start_on=datetime.date(2021, 12, 13))
    MeetingFactory(body=other, title_en="Other in November", start_on=datetime.date(2021, 11, 2), end_on=None)
    MeetingFactory(body=council, title_en="Council next", start_on=SOON, end_on=SOON)
    MeetingFactory(
        body=council, title_en="Hidden 2021", start_on=datetime.date(2021, 5, 1), confidentiality="restricted"
    )

    text = page(client, reverse("portal:calendar"))
    upcoming = text.split('data-testid="calendar-upcoming"')[1].split("</section>")[0]
    assert "Council next" in upcoming and "Council in December" not in upcoming
    assert "Council in December" in text and "Hidden 2021" not in text

    text = page(client, reverse("portal:calendar"), year="2021")
    assert "December 2021" in text and "November 2021" in text
    assert text.index("Other in November") < text.index("Council in December")
    assert "Council next" not in text

    text = page(client, reverse("portal:calendar"), year="2021", body="cis")
    assert "Council in December" in text and "Other in November" not in text  # sub-bodies count
    assert reverse("meetings:feed_body", kwargs={"pk": cis.pk}) in text


@pytest.mark.usefixtures("english")
def test_calendar_bad_filters_are_explained_not_errors(client, council):
    MeetingFactory(body=council, title_en="Some session")
    text = page(client, reverse("portal:calendar"), year="abc", body="no-such-body", page="x")
    assert "is-invalid" in text and "Select a valid choice" in text
    assert "Some session" in text


# --- robots, sitemap --------------------------------------------------------------------------------


def test_robots_txt(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /workspace/" in text and "Disallow: /api/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_public_pages_and_records_only(client, council, kazakhstan):
    person = PersonFactory(given_name_en="Open", family_name_en="Person")
    PostFactory(person=person, organization=council)
    hidden = PersonFactory(given_name_en="Closed", family_name_en="Person", is_public=False)
    PostFactory(person=hidden, organization=council)
    meeting = MeetingFactory(body=council)
    closed_meeting = MeetingFactory(body=council, confidentiality="restricted")
    document = DocumentFactory()
    closed_document = DocumentFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    item = news("Sitemap story")
    draft = news("Sitemap draft", status="draft")

    index = page(client, "/sitemap.xml")
    sections = re.findall(r"<loc>http://testserver(/sitemap-\w+\.xml)</loc>", index)
    assert "/sitemap-bodies.xml" in sections and "/sitemap-documents.xml" in sections
    urls = set()
    for section in sections:
        response = client.get(section)
        assert response.status_code == 200 and response["Content-Type"] == "application/xml"
        urls |= set(re.findall(r"<loc>http://testserver([^<]+)</loc>", response.content.decode()))
    assert {"/", "/bodies/", "/states/", "/calendar/", "/bodies/council/", "/states/kaz/"} <= urls
    assert person_url(person) in urls and person_url(hidden) not in urls
    assert meeting.get_absolute_url() in urls and closed_meeting.get_absolute_url() not in urls
    assert document.get_absolute_url() in urls and closed_document.get_absolute_url() not in urls
    assert item.get_absolute_url() in urls and draft.get_absolute_url() not in urls
    assert client.get("/sitemap-nothing.xml").status_code == 404


# --- scale and cache --------------------------------------------------------------------------------


def _grow(n: int, body, state) -> None:
    for i in range(n):
        member = StateFactory()
        MembershipFactory(body=body, state=member)
        meeting = MeetingFactory(body=body, start_on=LATELY - datetime.timedelta(days=i), end_on=None)
        MeetingFactory(body=body, start_on=SOON + datetime.timedelta(days=i), end_on=None)
        ParticipationFactory(meeting=meeting, state=state)
        ParticipationFactory(meeting=meeting, state=member)
        DocumentFactory(meeting=meeting, published_on=LATELY)
        PostFactory(organization=body)
        PartyFactory(state=state)
        RecommendationFactory(state=state)
        MandateFactory(body=body)
        MembershipFactory(body=OrganizationFactory(), state=state)
        news(f"Story {state.pk} {i} {n}", about=state)
        OrganizationFactory(kind=OrganizationKind.BODY, parent=body)


@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_run_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, cis, council, kazakhstan, signed_in
):
    from django.core.cache import cache

    if signed_in:
        client.force_login(make_user("analyst-q", Role.ANALYST))
    person = PersonFactory(given_name_en="Q", family_name_en="Person")
    PostFactory(person=person, organization=council)
    urls = [
        reverse("portal:home"),
        reverse("portal:body_list"),
        reverse("portal:body_detail", kwargs={"key": "council"}),
        reverse("portal:state_list"),
        reverse("portal:state_detail", kwargs={"iso3": "kaz"}),
        person_url(person),
        reverse("portal:calendar"),
        reverse("portal:calendar") + "?year=" + str(LATELY.year),
        "/sitemap.xml",
        "/sitemap-documents.xml",
    ]
    counts = {}
    for n in (2, 20):
        _grow(n, council, kazakhstan)
        for url in urls:
            cache.clear()
            # Members read the same pages with the apps' panels, other names and history: a larger, still fixed, budget.
            with django_assert_max_num_queries(40 if signed_in else 25) as captured:
                assert client.get(url).status_code == 200, url
            counts.setdefault(url, []).append(len(captured))
    for url, (small, large) in counts.items():
        assert small == large, (url, small, large)


def test_cached_pages_follow_changes(client, kazakhstan, council):
    url = reverse("portal:state_detail", kwargs={"iso3": "kaz"})
    assert "Казахстан" in page(client, url)
    kazakhstan.name_ru = "Республика Казахстан (новое)"
    kazakhstan.save()
    assert "Республика Казахстан (новое)" in page(client, url)
    directory = reverse("portal:body_list")
    assert "Межгосударственный совет" in page(client, directory)
    council.name_ru = "Совет (переименован)"
    council.save()
    assert "Совет (переименован)" in page(client, directory)
    home = page(client, "/")
    MeetingFactory(body=council, title_ru="Совсем новая сессия", start_on=SOON, end_on=SOON)
    assert "Совсем новая сессия" not in home and "Совсем новая сессия" in page(client, "/")


def test_anonymous_pages_come_from_the_cache(client, django_assert_max_num_queries, kazakhstan):
    url = reverse("portal:state_detail", kwargs={"iso3": "kaz"})
    page(client, url)
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200


# --- the workspace pages the portal links to ----------------------------------------------------------


def test_meeting_page_does_not_name_non_public_people(client, analyst_user):
    from accord.meetings.choices import OutcomeKind
    from accord.meetings.models import Outcome

    meeting = MeetingFactory()
    shown = PersonFactory(family_name_en="Visiblov", family_name_ru="Видимов")
    hidden = PersonFactory(family_name_en="Hiddenov", family_name_ru="Скрытов", is_public=False)
    ParticipationFactory(meeting=meeting, state=None, person=shown)
    ParticipationFactory(meeting=meeting, state=None, person=hidden)
    Outcome.objects.create(
        meeting=meeting, kind=OutcomeKind.ELECTION, elected=hidden, description_ru="Выборы"
    )
    text = page(client, meeting.get_absolute_url())
    assert "Видимов" in text and "Скрытов" not in text
    client.force_login(analyst_user)
    assert "Скрытов" in page(client, meeting.get_absolute_url())


def test_public_document_of_a_restricted_meeting_does_not_name_it(client, analyst_user):
    meeting = MeetingFactory(title_ru="Закрытое заседание", confidentiality=Confidentiality.RESTRICTED)
    document = DocumentFactory(meeting=meeting)
    assert "Закрытое заседание" not in page(client, document.get_absolute_url())
    client.force_login(analyst_user)
    assert "Закрытое заседание" in page(client, document.get_absolute_url())


@pytest.mark.parametrize(
    "url",
    [
        "/people/99999999999999999999999/x/",
        "/bodies/99999999999999999999999/",
        "/states/жж/",
        "/states/toolong/",
        "/sitemap-documents.xml?p=abc",
        "/sitemap-documents.xml?p=999",
    ],
)
def test_nonsense_addresses_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_calendar_huge_numbers_are_refused_politely(client):
    text = page(client, reverse("portal:calendar"), year="99999999999999999999", page="99999999999999")
    assert "is-invalid" in text


def test_meeting_and_document_pages_are_cached_for_visitors_and_follow_changes(
    client, django_assert_max_num_queries
):
    meeting = MeetingFactory(title_ru="Сессия для кэша")
    document = DocumentFactory(title="Документ для кэша", meeting=meeting, published_on=LATELY)
    for url in (meeting.get_absolute_url(), document.get_absolute_url()):
        page(client, url)
        with django_assert_max_num_queries(0):
            assert client.get(url).status_code == 200
    meeting.title_ru = "Сессия переименована"
    meeting.save()
    assert "Сессия переименована" in page(client, meeting.get_absolute_url())
    assert "Сессия переименована" in page(client, document.get_absolute_url())


def test_every_link_on_the_portal_pages_leads_somewhere(client, cis, council, kazakhstan):
    authority = NationalAuthorityFactory(slug="prosecutor", state=kazakhstan)
    MembershipFactory(body=council, state=kazakhstan)
    MembershipFactory(body=authority, state=kazakhstan)
    MembershipFactory(body=council, state=None, organization=authority)
    official = PersonFactory(given_name_en="Link", family_name_en="Checker")
    PostFactory(person=official, organization=council)
    PostFactory(person=official, organization=authority)
    MeetingFactory(body=authority, country=kazakhstan, start_on=SOON, end_on=SOON)
    meeting = MeetingFactory(body=council, country=kazakhstan, start_on=LATELY, end_on=LATELY)
    ParticipationFactory(meeting=meeting, state=kazakhstan)
    ParticipationFactory(meeting=meeting, state=None, person=official)
    DocumentFactory(meeting=meeting)
    MandateFactory(body=council)
    PartyFactory(state=kazakhstan)
    news("Linked story", about=kazakhstan)
    RecommendationFactory(state=kazakhstan)
    review = CountryReviewFactory(state=kazakhstan, phase="published")
    Summary.objects.create(review=review, text_ru="Итоги.", published_at=timezone.now())
    start = [
        "/",
        "/bodies/",
        "/bodies/council/",
        "/bodies/cis/",
        "/states/",
        "/states/kaz/",
        person_url(official),
    ]
    start += ["/calendar/", f"/calendar/?year={LATELY.year}&body=council"]
    seen: set[str] = set()
    for url in start:
        text = page(client, url)
        for href in re.findall(r'href="(/[^"#]*)"', text):
            href = href.replace("&amp;", "&")
            if href in seen or href.startswith(("/language/", "/login/", "/static/")):
                continue
            seen.add(href)
            # A link may lead on to the page it stands for (a registry address to the record's one page,
            # a published review to its public summary); where it ends must answer.
            status = client.get(href, follow=True).status_code
            assert status == 200, (url, href, status)
    assert "/bodies/prosecutor/" not in seen  # a national authority has no directory page


def test_lists_follow_the_alphabet_of_the_reader(client, settings):
    from django.utils import translation

    StateFactory(name_en="Zeeland", name_ru="Альфания")
    StateFactory(name_en="Avalon", name_ru="Яхония")
    OrganizationFactory(name_en="Zulu Council", name_ru="Агентство")
    OrganizationFactory(name_en="Alpha Union", name_ru="Юнион")
    russian = page(client, reverse("portal:state_list"))
    assert russian.index("Альфания") < russian.index("Яхония")
    assert page(client, reverse("portal:body_list")).index("Агентство") < page(
        client, reverse("portal:body_list")
    ).index("Юнион")
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        english = page(client, reverse("portal:state_list"))
        bodies = page(client, reverse("portal:body_list"))
    assert english.index("Avalon") < english.index("Zeeland")
    assert bodies.index("Alpha Union") < bodies.index("Zulu Council")


def test_signing_out_leads_to_the_portal_and_signing_in_to_the_workspace(client, analyst_user):
    response = client.post(reverse("login"), {"username": "analyst", "password": "pass-12345"})
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/"


def test_meeting_page_lists_documents_and_news_without_reading_their_texts(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = MeetingFactory(title_ru="Сессия с документами")
    DocumentFactory(title="Доклад сессии", meeting=meeting, text="Очень длинный текст доклада. " * 50)
    news("Story of the session", about=meeting, body_ru="Тело новости. " * 50)
    with CaptureQueriesContext(connection) as captured:
        text = page(client, meeting.get_absolute_url())
    assert "Доклад сессии" in text and "Story of the session" in text
    columns = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"documents_document"."text"' not in columns and '"news_newsitem"."body_ru"' not in columns


@pytest.mark.usefixtures("english")
def test_state_recommendation_figures_count_the_overdue_public_ones_in_one_query(client, kazakhstan):
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.portal.profiles import recommendation_figures

    past, later = TODAY - datetime.timedelta(days=10), TODAY + datetime.timedelta(days=10)
    RecommendationFactory(state=kazakhstan, status=Status.IN_PROGRESS, due_on=past)  # overdue
    RecommendationFactory(state=kazakhstan, status=Status.IN_PROGRESS, due_on=later)
    RecommendationFactory(state=kazakhstan, status=Status.IMPLEMENTED, due_on=past)  # done, not late
    RecommendationFactory(
        state=kazakhstan, status=Status.IN_PROGRESS, due_on=past, confidentiality=Confidentiality.RESTRICTED
    )
    with CaptureQueriesContext(connection) as captured:
        figures = recommendation_figures(AnonymousUser(), kazakhstan, TODAY)
    assert len(captured) == 1
    assert (figures.total, figures.overdue, figures.implemented_share) == (3, 1, 33)
    text = page(client, reverse("portal:state_detail", kwargs={"iso3": "kaz"}))
    table = text.split('data-testid="state-recommendations"')[1].split("</section>")[0]
    assert "Of these, 1 is overdue." in table
