"""One public face: a state, body, person, meeting and document each have one page, in one frame per reader.

The public reads the portal's frame and menu; members read the same page with
their menu and panels; the registry's address of the same record leads there.
Sections with nothing to show are left out; counts agree with their rows.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.core.choices import Confidentiality
from accord.followup.choices import Status
from accord.followup.tests.factories import RecommendationFactory
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.choices import OrganizationKind
from accord.registry.tests.factories import (
    AliasFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def kazakhstan(db):
    return StateFactory(iso2="KZ", iso3="KAZ", m49="398", name_en="Kazakhstan", name_ru="Казахстан")


@pytest.fixture
def council(db):
    cis = OrganizationFactory(slug="cis", name_en="Commonwealth of Independent States", name_ru="СНГ")
    return OrganizationFactory(slug="council", kind=OrganizationKind.BODY, parent=cis, name_en="Council")


def test_registry_addresses_of_a_state_a_body_and_a_person_lead_to_their_one_page(
    client, analyst_user, kazakhstan, council
):
    person = PersonFactory(given_name_en="Igor", family_name_en="Krasnov")
    PostFactory(person=person, organization=council)
    for user in (None, analyst_user):
        if user:
            client.force_login(user)
        assert client.get("/registry/states/KAZ/")["Location"] == "/states/kaz/"
        assert client.get(f"/registry/organizations/{council.pk}/")["Location"] == "/bodies/council/"
        assert (
            client.get(f"/registry/persons/{person.pk}/")["Location"] == f"/people/{person.pk}/igor-krasnov/"
        )
    assert client.get("/registry/states/ZZZ/").status_code == 404


def test_records_without_a_portal_page_keep_their_registry_page(client, analyst_user, kazakhstan):
    authority = NationalAuthorityFactory(state=kazakhstan, name_en="Prosecutor's Office")
    postless = PersonFactory(family_name_en="Postless")
    client.force_login(analyst_user)
    assert client.get(f"/registry/organizations/{authority.pk}/").status_code == 200
    assert client.get(f"/registry/persons/{postless.pk}/").status_code == 200


@pytest.mark.usefixtures("english")
def test_the_state_page_lists_officials_as_far_as_the_reader_may_see(client, analyst_user, kazakhstan):
    authority = NationalAuthorityFactory(state=kazakhstan, name_en="Anti-Corruption Agency")
    PostFactory(person=PersonFactory(family_name_en="Openov"), organization=authority, title_en="Chairman")
    PostFactory(
        person=PersonFactory(family_name_en="Quietov", is_public=False),
        organization=authority,
        title_en="Deputy",
    )
    public = page(client, "/states/kaz/")
    assert "Anti-Corruption Agency" in public and "Openov" in public and "Quietov" not in public
    client.force_login(analyst_user)
    member = page(client, "/states/kaz/")
    assert "Openov" in member and "Quietov" in member


@pytest.mark.usefixtures("english")
def test_members_see_their_menu_and_panels_on_the_same_page_the_public_reads(
    client, analyst_user, kazakhstan
):
    AliasFactory(state=kazakhstan, text="Qazaqstan")
    public = page(client, "/states/kaz/")
    assert 'data-testid="nav-bodies"' in public and 'data-testid="nav-registry"' not in public
    assert "Qazaqstan" not in public and 'data-testid="history"' not in public
    client.force_login(analyst_user)
    member = page(client, "/states/kaz/")
    assert (
        'data-testid="nav-registry"' in member and 'data-testid="aliases"' in member and "Qazaqstan" in member
    )


@pytest.mark.usefixtures("english")
def test_sections_with_nothing_to_show_are_left_out(client, council, kazakhstan):
    for url in ("/bodies/council/", "/states/kaz/"):
        text = page(client, url)
        assert not re.search(r"No \w+ (recorded|planned)|No published reviews|No documents yet", text), url
    body = page(client, "/bodies/council/")
    for section in ("body-members", "body-officials", "body-meetings", "body-decisions", "body-documents"):
        assert f'data-testid="{section}"' not in body
    state = page(client, "/states/kaz/")
    for section in ("state-memberships", "state-instruments", "state-reviews", "state-recommendations"):
        assert f'data-testid="{section}"' not in state


@pytest.mark.usefixtures("english")
def test_a_body_whose_chair_is_not_recorded_today_lists_its_former_officials(client, council):
    chair = PersonFactory(given_name_en="Yury", family_name_en="Chaika")
    PostFactory(
        person=chair,
        organization=council,
        title_en="Chairman of the council",
        start_on=None,
        end_on=TODAY - datetime.timedelta(days=400),
    )
    text = page(client, "/bodies/council/")
    section = text.split('data-testid="body-officials"')[1].split("</section>")[0]
    assert "Former officials" in section and "Chairman of the council" in section and "Chaika" in section


@pytest.mark.usefixtures("english")
def test_a_states_recommendation_count_is_the_sum_of_its_rows(client, kazakhstan):
    late = TODAY - datetime.timedelta(days=30)
    for status, due in ((Status.NOT_STARTED, late), (Status.NOT_STARTED, late), (Status.IMPLEMENTED, None)):
        RecommendationFactory(state=kazakhstan, status=status, due_on=due)
    text = page(client, "/states/kaz/")
    section = text.split('data-testid="state-recommendations"')[1].split("</section>")[0]
    total = int(re.search(r"(\d+) recommendations", section).group(1))
    rows = [int(n) for n in re.findall(r'data-testid="recommendation-count">(\d+)<', section)]
    assert total == sum(rows) == 3
    assert 'data-testid="recommendations-overdue"' in section and "2 are overdue" in section


@pytest.mark.usefixtures("english")
def test_a_meeting_and_a_document_sit_in_the_public_frame_for_the_public(client, analyst_user, council):
    from accord.documents.tests.factories import DocumentFactory

    meeting = MeetingFactory(body=council, title_en="Plenary session", confidentiality=Confidentiality.PUBLIC)
    document = DocumentFactory(title="Open report", confidentiality=Confidentiality.PUBLIC)
    for url in (meeting.get_absolute_url(), document.get_absolute_url()):
        public = page(client, url)
        assert 'property="og:title"' in public and 'name="description"' in public, url
        assert 'data-testid="nav-bodies"' in public and 'data-testid="nav-followup"' not in public, url
    meeting_page = page(client, meeting.get_absolute_url())
    # Nothing recorded yet: no empty agenda, participants, outcomes or documents for readers.
    for empty in ('id="agenda"', 'id="participants"', 'id="outcomes"', 'data-testid="documents-panel"'):
        assert empty not in meeting_page
    client.force_login(analyst_user)
    assert 'data-testid="nav-followup"' in page(client, meeting.get_absolute_url())


@pytest.mark.usefixtures("english")
def test_the_public_calendar_has_a_month_grid(client, council):
    MeetingFactory(
        body=council,
        title_en="December session",
        start_on=datetime.date(2021, 12, 13),
        end_on=datetime.date(2021, 12, 14),
        confidentiality=Confidentiality.PUBLIC,
    )
    text = page(client, reverse("portal:calendar") + "?view=month&month=2021-12")
    grid = text.split('data-testid="month-grid"')[1].split("</table>")[0]
    assert grid.count('title="December session"') == 2  # both days
    assert "December 2021" in text and "month=2022-01" in text and "month=2021-11" in text
    assert 'data-testid="month-grid"' in page(
        client, reverse("portal:calendar") + "?view=month&month=nonsense"
    )
    assert 'data-testid="month-grid"' not in page(client, reverse("portal:calendar"))
