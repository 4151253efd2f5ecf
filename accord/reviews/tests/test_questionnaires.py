"""Answering the questionnaire: versions, refused concurrent saves, attachments, submission, permissions."""

import os
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from accord.core.roles import Role
from accord.registry.tests.factories import StateFactory
from accord.reviews.choices import Implementation, Phase, QuestionKind, VersionStatus
from accord.reviews.models import Attachment, Response, ResponseVersion, Transition
from accord.reviews.questionnaires import SaveOutcome, answers_by_provision, completeness
from accord.reviews.services import attach_file, remove_attachment, save_answer, submit_questionnaire
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    """A review in self-assessment; a focal point and an expert of the state under review, a reviewer."""
    state = StateFactory()
    secretariat = make_user("secretariat", Role.SECRETARIAT)
    focal = make_user("focal", Role.FOCAL_POINT, state=state)
    expert = make_user("expert")
    reviewer = make_user("reviewer", Role.REVIEWER)
    setting = review_setting(state=state, focal_users=[expert], reviewer_users=[reviewer], by=secretariat)
    setting.focal, setting.expert, setting.reviewer, setting.secretariat = (
        focal,
        expert,
        reviewer,
        secretariat,
    )
    return setting


def question(setting, kind=QuestionKind.EXAMPLES, provision=0):
    return setting.cluster.questions.get(provision=setting.provisions[provision], kind=kind)


def answer_all_required(setting, user):
    for provision in range(len(setting.provisions)):
        q = question(setting, QuestionKind.IMPLEMENTATION, provision)
        save_answer(setting.review, q, acting_user=user, implementation=Implementation.FULLY, based_on=0)


def test_versions_are_numbered_and_the_previous_one_is_superseded(world):
    q = question(world)
    first = save_answer(world.review, q, acting_user=world.focal, text="Закон о противодействии", based_on=0)
    assert first.outcome == SaveOutcome.CREATED and first.version.number == 1
    second = save_answer(world.review, q, acting_user=world.expert, text="Закон\r\nи указ  ", based_on=1)
    assert second.outcome == SaveOutcome.CHANGED and second.version.number == 2
    response = Response.objects.get(review=world.review, question=q)
    assert response.version == 2 and response.current().text == "Закон\nи указ"
    assert list(response.versions.values_list("number", "status")) == [
        (1, VersionStatus.SUPERSEDED),
        (2, VersionStatus.CURRENT),
    ]
    same = save_answer(world.review, q, acting_user=world.focal, text="Закон\nи указ", based_on=2)
    assert same.outcome == SaveOutcome.UNCHANGED and response.versions.count() == 2


def test_a_save_based_on_an_old_version_is_refused_and_both_versions_are_kept(world):
    q = question(world)
    save_answer(world.review, q, acting_user=world.focal, text="Начало", based_on=0)
    mine = save_answer(world.review, q, acting_user=world.focal, text="Версия координатора", based_on=1)
    theirs = save_answer(world.review, q, acting_user=world.expert, text="Версия эксперта", based_on=1)
    assert mine.saved and theirs.is_conflict and not theirs.saved
    assert world.focal.get_username() in theirs.message
    assert theirs.current == mine.version
    response = Response.objects.get(review=world.review, question=q)
    assert response.version == 2 and response.current().text == "Версия координатора"
    kept = response.versions.get(status=VersionStatus.CONFLICT)
    assert kept.text == "Версия эксперта" and kept.based_on == 1 and kept.number == 3
    # After comparing, the expert saves again on the current version: it becomes number 4.
    again = save_answer(world.review, q, acting_user=world.expert, text="Общая версия", based_on=2)
    assert again.saved and again.version.number == 4
    entry = answers_by_provision(world.review)[0].entries[q.position - 1]
    assert entry.current.text == "Общая версия" and entry.open_conflicts == []


def _rows(world, q) -> list[tuple]:
    response = Response.objects.get(review=world.review, question=q)
    return list(response.versions.values_list("number", "status", "text", "author__username", "is_draft"))


def test_consecutive_autosaves_of_one_author_update_one_draft_version(world):
    """Issue 20: every pause in the typing no longer piles up a version of the answer."""
    q = question(world)
    first = save_answer(world.review, q, acting_user=world.focal, text="З", based_on=0, draft=True)
    assert first.outcome == SaveOutcome.CREATED and first.version.is_draft
    base = first.response.version
    for typed in ("За", "Зак", "Закон принят"):
        result = save_answer(world.review, q, acting_user=world.focal, text=typed, based_on=base, draft=True)
        assert result.outcome == SaveOutcome.CHANGED and result.version.pk == first.version.pk
        base = result.response.version
    # One row, under the latest number, whose older numbers are never given again.
    assert _rows(world, q) == [(4, VersionStatus.CURRENT, "Закон принят", "focal", True)]
    # An explicit Save of what the draft holds closes it without a version of its own…
    same = save_answer(world.review, q, acting_user=world.focal, text="Закон принят", based_on=4)
    assert same.outcome == SaveOutcome.UNCHANGED
    assert _rows(world, q) == [(4, VersionStatus.CURRENT, "Закон принят", "focal", False)]
    # …so the next automatic save starts a new version, which the following ones update.
    save_answer(world.review, q, acting_user=world.focal, text="Закон принят в 2023", based_on=4, draft=True)
    save_answer(world.review, q, acting_user=world.focal, text="Закон принят в 2024", based_on=5, draft=True)
    assert _rows(world, q) == [
        (4, VersionStatus.SUPERSEDED, "Закон принят", "focal", False),
        (6, VersionStatus.CURRENT, "Закон принят в 2024", "focal", True),
    ]
    # An explicit Save of a new text is a new version too, not an update of the draft.
    saved = save_answer(world.review, q, acting_user=world.focal, text="Закон и указ", based_on=6)
    assert saved.version.number == 7 and not saved.version.is_draft
    assert [row[:2] for row in _rows(world, q)][-2:] == [
        (6, VersionStatus.SUPERSEDED),
        (7, VersionStatus.CURRENT),
    ]


def test_an_autosave_after_another_persons_save_or_after_the_window_starts_a_new_version(world):
    from datetime import timedelta

    from accord.reviews.questionnaires import DRAFT_WINDOW

    q = question(world)
    save_answer(world.review, q, acting_user=world.focal, text="Черновик", based_on=0, draft=True)
    # Another person's automatic save on the current version is a version of their own.
    theirs = save_answer(
        world.review, q, acting_user=world.expert, text="Правка эксперта", based_on=1, draft=True
    )
    assert theirs.version.number == 2 and theirs.version.author == world.expert
    # The focal point's draft was superseded: their next automatic save is a new version.
    mine = save_answer(world.review, q, acting_user=world.focal, text="Снова я", based_on=2, draft=True)
    assert mine.version.number == 3 and mine.version.pk != theirs.version.pk
    ResponseVersion.objects.filter(pk=mine.version.pk).update(
        created_at=timezone.now() - DRAFT_WINDOW - timedelta(seconds=1)
    )
    later = save_answer(
        world.review, q, acting_user=world.focal, text="Снова я, позже", based_on=3, draft=True
    )
    assert later.version.number == 4 and later.version.pk != mine.version.pk
    assert [r[1] for r in _rows(world, q)] == [VersionStatus.SUPERSEDED] * 3 + [VersionStatus.CURRENT]


def test_a_save_based_on_a_drafts_earlier_text_is_refused_and_both_are_kept(world):
    """The conflict rule is unchanged by coalescing: the draft's number moves on with its text."""
    q = question(world)
    save_answer(world.review, q, acting_user=world.focal, text="Первый набросок", based_on=0, draft=True)
    # The expert opens the answer now, at version 1; the focal point keeps typing.
    save_answer(
        world.review, q, acting_user=world.focal, text="Первый набросок, дописанный", based_on=1, draft=True
    )
    late = save_answer(world.review, q, acting_user=world.expert, text="Версия эксперта", based_on=1)
    assert late.is_conflict and late.current.text == "Первый набросок, дописанный"
    # The focal point's own autosave based on a number it no longer holds is refused as well.
    stale = save_answer(
        world.review, q, acting_user=world.focal, text="Откуда-то ещё", based_on=1, draft=True
    )
    assert stale.is_conflict
    rows = _rows(world, q)
    assert [(r[1], r[2]) for r in rows] == [
        (VersionStatus.CURRENT, "Первый набросок, дописанный"),
        (VersionStatus.CONFLICT, "Версия эксперта"),
        (VersionStatus.CONFLICT, "Откуда-то ещё"),
    ]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_on_the_same_version_cannot_both_win(world):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database refuses a second writer instead of waiting")
    q = question(world)
    barrier = threading.Barrier(2)
    results = []

    def save(user, text):
        from django.db import connections

        try:
            barrier.wait()
            results.append(save_answer(world.review, q, acting_user=user, text=text, based_on=0))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(u, t)) for u, t in ((world.focal, "A"), (world.expert, "B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.outcome for r in results) == [SaveOutcome.CONFLICT, SaveOutcome.CREATED]
    response = Response.objects.get(review=world.review, question=q)
    assert response.version == 1 and response.versions.count() == 2


def test_implementation_questions_take_a_choice_and_the_others_text(world):
    implemented = question(world, QuestionKind.IMPLEMENTATION)
    with pytest.raises(ValidationError) as error:
        save_answer(world.review, implemented, acting_user=world.focal, implementation="maybe", based_on=0)
    assert error.value.error_dict["implementation"][0].code == "invalid_choice"
    with pytest.raises(ValidationError) as error:
        save_answer(
            world.review, question(world), acting_user=world.focal, implementation="fully", based_on=0
        )
    assert error.value.error_dict["implementation"][0].code == "choice_not_allowed"
    with pytest.raises(ValidationError) as error:
        save_answer(world.review, implemented, acting_user=world.focal, implementation="fully", based_on=7)
    assert error.value.error_dict["based_on"][0].code == "unknown_version"
    assert not ResponseVersion.objects.exists()
    other = review_setting()
    with pytest.raises(ValidationError) as error:
        save_answer(world.review, question(other), acting_user=world.focal, text="x", based_on=0)
    assert error.value.code == "foreign_question"


@pytest.mark.parametrize(
    "who", ["other_focal", "reviewer", "other_reviewer", "anonymous", "analyst", "secretariat"]
)
def test_only_the_state_under_review_answers(world, who):
    from django.contrib.auth.models import AnonymousUser

    other = review_setting(reviewer_users=[make_user("other-reviewer", Role.REVIEWER)])
    users = {
        "other_focal": lambda: make_user("other-focal", Role.FOCAL_POINT, state=StateFactory()),
        "reviewer": lambda: world.reviewer,
        "other_reviewer": lambda: other.review.expert_links.get().user,
        "anonymous": AnonymousUser,
        "analyst": lambda: make_user("analyst", Role.ANALYST),
        "secretariat": lambda: world.secretariat,
    }
    user = users[who]()
    with pytest.raises(PermissionDenied):
        save_answer(world.review, question(world), acting_user=user, text="x", based_on=0)
    with pytest.raises(PermissionDenied):
        submit_questionnaire(world.review, acting_user=user)
    assert not ResponseVersion.objects.exists()


def test_a_focal_point_of_the_state_and_an_expert_under_review_both_answer(world):
    assert save_answer(world.review, question(world), acting_user=world.focal, text="a", based_on=0).saved
    assert save_answer(world.review, question(world), acting_user=world.expert, text="b", based_on=1).saved


def test_answers_wait_for_the_self_assessment(world):
    world.review.phase = Phase.SELECTED
    world.review.save()
    with pytest.raises(PermissionDenied):
        save_answer(world.review, question(world), acting_user=world.focal, text="x", based_on=0)


def test_submission_is_refused_while_required_questions_are_unanswered(world):
    q = question(world, QuestionKind.IMPLEMENTATION)
    save_answer(world.review, q, acting_user=world.focal, implementation=Implementation.PARTLY, based_on=0)
    answered, required, missing = completeness(world.review)
    assert (answered, required) == (1, 2) and [m.provision for m in missing] == [world.provisions[1]]
    with pytest.raises(ValidationError) as error:
        submit_questionnaire(world.review, acting_user=world.focal)
    assert error.value.code == "incomplete" and world.provisions[1].label in error.value.message
    world.review.refresh_from_db()
    assert world.review.phase == Phase.SELF_ASSESSMENT and world.review.questionnaire_submitted_at is None


def test_submission_moves_the_review_to_the_desk_review_and_freezes_the_answers(world):
    answer_all_required(world, world.focal)
    review = submit_questionnaire(world.review, acting_user=world.expert)
    assert review.phase == Phase.DESK_REVIEW and review.questionnaire_submitted_by == world.expert
    assert review.due_on is not None  # the mechanism's rule for the desk review
    with pytest.raises(PermissionDenied):
        save_answer(review, question(world), acting_user=world.focal, text="late", based_on=0)
    with pytest.raises(PermissionDenied):
        submit_questionnaire(review, acting_user=world.focal)


def test_submission_from_reviewers_assigned_passes_through_the_self_assessment(world):
    world.review.phase = Phase.ASSIGNED
    world.review.save()
    answer_all_required(world, world.focal)
    review = submit_questionnaire(world.review, acting_user=world.focal)
    assert review.phase == Phase.DESK_REVIEW
    assert list(Transition.objects.filter(review=review).values_list("from_phase", "to_phase")) == [
        (Phase.ASSIGNED, Phase.SELF_ASSESSMENT),
        (Phase.SELF_ASSESSMENT, Phase.DESK_REVIEW),
    ]


def test_attachments_respect_the_limit_and_go_away(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as error:
        attach_file(world.review, None, SimpleUploadedFile("big.pdf", b"x" * 11), acting_user=world.focal)
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError) as error:
        attach_file(world.review, None, SimpleUploadedFile("empty.pdf", b""), acting_user=world.focal)
    assert error.value.code == "empty_file"
    with pytest.raises(PermissionDenied):
        attach_file(world.review, None, SimpleUploadedFile("law.pdf", b"%PDF"), acting_user=world.reviewer)
    attachment = attach_file(
        world.review, question(world), SimpleUploadedFile("../law.pdf", b"%PDF"), acting_user=world.focal
    )
    assert attachment.name == "law.pdf" and attachment.file.read() == b"%PDF"
    path = attachment.file.path
    entry = answers_by_provision(world.review)[0].entries[question(world).position - 1]
    assert entry.attachments == [attachment]
    with pytest.raises(PermissionDenied):
        remove_attachment(attachment, acting_user=world.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(attachment, acting_user=world.expert)
    assert not Attachment.objects.exists() and not os.path.exists(path)


def test_answers_by_provision_groups_in_order_in_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
):
    q = question(world, QuestionKind.IMPLEMENTATION, 1)
    save_answer(world.review, q, acting_user=world.focal, implementation=Implementation.NOT, based_on=0)
    for index in range(5):
        save_answer(world.review, question(world), acting_user=world.focal, text=f"v{index}", based_on=index)
    examples = question(world)
    with django_assert_max_num_queries(4):
        groups = answers_by_provision(world.review)
        assert [g.provision for g in groups] == world.provisions
        assert [len(g.items) for g in groups] == [len(QuestionKind.values)] * 2
        assert dict(groups[0].items)[examples].text == "v4"
        assert len(groups[0].entries[examples.position - 1].history) == 5
        assert groups[1].items[0][1].implementation == Implementation.NOT
        assert all(version is None for _q, version in groups[1].items[1:])
