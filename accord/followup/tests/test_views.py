"""Pages, dashboard counts and exports, per role."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accord.core.choices import Confidentiality
from accord.followup import services
from accord.followup.tests.factories import RecommendationFactory
from accord.registry.tests.factories import NationalAuthorityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # the tests read English texts

PAST = datetime.date(2000, 1, 1)
FUTURE = datetime.date(2999, 1, 1)


@pytest.fixture
def register(focal_state, other_state):
    """Hand-counted: focal state 3 (1 overdue, 1 implemented, 1 confidential), other state 2 (1 restricted)."""
    authority = NationalAuthorityFactory(state=focal_state, name_en="Anti-Corruption Agency", name_ru="")
    return {
        "late": RecommendationFactory(
            state=focal_state, authority=authority, due_on=PAST, themes=["integrity"], text_en="Late one"
        ),
        "done": RecommendationFactory(
            state=focal_state,
            due_on=PAST,
            status="implemented",
            themes=["integrity", "corruption"],
            text_en="Done one",
        ),
        "secret": RecommendationFactory(
            state=focal_state,
            confidentiality=Confidentiality.CONFIDENTIAL,
            due_on=FUTURE,
            text_en="Secret one",
        ),
        "other": RecommendationFactory(
            state=other_state, source_kind="evaluation", due_on=FUTURE, themes=["drugs"], text_en="Other one"
        ),
        "restricted": RecommendationFactory(
            state=other_state,
            confidentiality=Confidentiality.RESTRICTED,
            source_kind="evaluation",
            text_en="Members one",
        ),
    }


ROLE_SEES = {
    None: {"late", "done", "other"},
    "analyst_user": {"late", "done", "other", "restricted"},
    "reviewer_user": {"late", "done", "other", "restricted"},
    "focal_point_user": {"late", "done", "other", "restricted", "secret"},
    "other_focal_point_user": {"late", "done", "other", "restricted"},
    "secretariat_user": {"late", "done", "other", "restricted", "secret"},
}


@pytest.mark.parametrize("who", list(ROLE_SEES))
def test_list_detail_and_csv_follow_visibility(request, client, register, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("followup:recommendation_list")).content.decode()
    exported = client.get(reverse("followup:dashboard_csv")).content.decode()
    total_row = next(
        r for r in csv.reader(io.StringIO(exported)) if r[0] == "By source" or r[0] == "По источнику"
    )
    assert total_row  # the export has rows
    for key, recommendation in register.items():
        visible = key in ROLE_SEES[who]
        assert (recommendation.text_en in page) is visible, key
        status = client.get(recommendation.get_absolute_url()).status_code
        assert status == (200 if visible else 404), key
    totals = sum(
        int(r[-2]) for r in csv.reader(io.StringIO(exported)) if r[0] in ("By state", "По государствам")
    )
    assert totals == len(ROLE_SEES[who])


def test_csv_export_starts_with_a_byte_order_mark_so_excel_reads_cyrillic(client, register, analyst_user):
    client.force_login(analyst_user)
    response = client.get(reverse("followup:dashboard_csv"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="recommendations-')
    assert response.content.startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[-1] in ("Overdue", "Просрочено")


def test_list_filters_and_htmx(client, register, focal_state):
    url = reverse("followup:recommendation_list")
    body = client.get(url, {"overdue": "true"}).content.decode()
    assert "Late one" in body and "Done one" not in body
    body = client.get(url, {"theme": "corruption"}).content.decode()
    assert "Done one" in body and "Late one" not in body
    body = client.get(url, {"state": focal_state.iso3, "status": "implemented"}).content.decode()
    assert "Done one" in body and "Other one" not in body
    body = client.get(url, {"source_kind": "bogus"}).content.decode()
    assert "Late one" not in body
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content


def test_dashboard_counts_against_hand_count(client, secretariat_user, register, focal_state, other_state):
    client.force_login(secretariat_user)
    response = client.get(reverse("followup:dashboard"))
    assert response.status_code == 200
    tables = {t.dimension: t for t in response.context["tables"]}
    by_state = {row.label: row for row in tables["state"].rows}
    focal = by_state[focal_state.name]
    assert (focal.total, focal.overdue, focal.by_status["implemented"], focal.by_status["not_started"]) == (
        3,
        1,
        1,
        2,
    )
    assert (by_state[other_state.name].total, by_state[other_state.name].overdue) == (2, 0)
    assert tables["state"].rows[0].label == focal_state.name  # overdue first
    by_source = {row.key: row.total for row in tables["source"].rows}
    assert by_source == {"integrity_review": 3, "evaluation": 2}
    by_theme = {row.key: row.total for row in tables["theme"].rows}
    assert (by_theme["integrity"], by_theme["corruption"], by_theme["drugs"]) == (2, 1, 1)
    by_authority = {row.label: row.total for row in tables["authority"].rows}
    assert by_authority["Anti-Corruption Agency"] == 1
    assert response.context["overdue"] == 1 and response.context["total"] == 5


def test_xlsx_export_respects_visibility(client, register, analyst_user):
    client.force_login(analyst_user)
    response = client.get(reverse("followup:dashboard_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[1]  # the first breakdown; the first sheet lists the recommendations
    totals = [row[-2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(totals) == 4  # the confidential one is not exported to an analyst
    assert book.worksheets[0].max_row == 1 + 4
    anonymous = load_workbook(
        io.BytesIO(client.logout() or client.get(reverse("followup:dashboard_xlsx")).content)
    )
    assert sum(r[-2] for r in anonymous.worksheets[1].iter_rows(min_row=2, values_only=True)) == 3
    assert anonymous.worksheets[0].max_row == 1 + 3


def test_report_and_assess_forms(
    client, register, focal_point_user, other_focal_point_user, secretariat_user
):
    recommendation = register["late"]
    url = reverse("followup:report_progress", args=[recommendation.pk])
    client.force_login(other_focal_point_user)
    assert client.post(url, {"status": "in_progress", "text": "x"}).status_code == 403
    client.force_login(focal_point_user)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert 'name="text"' in page
    assert client.post(url, {"status": "bogus", "text": "x"}).status_code == 400
    response = client.post(url, {"status": "in_progress", "text": "Training held."})
    assert response.status_code == 302
    update = recommendation.updates.get()
    assess_url = reverse("followup:assess_update", args=[recommendation.pk, update.pk])
    assert client.post(assess_url, {"status": "", "comment": ""}).status_code == 403
    client.force_login(secretariat_user)
    assert client.post(assess_url, {"status": "implemented", "comment": ""}).status_code == 400
    response = client.post(
        assess_url, {"status": "", "comment": "Confirmed."}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Training held." in response.content.decode()
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.is_status_assessed) == ("in_progress", True)


def test_secretariat_creates_and_imports(client, secretariat_user, analyst_user, focal_state):
    client.force_login(analyst_user)
    assert client.get(reverse("followup:recommendation_create")).status_code == 403
    assert client.post(reverse("followup:import_from_reviews")).status_code == 403
    client.force_login(secretariat_user)
    response = client.post(
        reverse("followup:recommendation_create"),
        {
            "source_kind": "evaluation",
            "state": focal_state.pk,
            "text_en": "Publish asset declarations.",
            "priority": "high",
            "confidentiality": "public",
            "themes": ["integrity"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.post(reverse("followup:import_from_reviews")).status_code == 302


def test_state_panel_shows_open_commitments(client, register, focal_state):
    from accord.followup.panels import record_panel

    request = client.get(reverse("home")).wsgi_request
    html = record_panel(request, focal_state)
    assert "Late one" in html and "Done one" not in html and "Secret one" not in html
    assert record_panel(request, object()) == ""


def test_list_queries_do_not_grow(client, secretariat_user, django_assert_max_num_queries, focal_state):
    client.force_login(secretariat_user)
    for count in (2, 20):
        RecommendationFactory.create_batch(count, state=focal_state)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("followup:recommendation_list")).status_code == 200
        with django_assert_max_num_queries(16):
            assert client.get(reverse("followup:dashboard")).status_code == 200


def test_a_report_awaits_assessment_for_members_and_stays_hidden_from_the_public(
    client, register, focal_point_user, secretariat_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    recommendation = register["late"]
    update = services.report_progress(
        recommendation,
        acting_user=focal_point_user,
        status="in_progress",
        text="Step one.",
        files=[SimpleUploadedFile("minutes-of-step-one.txt", b"minutes")],
    )
    focal_point_user.first_name, focal_point_user.last_name = "", ""
    focal_point_user.save()
    public = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Step one." not in public and "minutes-of-step-one" not in public
    assert "awaiting-assessment" not in public and "In progress" not in public
    client.force_login(focal_point_user)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Step one." in page and 'data-testid="awaiting-assessment"' in page
    assert "reported “In progress”, awaiting assessment" in page
    listing = client.get(reverse("followup:recommendation_list")).content.decode()
    assert 'data-testid="awaiting-assessment"' in listing
    services.assess(update, acting_user=secretariat_user, status=None, comment="")
    client.logout()
    public = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Step one." in public and "In progress" in public and "awaiting-assessment" not in public
    # The public never sees a user account: neither who reported nor who assessed.
    for user in (focal_point_user, secretariat_user):
        assert user.get_username() not in public


def test_the_public_api_shows_assessed_reports_without_user_accounts(
    client, register, focal_point_user, secretariat_user
):
    recommendation = register["late"]
    first = services.report_progress(
        recommendation, acting_user=focal_point_user, status="in_progress", text="Assessed step."
    )
    services.assess(first, acting_user=secretariat_user, status=None, comment="")
    services.report_progress(
        recommendation, acting_user=focal_point_user, status="implemented", text="Unassessed claim."
    )
    updates = client.get("/api/status-updates/", {"recommendation": recommendation.pk}).json()
    texts = [row["text"] for row in updates["results"]]
    assert texts == ["Assessed step."]
    assert updates["results"][0]["reported_by"] is None
    assert all(a["assessed_by"] is None for a in updates["results"][0]["assessments"])
    data = client.get(f"/api/recommendations/{recommendation.pk}/").json()
    assert data["status"] == "in_progress" and data["awaiting_status"] is None
    client.force_login(secretariat_user)
    updates = client.get("/api/status-updates/", {"recommendation": recommendation.pk}).json()
    assert len(updates["results"]) == 2 and all(row["reported_by"] for row in updates["results"])
    assert client.get(f"/api/recommendations/{recommendation.pk}/").json()["awaiting_status"] == "implemented"


def test_the_evidence_picker_offers_the_addressee_states_documents_first(
    client, register, focal_point_user, focal_state, other_state
):
    """Issue 20, item 5: a type-ahead box whose answers put the addressee state's documents first."""
    from datetime import date

    from accord.documents.tests.factories import DocumentFactory

    own_authority = NationalAuthorityFactory(state=focal_state)
    foreign_authority = NationalAuthorityFactory(state=other_state)
    own = DocumentFactory(title="Own action plan", publisher=own_authority, published_on=date(2020, 1, 1))
    DocumentFactory(title="Foreign report", publisher=foreign_authority, published_on=date(2024, 1, 1))
    hidden = DocumentFactory(
        title="Confidential file", publisher=own_authority, confidentiality="confidential"
    )
    client.force_login(focal_point_user)
    recommendation = register["late"]
    page = client.get(recommendation.get_absolute_url()).content.decode()
    picker = f'data-picker="/autocomplete/document/?state={recommendation.state_id}"'
    assert picker in page
    # No document is written into the page: the box asks for them as the user types.
    assert "Own action plan" not in page and "Foreign report" not in page

    def offered(**params) -> list[str]:
        answer = client.get(reverse("autocomplete", args=["document"]), params).json()
        return [row["text"] for row in answer["results"]]

    first = offered(state=recommendation.state_id)
    assert first[:2] == ["Own action plan", "Foreign report"]  # the newer foreign one second
    assert "Confidential file" not in first
    assert offered(q="report", state=recommendation.state_id) == ["Foreign report"]
    assert offered()[:2] == ["Foreign report", "Own action plan"]  # without the state: newest first
    assert offered(state="x' OR 1=1")[:2] == ["Foreign report", "Own action plan"]  # bad value: no effect
    # The report takes a document the reporter sees and refuses one it does not.
    url = reverse("followup:report_progress", args=[recommendation.pk])
    before = recommendation.updates.count()
    refused = client.post(url, {"status": "in_progress", "text": "Plan adopted", "documents": [hidden.pk]})
    assert refused.status_code == 400 and recommendation.updates.count() == before
    client.post(url, {"status": "in_progress", "text": "Plan adopted", "documents": [own.pk]})
    assert list(recommendation.updates.latest("pk").documents.all()) == [own]


def test_too_many_evidence_files_are_explained_and_the_report_kept(
    client, register, focal_point_user, settings
):
    """Issue 15: more files than one upload may carry are a message on the form, the text kept."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ACCORD_MAX_UPLOAD_FILES = 3
    client.force_login(focal_point_user)
    recommendation = register["late"]
    evidence = [SimpleUploadedFile(f"evidence-{i}.txt", b"minutes") for i in range(4)]
    response = client.post(
        reverse("followup:report_progress", args=[recommendation.pk]),
        {"status": "in_progress", "text": "A hearing was held in March.", "files": evidence},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "At most 3 files can be sent at once; 4 were chosen." in page
    assert "A hearing was held in March." in page
    assert not recommendation.updates.exists()


def test_xlsx_export_lists_the_recommendations_themselves_ready_for_a_spreadsheet(
    client, register, analyst_user
):
    register["late"].text_ru = "Проверять декларации должностных лиц"
    register["late"].save()
    client.force_login(analyst_user)
    book = load_workbook(io.BytesIO(client.get(reverse("followup:dashboard_xlsx")).content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Number", "State"] and "Recommendation" in header and "Due on" in header
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {register[k].pk for k in ("late", "done", "other", "restricted")}
    late = rows[register["late"].pk]
    assert late[header.index("Addressee authority")] == "Anti-Corruption Agency"
    assert late[header.index("Due on")].date() == PAST
    for each in book.worksheets:
        assert each.freeze_panes == "A2" and each.auto_filter.ref and each.auto_filter.ref.startswith("A1:")
        assert all(each.column_dimensions[c].width >= 8 for c in "AB")
    with translation.override("ru"):
        russian = load_workbook(
            io.BytesIO(client.get(reverse("followup:dashboard_xlsx"), HTTP_ACCEPT_LANGUAGE="ru").content)
        )
    texts = [c for row in russian.worksheets[0].iter_rows(min_row=2, values_only=True) for c in row]
    assert "Проверять декларации должностных лиц" in texts
