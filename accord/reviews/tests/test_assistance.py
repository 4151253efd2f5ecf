"""Technical-assistance needs: what each user may count, and the three aggregates."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.reviews import assistance
from accord.reviews.choices import ObservationKind, QuestionKind, VersionStatus
from accord.reviews.models import ResponseVersion
from accord.reviews.services import add_observation
from accord.reviews.tests.test_observations import answer, make_world, publish, quick_user

pytestmark = pytest.mark.django_db


def need(review, provision, actor, text: str = "Обучение", kind: str = ObservationKind.ASSISTANCE) -> None:
    add_observation(review, acting_user=actor, provision=provision, kind=kind, text_ru=text)


@pytest.fixture
def world():
    """Uzbekistan (2016, unpublished): 2 needs observed, 1 stated; Kazakhstan (2017, published): 1 and 1."""
    world = make_world()
    first, second = world.setting.provisions
    need(world.review, first, world.reviewer)
    need(world.review, second, world.reviewer)
    need(world.review, first, world.reviewer, kind=ObservationKind.CHALLENGE)  # not a need
    answer(world.review, first, QuestionKind.ASSISTANCE, text="Обучение следователей", author=world.focal)
    answer(world.review, second, QuestionKind.ASSISTANCE, text="  \n ", author=world.focal)  # empty
    answer(world.review, first, QuestionKind.LEGAL_TEXT, text="Закон", author=world.focal)  # not a need
    other = world.other.review
    other.year = 2017
    other.save()
    need(other, world.other.provisions[0], world.other_reviewer)
    answer(
        other, world.other.provisions[0], QuestionKind.ASSISTANCE, text="Экспертиза", author=world.secretariat
    )
    version = ResponseVersion.objects.get(text="Экспертиза")
    ResponseVersion.objects.create(
        response=version.response,
        number=2,
        status=VersionStatus.CONFLICT,
        text="Отвергнуто",
        author=version.author,
    )
    publish(other, world.secretariat)
    return world


def counts(overview: assistance.Overview) -> tuple[int, int, int, int]:
    return overview.reviews, overview.full_reviews, overview.observations, overview.answers


def test_secretariat_counts_everything(world):
    overview = assistance.overview(world.secretariat)
    assert counts(overview) == (2, 2, 3, 2) and overview.total == 5
    years = {b.key: (b.observations, b.answers, b.state_count) for b in overview.by_year}
    assert years == {2016: (2, 1, 1), 2017: (1, 1, 1)}
    provisions = {b.key: (b.observations, b.answers) for b in overview.by_provision}
    first, second = world.setting.provisions
    assert provisions == {first.pk: (1, 1), second.pk: (1, 0), world.other.provisions[0].pk: (1, 1)}
    assert [b.key for b in overview.by_provision][:2] == [first.pk, second.pk]
    assert str(first) in overview.by_provision[0].label
    groups = {b.label: b.total for b in overview.by_group}
    assert groups == {
        world.review.state.regional_group.name: 3,
        world.other.review.state.regional_group.name: 2,
    }
    largest = max(overview.by_year, key=lambda b: b.total)
    assert largest.observations_percent + largest.answers_percent == 100


def test_people_of_a_review_count_it_in_full_and_others_by_their_summaries(world):
    for user in (world.reviewer, world.focal):
        assert counts(assistance.overview(user)) == (2, 1, 3, 1)
    # Kazakhstan's reviewer and focal point work on its published review and see nothing of Uzbekistan's.
    for user in (world.other_reviewer, world.other_focal):
        assert counts(assistance.overview(user)) == (1, 1, 1, 1)
    for user in (AnonymousUser(), world.analyst, quick_user("nobody")):
        overview = assistance.overview(user)
        assert counts(overview) == (1, 0, 1, 0) and overview.summary_reviews == 1
        assert [b.key for b in overview.by_year] == [2017]


def test_filters_by_mechanism_and_cycle(world):
    mine = assistance.overview(world.secretariat, mechanism=world.setting.mechanism)
    assert counts(mine) == (1, 1, 2, 1)
    theirs = assistance.overview(world.secretariat, cycle=world.other.review.cycle)
    assert counts(theirs) == (1, 1, 1, 1)
    both = assistance.overview(
        world.secretariat, mechanism=world.setting.mechanism, cycle=world.other.review.cycle
    )
    assert counts(both) == (0, 0, 0, 0)


def test_nothing_to_count(db):
    overview = assistance.overview(AnonymousUser())
    assert counts(overview) == (0, 0, 0, 0)
    assert overview.by_provision == overview.by_group == overview.by_year == []


def test_queries_do_not_grow_with_needs(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assistance.overview(world.secretariat)
