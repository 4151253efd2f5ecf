"""Observation pages, the summary, its documents and the assistance overview; the observations and summaries API."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accord.reviews.choices import ObservationKind, QuestionKind
from accord.reviews.models import Observation, Summary
from accord.reviews.services import add_observation, save_summary
from accord.reviews.tests.test_observations import answer, make_world, publish, quick_user

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world():
    world = make_world()
    answer(
        world.review,
        world.provision,
        QuestionKind.LEGAL_TEXT,
        text="Закон о борьбе с коррупцией",
        author=world.focal,
    )
    add_observation(
        world.review,
        acting_user=world.reviewer,
        provision=world.provision,
        kind=ObservationKind.GOOD_PRACTICE,
        text_ru="Агентство по противодействию коррупции",
    )
    return world


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def page(world):
    return reverse("reviews:observations", args=[world.review.pk])


def people(world, names):
    return [None if name == "anonymous" else getattr(world, name) for name in names]


WORKERS = ["reviewer", "focal", "secretariat"]
OUTSIDERS = ["anonymous", "other_reviewer", "other_focal", "analyst"]


@pytest.mark.parametrize("who", WORKERS)
def test_people_of_the_review_open_its_observations(client, world, who):
    response = as_user(client, getattr(world, who)).get(page(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Агентство по противодействию коррупции" in html and "Закон о борьбе с коррупцией" in html
    assert 'data-testid="tab-observations"' in html
    assert reverse("reviews:review_output", args=[world.review.pk, "observations", "ru", "pdf"]) in html
    can_write = who != "focal"
    assert ('data-testid="observation-form"' in html) is can_write
    assert ('data-testid="summary-form"' in html) is can_write


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_before_publication_and_403_after(client, world, who):
    (user,) = people(world, [who])
    as_user(client, user)
    assert client.get(page(world)).status_code == 404
    output = reverse("reviews:review_output", args=[world.review.pk, "summary", "ru", "pdf"])
    assert client.get(output).status_code == 404
    assert client.get(reverse("reviews:summary_public", args=[world.review.pk])).status_code == 404
    publish(world.review, world.secretariat)
    assert client.get(page(world)).status_code == 403
    observations = reverse("reviews:review_output", args=[world.review.pk, "observations", "ru", "pdf"])
    assert client.get(observations).status_code == 403
    response = client.get(output)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    public = client.get(reverse("reviews:summary_public", args=[world.review.pk]))
    assert public.status_code == 200
    assert "Резюме обзора" in public.content.decode() and "Агентство" not in public.content.decode()


def test_add_edit_delete_with_htmx(client, world):
    as_user(client, world.reviewer)
    add = reverse("reviews:observation_add", args=[world.review.pk, world.provision.pk])
    prefix = f"add-{world.provision.pk}"
    response = client.post(
        add, {f"{prefix}-kind": "recommendation", f"{prefix}-text_ru": "Принять закон"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "Принять закон" in html
    observation = Observation.objects.get(text_ru="Принять закон")
    assert observation.author == world.reviewer and observation.kind == ObservationKind.RECOMMENDATION

    edit = reverse("reviews:observation_edit", args=[observation.pk])
    form = client.get(edit, **HTMX).content.decode()
    assert "Принять закон</textarea>" in form and "<html" not in form
    prefix = f"edit-{observation.pk}"
    response = client.post(
        edit,
        {f"{prefix}-kind": "recommendation", f"{prefix}-text_ru": "", f"{prefix}-text_en": "Adopt"},
        **HTMX,
    )
    assert response.status_code == 200 and "Adopt" in response.content.decode()
    observation.refresh_from_db()
    assert (observation.text_ru, observation.text_en) == ("", "Adopt")

    response = client.post(reverse("reviews:observation_delete", args=[observation.pk]), **HTMX)
    assert response.status_code == 200 and "Adopt" not in response.content.decode()
    assert not Observation.objects.filter(pk=observation.pk).exists()


def test_forms_work_without_javascript_and_refuse_bad_input(client, world):
    as_user(client, world.reviewer)
    add = reverse("reviews:observation_add", args=[world.review.pk, world.provision.pk])
    prefix = f"add-{world.provision.pk}"
    response = client.post(add, {f"{prefix}-kind": "challenge", f"{prefix}-text_en": "No statistics"})
    assert response.status_code == 302 and response["Location"].endswith(f"#provision-{world.provision.pk}")
    response = client.post(add, {f"{prefix}-kind": "challenge", f"{prefix}-text_ru": "  "})
    assert response.status_code == 400 and "invalid-feedback" in response.content.decode()
    response = client.post(add, {f"{prefix}-kind": "challenge", f"{prefix}-text_ru": " "}, **HTMX)
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert client.post(add, {f"{prefix}-kind": "opinion", f"{prefix}-text_ru": "x"}).status_code == 400
    foreign = reverse("reviews:observation_add", args=[world.review.pk, world.other.provisions[0].pk])
    assert client.post(foreign, {f"{prefix}-kind": "challenge", f"{prefix}-text_ru": "x"}).status_code == 404
    assert client.get(add).status_code == 405
    observation = Observation.objects.get(text_en="No statistics")
    assert client.get(reverse("reviews:observation_edit", args=[observation.pk])).status_code == 200
    assert client.get(page(world), {"provision": "abc"}, **HTMX).status_code == 200
    assert client.get(page(world), {"provision": "999999"}, **HTMX).status_code == 404
    assert Observation.objects.count() == 2


def test_state_under_review_reads_but_does_not_write(client, world):
    as_user(client, world.focal)
    observation = Observation.objects.get()
    add = reverse("reviews:observation_add", args=[world.review.pk, world.provision.pk])
    prefix = f"add-{world.provision.pk}"
    assert client.post(add, {f"{prefix}-kind": "challenge", f"{prefix}-text_ru": "x"}).status_code == 403
    assert client.get(reverse("reviews:observation_edit", args=[observation.pk])).status_code == 403
    assert client.post(reverse("reviews:observation_delete", args=[observation.pk])).status_code == 403
    assert (
        client.post(reverse("reviews:summary_save", args=[world.review.pk]), {"text_ru": "x"}).status_code
        == 403
    )
    as_user(client, world.other_reviewer)
    assert client.post(reverse("reviews:observation_delete", args=[observation.pk])).status_code == 404
    assert Observation.objects.count() == 1 and not Summary.objects.exists()


def test_summary_editor(client, world):
    as_user(client, world.reviewer)
    url = reverse("reviews:summary_save", args=[world.review.pk])
    response = client.post(url, {"text_ru": "Резюме", "text_en": "Summary"}, **HTMX)
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert Summary.objects.get().text_en == "Summary"
    assert client.post(url, {"text_ru": "Иначе"}).status_code == 302
    assert Summary.objects.get().text_ru == "Иначе"
    preview = client.get(reverse("reviews:summary_public", args=[world.review.pk])).content.decode()
    assert "Иначе" in preview and 'data-testid="summary-draft"' in preview


@pytest.mark.parametrize("document", ["observations", "summary"])
@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_downloads(client, world, document, language, fmt):
    as_user(client, world.focal)
    response = client.get(reverse("reviews:review_output", args=[world.review.pk, document, language, fmt]))
    assert response.status_code == 200
    filename = f"review-UZB-2016-{document}-{language}.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    if fmt == "pdf":
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert ("Узбекистан" if language == "ru" else "Uzbekistan") in text


def test_bad_download_addresses_are_404(client, world):
    as_user(client, world.secretariat)
    for args in (("report", "ru", "pdf"), ("summary", "fr", "pdf"), ("summary", "ru", "exe")):
        assert client.get(reverse("reviews:review_output", args=[world.review.pk, *args])).status_code == 404
    assert (
        client.get(reverse("reviews:review_output", args=[999999, "summary", "ru", "pdf"])).status_code == 404
    )


def test_assistance_overview(client, world):
    add_observation(
        world.review,
        acting_user=world.reviewer,
        provision=world.provision,
        kind=ObservationKind.ASSISTANCE,
        text_ru="Обучение",
    )
    answer(world.review, world.provision, QuestionKind.ASSISTANCE, text="Эксперты", author=world.focal)
    url = reverse("reviews:assistance")
    public = client.get(url).content.decode()
    assert "chart-provision" in public and str(world.provision) not in public
    as_user(client, world.secretariat)
    html = client.get(url).content.decode()
    assert str(world.provision) in html and "<svg" in html and world.review.state.regional_group.name in html
    filtered = client.get(url, {"mechanism": world.other.mechanism.slug}, **HTMX).content.decode()
    assert "<html" not in filtered and str(world.provision) not in filtered
    for bad in ({"mechanism": "nope"}, {"cycle": "abc"}, {"cycle": "999999", "mechanism": "x" * 300}):
        assert client.get(url, bad).status_code == 200
    mine = client.get(url, {"cycle": world.review.cycle_id}).content.decode()
    assert str(world.provision) in mine


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("rows", [2, 20])
def test_pages_do_not_grow_with_rows(client, world, rows, django_assert_max_num_queries):
    for n in range(rows):
        provision = world.setting.provisions[n % 2]
        kind = ObservationKind.values[n % 4]
        add_observation(
            world.review, acting_user=world.reviewer, provision=provision, kind=kind, text_ru=f"№{n}"
        )
    save_summary(world.review, acting_user=world.reviewer, text_ru="Резюме", text_en="")
    as_user(client, world.reviewer)
    with django_assert_max_num_queries(22):
        assert client.get(page(world)).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reviews:assistance")).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(reverse("reviews:summary_public", args=[world.review.pk])).status_code == 200


# ---- API ---------------------------------------------------------------------------------


def api(user):
    from rest_framework.test import APIClient

    api_client = APIClient()
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


def test_api_observations_for_the_people_of_the_review(world):
    url = reverse("observation-list")
    reviewer = api(world.reviewer)
    listed = reviewer.get(url, {"review": world.review.pk}).json()
    assert (
        listed["count"] == 1 and listed["results"][0]["text_ru"] == "Агентство по противодействию коррупции"
    )
    body = {
        "review": world.review.pk,
        "provision": world.provision.pk,
        "kind": "challenge",
        "text_en": "Few staff",
    }
    created = reviewer.post(url, body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert Observation.objects.get(pk=pk).author == world.reviewer
    assert reviewer.get(url, {"kind": "challenge"}).json()["count"] == 1
    assert reviewer.get(url, {"provision": world.setting.provisions[1].pk}).json()["count"] == 0
    detail = reverse("observation-detail", args=[pk])
    assert reviewer.patch(detail, {"text_ru": "Мало штата"}, format="json").json()["text_ru"] == "Мало штата"
    refused = reviewer.patch(detail, {"text_ru": "", "text_en": ""}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "validation_error"
    foreign = reviewer.post(url, {**body, "provision": world.other.provisions[0].pk}, format="json")
    assert foreign.status_code == 400 and "provision" in foreign.json()["fields"]
    assert reviewer.get(url, {"kind": "nonsense"}).status_code == 400
    assert reviewer.delete(detail).status_code == 204


@pytest.mark.parametrize("who", ["anonymous", "other_reviewer", "other_focal", "analyst", "no_role", "focal"])
def test_api_observations_refuse_others(world, who):
    user = quick_user("nobody") if who == "no_role" else people(world, [who])[0]
    client = api(user)
    url = reverse("observation-list")
    observation = Observation.objects.get()
    detail = reverse("observation-detail", args=[observation.pk])
    body = {"review": world.review.pk, "provision": world.provision.pk, "kind": "challenge", "text_ru": "x"}
    if who == "focal":  # reads, never writes
        assert client.get(url).json()["count"] == 1
        assert client.post(url, body, format="json").status_code == 403
        assert client.patch(detail, {"text_ru": "y"}, format="json").status_code == 403
        assert client.delete(detail).status_code == 403
    else:
        # A review they cannot see is not there (its id in a body: 400, as for no such review);
        # anonymous writes stop before the lookup.
        assert client.get(url).json()["count"] == 0
        assert client.get(detail).status_code == 404
        assert client.post(url, body, format="json").status_code == (403 if who == "anonymous" else 400)
        assert client.delete(detail).status_code == (403 if who == "anonymous" else 404)
    assert Observation.objects.get().text_ru == "Агентство по противодействию коррупции"


@pytest.mark.parametrize("rows", [2, 20])
def test_api_lists_do_not_grow_with_rows(world, rows, django_assert_max_num_queries):
    for n in range(rows):
        add_observation(
            world.review,
            acting_user=world.reviewer,
            provision=world.provision,
            kind="challenge",
            text_ru=f"№{n}",
        )
    save_summary(world.review, acting_user=world.reviewer, text_ru="Резюме", text_en="")
    client = api(world.reviewer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("observation-list")).json()["count"] == rows + 1
    with django_assert_max_num_queries(8):
        assert client.get(reverse("summary-list")).json()["count"] == 1


def test_api_summaries(world):
    url = reverse("summary-list")
    reviewer = api(world.reviewer)
    created = reviewer.post(
        url, {"review": world.review.pk, "text_ru": "Резюме", "text_en": ""}, format="json"
    )
    assert created.status_code == 201, created.json()
    detail = reverse("summary-detail", args=[created.json()["id"]])
    assert reviewer.patch(detail, {"text_en": "Summary"}, format="json").json()["text_en"] == "Summary"
    assert api(world.focal).patch(detail, {"text_en": "Mine"}, format="json").status_code == 403
    anonymous = api(None)
    assert anonymous.get(url).json()["count"] == 0
    publish(world.review, world.secretariat)
    listed = anonymous.get(url).json()
    assert listed["count"] == 1 and listed["results"][0]["is_published"]
    assert listed["results"][0]["downloads"]["ru"]["pdf"].endswith("/summary/ru/pdf/")
    assert reviewer.patch(detail, {"text_en": "Late"}, format="json").status_code == 403
    assert anonymous.post(url, {"review": world.review.pk, "text_ru": "x"}, format="json").status_code in (
        401,
        403,
    )


@pytest.mark.parametrize(
    ("basename", "body"),
    [
        ("review-comment", {"text": "Вопрос к статье."}),
        ("observation", {"kind": "challenge", "text_ru": "Замечание."}),
        ("summary", {"text_ru": "Резюме."}),
    ],
)
@pytest.mark.parametrize("who", ["other_focal", "other_reviewer", "analyst"])
def test_api_writes_tell_a_hidden_review_from_no_review_not_apart(world, basename, body, who):
    """A review's id sent by someone who may not open it answers as an id that does not exist."""
    client = api(getattr(world, who))
    url = reverse(f"{basename}-list")
    body = {**body, "provision": world.provision.pk}
    hidden = client.post(url, {**body, "review": world.review.pk}, format="json")
    missing = client.post(url, {**body, "review": world.review.pk + 1000}, format="json")
    assert (hidden.status_code, hidden.json()["code"]) == (missing.status_code, missing.json()["code"])
    assert hidden.json()["fields"].keys() == missing.json()["fields"].keys() == {"review"}
