"""The draws API: members read the trail, the secretariat draws; impossibility is a stable 400."""

import pytest

from accord.reviews.choices import DrawKind, Phase
from accord.reviews.models import CountryReview, Draw
from accord.reviews.tests.test_draw_services import world

pytestmark = pytest.mark.django_db

URL = "/api/draws/"


def test_the_secretariat_draws_through_the_api(api_client, secretariat_user):
    w = world(groups={"AFR": 10, "EEG": 10}, redraws_allowed=1)
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(f"{URL}selection/", {"cycle": w.cycle.pk, "seed": "api"})
    assert response.status_code == 201, response.data
    assert response.data["kind"] == DrawKind.SELECTION and response.data["seed"] == "api"
    assert len(response.data["result"]) == 20

    response = api_client.post(f"{URL}reviewers/", {"cycle": w.cycle.pk, "year": 2016})
    assert response.status_code == 201, response.data
    reviewers = Draw.objects.get(pk=response.data["id"])
    assert reviewers.year == 2016 and response.data["input"]["reviewees"]
    assert set(CountryReview.objects.filter(year=2016).values_list("phase", flat=True)) == {Phase.ASSIGNED}

    response = api_client.get(f"{URL}{reviewers.pk}/verify/")
    assert response.status_code == 200 and response.data["ok"] is True and response.data["same"] is True

    review = CountryReview.objects.filter(year=2016).first()
    response = api_client.post(f"{URL}redraw/", {"review": review.pk, "seed": 3})
    assert response.status_code == 201 and response.data["review"] == review.pk
    response = api_client.post(f"{URL}redraw/", {"review": review.pk})
    assert response.status_code == 400
    assert (response.data["code"], response.data["rule"]) == ("draw_impossible", "redraw_limit")
    assert response.data["detail"]
    response = api_client.post(
        f"{URL}redraw/", {"review": review.pk, "exceptional": True, "reason": "Conflict"}
    )
    assert response.status_code == 201 and response.data["exceptional"] is True

    response = api_client.get(URL, {"kind": DrawKind.REDRAW, "cycle": w.cycle.pk})
    assert response.data["count"] == 2
    assert api_client.get(URL, {"year": 2016}).data["count"] == 3


def test_refusals_are_400_with_a_message(api_client, secretariat_user):
    w = world(groups={"AFR": 6, "GRULAC": 1}, cohorts=1)
    api_client.force_authenticate(secretariat_user)
    assert api_client.post(f"{URL}selection/", {"cycle": w.cycle.pk}).status_code == 201
    response = api_client.post(f"{URL}selection/", {"cycle": w.cycle.pk})
    assert (
        response.status_code == 400
        and response.data["code"] == "validation_error"
        and response.data["detail"]
    )
    response = api_client.post(f"{URL}reviewers/", {"cycle": w.cycle.pk, "year": 2016})
    assert response.status_code == 400
    assert (response.data["code"], response.data["rule"]) == ("draw_impossible", "same_group")
    assert w.groups["GRULAC"][0].name in response.data["detail"]
    assert response.data["fields"] == {}  # the API's one error shape (docs/api.md), plus the rule
    for body in (
        {"cycle": w.cycle.pk, "year": "abc"},
        {"cycle": 999999, "year": 2016},
        {"cycle": w.cycle.pk},
    ):
        response = api_client.post(f"{URL}reviewers/", body)
        assert response.status_code == 400 and response.data["code"] == "validation_error"
    response = api_client.post(f"{URL}reviewers/", {"cycle": w.cycle.pk, "year": 1999})
    assert response.status_code == 400 and "1999" in response.data["detail"]
    response = api_client.post(f"{URL}redraw/", {"review": 999999})
    assert response.status_code == 400
    assert Draw.objects.count() == 1


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_takes_a_fixed_number_of_queries(
    api_client, secretariat_user, django_assert_max_num_queries, count
):
    w = world(groups={"AFR": 2, "EEG": 2})
    for number in range(count):
        Draw.objects.create(
            cycle=w.cycle,
            kind=DrawKind.SELECTION,
            seed=str(number),
            input={},
            result={},
            performed_by=secretariat_user,
        )
    api_client.force_authenticate(secretariat_user)
    with django_assert_max_num_queries(6):
        assert api_client.get(URL).data["count"] == count
