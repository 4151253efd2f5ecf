"""The questionnaire API: questions, answers with versions, saving (409 on a refused save), submitting."""

import pytest
from django.utils import timezone

from accord.core.roles import Role
from accord.instruments.tests.factories import ProvisionFactory
from accord.registry.tests.factories import StateFactory
from accord.reviews.choices import Implementation, Phase, QuestionKind, VersionStatus
from accord.reviews.models import ResponseVersion, Summary
from accord.reviews.services import build_questions, save_answer
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    state = StateFactory()
    setting = review_setting(
        state=state, focal_users=[make_user("expert")], reviewer_users=[make_user("reviewer", Role.REVIEWER)]
    )
    setting.focal = make_user("focal", Role.FOCAL_POINT, state=state)
    setting.expert = setting.review.expert_links.get(side="under_review").user
    setting.reviewer = setting.review.expert_links.get(side="reviewer").user
    return setting


def question(setting, kind=QuestionKind.EXAMPLES, provision=0):
    return setting.cluster.questions.get(provision=setting.provisions[provision], kind=kind)


def body(setting, q, based_on, **fields):
    return {"review": setting.review.pk, "question": q.pk, "based_on": based_on, **fields}


def test_questions_are_public_and_filtered_by_cluster(api_client, world):
    other = review_setting()
    data = api_client.get("/api/questions/", {"cluster": world.cluster.pk}).json()
    assert data["count"] == 2 * len(QuestionKind.values)
    assert {row["cluster"] for row in data["results"]} == {world.cluster.pk}
    assert data["results"][0]["provision_label"] == world.provisions[0].label
    assert api_client.get("/api/questions/", {"cluster": other.cluster.pk}).json()["count"] == 10


def test_save_then_a_refused_save_answers_409_and_keeps_both(api_client, world):
    q = question(world)
    api_client.force_authenticate(world.focal)
    created = api_client.post("/api/responses/save/", body(world, q, 0, text="Первый"))
    assert created.status_code == 201, created.json()
    assert created.json()["outcome"] == "created" and created.json()["response"]["version"] == 1
    assert created.json()["response"]["current"]["text"] == "Первый"
    assert api_client.post("/api/responses/save/", body(world, q, 1, text="Второй")).status_code == 200
    api_client.force_authenticate(world.expert)
    refused = api_client.post("/api/responses/save/", body(world, q, 1, text="Параллельный"))
    assert refused.status_code == 409
    data = refused.json()
    assert data["code"] == "edit_conflict" and "focal" in data["detail"]
    assert data["current"]["text"] == "Второй" and data["refused"]["text"] == "Параллельный"
    assert data["refused"]["status"] == VersionStatus.CONFLICT and data["refused"]["source"] == "api"
    listed = api_client.get("/api/responses/", {"review": world.review.pk}).json()["results"]
    assert [v["status"] for v in listed[0]["versions"]] == ["superseded", "current", "conflict"]


def test_bad_bodies_answer_400(api_client, world):
    api_client.force_authenticate(world.focal)
    implemented = question(world, QuestionKind.IMPLEMENTATION)
    for data in (
        {"review": world.review.pk},
        body(world, implemented, 0, implementation="maybe"),
        body(world, question(world), 0, implementation="fully"),
        body(world, question(world), -1, text="x"),
        body(world, question(review_setting()), 0, text="x"),
    ):
        response = api_client.post("/api/responses/save/", data)
        assert response.status_code == 400, data
        assert response.json()["code"] == "validation_error"
    assert not ResponseVersion.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "no_role", "other_focal", "reviewer", "analyst"])
def test_who_may_not_save_or_read(api_client, world, who):
    users = {
        "anonymous": None,
        "no_role": make_user("norole"),
        "other_focal": make_user("other-focal", Role.FOCAL_POINT, state=StateFactory()),
        "reviewer": world.reviewer,
        "analyst": make_user("analyst", Role.ANALYST),
    }
    save_answer(world.review, question(world), acting_user=world.focal, text="Тайна", based_on=0)
    user = users[who]
    if user is not None:
        api_client.force_authenticate(user)
    save = api_client.post("/api/responses/save/", body(world, question(world), 1, text="x"))
    submit = api_client.post("/api/responses/submit/", {"review": world.review.pk})
    listed = api_client.get("/api/responses/").json()
    if who == "reviewer":  # reads the answers, may not write them
        assert save.status_code == 403 and submit.status_code == 403 and listed["count"] == 1
    elif who == "anonymous":
        assert save.status_code in (401, 403) and submit.status_code in (401, 403) and listed["count"] == 0
    else:
        assert save.status_code == 404 and submit.status_code == 404 and listed["count"] == 0
    assert ResponseVersion.objects.count() == 1


def test_a_published_review_answers_403_to_outsiders(api_client, world):
    Summary.objects.create(review=world.review, text_ru="Резюме", published_at=timezone.now())
    api_client.force_authenticate(make_user("other-focal", Role.FOCAL_POINT, state=StateFactory()))
    assert (
        api_client.post("/api/responses/save/", body(world, question(world), 0, text="x")).status_code == 403
    )
    assert api_client.get("/api/responses/progress/", {"review": world.review.pk}).status_code == 403


def test_submit_refused_while_incomplete_then_accepted(api_client, world):
    api_client.force_authenticate(world.expert)
    refused = api_client.post("/api/responses/submit/", {"review": world.review.pk})
    assert refused.status_code == 400 and refused.json()["code"] == "validation_error"
    progress = api_client.get("/api/responses/progress/", {"review": world.review.pk}).json()
    assert (progress["answered"], progress["required"], len(progress["missing"])) == (0, 2, 2)
    for provision in range(2):
        q = question(world, QuestionKind.IMPLEMENTATION, provision)
        api_client.post("/api/responses/save/", body(world, q, 0, implementation=Implementation.FULLY))
    accepted = api_client.post("/api/responses/submit/", {"review": world.review.pk})
    assert accepted.status_code == 200 and accepted.json()["phase"] == Phase.DESK_REVIEW
    late = api_client.post("/api/responses/save/", body(world, question(world), 0, text="x"))
    assert late.status_code == 403
    assert api_client.get("/api/responses/progress/", {"review": "x"}).status_code == 400


@pytest.mark.parametrize("provisions", [2, 20])
def test_the_responses_list_costs_the_same_for_2_and_20_provisions(
    api_client, world, provisions, django_assert_max_num_queries
):
    extra = [ProvisionFactory(instrument=world.instrument, position=100 + n) for n in range(provisions - 2)]
    world.cluster.provisions.add(*extra)
    build_questions(world.cluster)
    for q in world.cluster.questions.exclude(kind=QuestionKind.IMPLEMENTATION):
        save_answer(world.review, q, acting_user=world.focal, text="a", based_on=0)
        save_answer(world.review, q, acting_user=world.focal, text="b", based_on=1)
    api_client.force_authenticate(world.reviewer)
    with django_assert_max_num_queries(10):
        data = api_client.get("/api/responses/", {"review": world.review.pk, "limit": 1000}).json()
    assert data["count"] == provisions * (len(QuestionKind.values) - 1)
    with django_assert_max_num_queries(5):
        assert api_client.get("/api/questions/", {"cluster": world.cluster.pk}).status_code == 200
