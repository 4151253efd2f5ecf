"""The draw pages: the secretariat draws and redraws, members read the trail, bad input is a message."""

import pytest
from django.urls import reverse

from accord.reviews import services
from accord.reviews.choices import DrawKind, Phase
from accord.reviews.models import CountryReview, Draw, ReviewerAssignment
from accord.reviews.tests.test_draw_services import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(secretariat_user):
    return world(groups={"AFR": 8, "EEG": 8})


def page(client, user, cycle):
    client.force_login(user)
    return client.get(reverse("reviews:cycle_draws", args=[cycle.pk]), HTTP_ACCEPT_LANGUAGE="en")


def test_the_secretariat_runs_the_selection_and_a_reviewer_draw(client, secretariat_user, setting):
    cycle = setting.cycle
    response = page(client, secretariat_user, cycle)
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="draw-forms"' in body and "hx-confirm" in body

    response = client.post(reverse("reviews:draw_selection", args=[cycle.pk]), {"seed": "views-1"})
    selection = Draw.objects.get(kind=DrawKind.SELECTION)
    assert response.status_code == 302 and response.url == selection.get_absolute_url()
    assert selection.seed == "views-1" and CountryReview.objects.filter(cycle=cycle).count() == 16

    response = client.post(
        reverse("reviews:draw_reviewers", args=[cycle.pk]),
        {"year": "2016", "seed": "r"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and 'data-testid="draw-done"' in body
    reviewers = Draw.objects.get(kind=DrawKind.REVIEWERS)
    assert reviewers.year == 2016 and ReviewerAssignment.objects.filter(draw=reviewers).exists()
    assert set(CountryReview.objects.filter(year=2016).values_list("phase", flat=True)) == {Phase.ASSIGNED}

    detail = client.get(reviewers.get_absolute_url()).content.decode()
    assert 'data-testid="draw-result"' in detail and "✓" in detail and "<code>r</code>" in detail
    assert 'data-testid="draw-rules"' in detail and 'data-testid="draw-loads"' in detail
    selection_page = client.get(selection.get_absolute_url()).content.decode()
    assert 'data-testid="group-counts"' in selection_page and "✓" in selection_page

    # Once drawn, the selection form offers the late parties instead.
    body = page(client, secretariat_user, cycle).content.decode()
    assert 'name="late"' in body and "2018" in body


def test_bad_input_is_a_message_never_an_error_page(client, secretariat_user, setting):
    cycle = setting.cycle
    client.force_login(secretariat_user)
    url = reverse("reviews:draw_reviewers", args=[cycle.pk])
    for year in ("abc", "1999", ""):
        response = client.post(url, {"year": year})
        assert response.status_code == 400 and 'data-testid="draw-errors"' in response.content.decode()
        response = client.post(url, {"year": year}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and 'data-testid="draw-errors"' in response.content.decode()
    # A valid year with nothing waiting is refused by the service, with its message.
    response = client.post(url, {"year": "2016"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "No review of 2016 is waiting" in response.content.decode()
    redraw = reverse("reviews:draw_redraw", args=[cycle.pk])
    for review in ("", "x", "999999"):
        response = client.post(redraw, {"review": review})
        assert response.status_code == 400 and 'data-testid="draw-errors"' in response.content.decode()
    response = client.post(reverse("reviews:draw_selection", args=[cycle.pk]), {"seed": "x" * 101})
    assert response.status_code == 400
    assert not Draw.objects.exists()


def test_an_impossible_draw_shows_the_rule_and_saves_nothing(client, secretariat_user):
    w = world(groups={"AFR": 6, "GRULAC": 1}, cohorts=1)
    services.run_selection(w.cycle, acting_user=secretariat_user, seed=1)
    client.force_login(secretariat_user)
    response = client.post(reverse("reviews:draw_reviewers", args=[w.cycle.pk]), {"year": "2016"})
    body = response.content.decode()
    assert response.status_code == 400 and 'data-testid="draw-errors"' in body
    assert w.groups["GRULAC"][0].name in body
    assert Draw.objects.count() == 1 and not ReviewerAssignment.objects.exists()


def test_redraw_form_counts_the_redraws_used(client, secretariat_user):
    w = world(groups={"AFR": 10, "EEG": 10}, redraws_allowed=1)
    services.run_selection(w.cycle, acting_user=secretariat_user, seed=1)
    services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat_user, seed=1)
    review = CountryReview.objects.filter(cycle=w.cycle, year=2016).first()
    body = page(client, secretariat_user, w.cycle).content.decode()
    assert f'data-testid="redraw-{review.pk}"' in body
    url = reverse("reviews:draw_redraw", args=[w.cycle.pk])
    response = client.post(url, {"review": review.pk})
    redraw = Draw.objects.get(kind=DrawKind.REDRAW)
    assert response.status_code == 302 and redraw.review == review
    assert "1 of 1" in page(client, secretariat_user, w.cycle).content.decode().replace("\n", " ")
    # Past the limit: refused, unless exceptional with a reason.
    response = client.post(url, {"review": review.pk}, HTTP_HX_REQUEST="true")
    assert 'data-testid="draw-errors"' in response.content.decode()
    response = client.post(url, {"review": review.pk, "exceptional": "1", "reason": "Conflict of interest"})
    assert response.status_code == 302
    assert Draw.objects.filter(kind=DrawKind.REDRAW, exceptional=True).count() == 1
    detail = client.get(Draw.objects.filter(kind=DrawKind.REDRAW).first().get_absolute_url()).content.decode()
    assert "Conflict of interest" in detail and "✓" in detail


def test_members_read_the_trail_without_forms_and_outsiders_do_not(
    client, secretariat_user, reviewer_user, no_role_user, setting
):
    cycle = setting.cycle
    selection = services.run_selection(cycle, acting_user=secretariat_user, seed="trail")
    response = page(client, reviewer_user, cycle)
    body = response.content.decode()
    assert response.status_code == 200 and "<code>trail</code>" in body
    assert "hx-post" not in body and 'data-testid="draw-forms"' not in body and "redraws" not in body
    assert client.get(selection.get_absolute_url()).status_code == 200
    response = client.post(reverse("reviews:draw_reviewers", args=[cycle.pk]), {"year": "2016"})
    assert response.status_code == 403

    assert page(client, no_role_user, cycle).status_code == 404
    assert client.get(selection.get_absolute_url()).status_code == 404
    client.logout()
    for url in (reverse("reviews:cycle_draws", args=[cycle.pk]), selection.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.post(reverse("reviews:draw_selection", args=[cycle.pk]))
    assert response.status_code == 302 and Draw.objects.count() == 1
    client.force_login(secretariat_user)
    assert client.get(reverse("reviews:draw_detail", args=[999999])).status_code == 404
    assert client.get(reverse("reviews:cycle_draws", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_trail_takes_a_fixed_number_of_queries(
    client, secretariat_user, setting, django_assert_max_num_queries, count
):
    cycle = setting.cycle
    for number in range(count):
        Draw.objects.create(
            cycle=cycle,
            kind=DrawKind.SELECTION,
            seed=str(number),
            input={},
            result={},
            performed_by=secretariat_user,
        )
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reviews:cycle_draws", args=[cycle.pk])).status_code == 200
