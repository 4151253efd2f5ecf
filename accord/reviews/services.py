"""The writes of the review mechanism: every change of a review, its answers, observations and draws.

Pages, the API, the DOCX import, `accord draw` and the sample loader all
call these functions, so one rule set applies wherever a change comes from.
Each change a person makes takes them as the keyword-only `acting_user`,
checks what that user may do, runs in one transaction, validates the rows
(`full_clean`) and records its history (`Transition`, `ResponseVersion`,
`Draw`) beside the change; `build_questions`, run by the reference loader,
is the one write without an actor. Reads stay in
the modules of each area (`workflow`, `questionnaires`, `observations`,
`threads`, `draws`); the pure drawing algorithm is `lots`.

When a review's report is agreed (or its summary published), `move_review`
sends `signals.review_agreed` (or `signals.review_published`) once the row
is saved; other apps (follow-up) listen to these rather than to every save
of a review.
"""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accord.core.concurrency import parse_version
from accord.core.services import service
from accord.reviews import lots, signals, workflow
from accord.reviews.choices import (
    DialogueFormat,
    DrawKind,
    ObservationKind,
    Phase,
    QuestionKind,
    Side,
    VersionStatus,
)
from accord.reviews.draws import (
    SEED_LENGTH,
    SELECTION_FORMAT,
    DrawImpossibleError,
    Pool,
    as_lot_assignment,
    build_pool,
    draw_years,
    exclusion_notes,
    first_cluster,
    late_year,
    rules_for,
    waiting,
)
from accord.reviews.models import (
    Attachment,
    Cluster,
    Comment,
    CountryReview,
    Cycle,
    Draw,
    Mechanism,
    Observation,
    Question,
    Response,
    ResponseVersion,
    ReviewerAssignment,
    ReviewExpert,
    Summary,
    Transition,
)
from accord.reviews.observations import can_write_summary
from accord.reviews.permissions import can_comment, can_manage, can_observe, side_of
from accord.reviews.questionnaires import (
    DRAFT_WINDOW,
    REQUIRED_KINDS,
    SOURCES,
    SaveOutcome,
    SaveResult,
    answer_content,
    check_question,
    clean_answer,
    completeness,
    conflict_message,
    ensure_can_answer,
    max_attachment_bytes,
)
from accord.reviews.workflow import ORDER, blockers, deadline, next_phase, previous_phase

# ---- mechanisms ----------------------------------------


MECHANISM_FIELDS = frozenset(
    {"name_ru", "name_en", "abbreviation_ru", "abbreviation_en", "unverified_rules", *Mechanism.RULE_FIELDS}
)
"""What the secretariat may change on a mechanism: its names and the rules of its draws."""


@service
def update_mechanism(mechanism: Mechanism, *, acting_user, **changes: Any) -> Mechanism:
    """Change a mechanism's names or rules; the rules are checked together (`Mechanism.clean`) before saving."""
    if not can_manage(acting_user):
        raise PermissionDenied(_("Only the secretariat edits a mechanism's rules."))
    unknown = set(changes) - MECHANISM_FIELDS
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: {fields}.").format(fields=", ".join(sorted(unknown)))
        )
    mechanism = Mechanism.objects.select_for_update().get(pk=mechanism.pk)
    for name, value in changes.items():
        setattr(mechanism, name, value)
    mechanism.full_clean()
    mechanism.save()
    return mechanism


# ---- the workflow of a country review ----------------------------------------


@service
def move_review(
    review: CountryReview,
    to_phase: str,
    *,
    acting_user,
    note: str = "",
    due_on: datetime.date | None = None,
    check_permission: bool = True,
) -> Transition:
    """Move a review to the next phase (or back one, with a note), computing the new deadline."""
    if check_permission and not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat moves a review from phase to phase."))
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    if to_phase not in ORDER:
        raise ValidationError(_("Unknown phase “%(phase)s”.") % {"phase": to_phase})
    forward = to_phase == next_phase(review.phase)
    backward = to_phase == previous_phase(review.phase)
    if not (forward or backward):
        raise ValidationError(
            _("A review moves one phase at a time: from “%(current)s” it can go to “%(next)s”.")
            % {
                "current": review.get_phase_display(),
                "next": Phase(next_phase(review.phase) or review.phase).label,
            }
        )
    if backward and not note.strip():
        raise ValidationError(_("Say why the review goes back a phase."))
    if forward:
        problems = blockers(review, to_phase)
        if problems:
            raise ValidationError(problems)
    today = timezone.localdate()
    transition = Transition.objects.create(
        review=review,
        from_phase=review.phase,
        to_phase=to_phase,
        by=acting_user,
        due_on=due_on or deadline(review, to_phase, today),
        note=note.strip(),
    )
    review.phase = to_phase
    review.phase_started_on = today
    review.due_on = transition.due_on
    if to_phase == Phase.PUBLISHED:
        Summary.objects.filter(review=review).update(published_at=timezone.now())
    if backward and transition.from_phase == Phase.PUBLISHED:
        Summary.objects.filter(review=review).update(published_at=None)
    if backward and to_phase in (Phase.ASSIGNED, Phase.SELF_ASSESSMENT):
        review.questionnaire_submitted_at = None
        review.questionnaire_submitted_by = None
    review.save()
    if to_phase == Phase.AGREED:
        signals.review_agreed.send(sender=CountryReview, review=review)
    elif to_phase == Phase.PUBLISHED:
        signals.review_published.send(sender=CountryReview, review=review)
    return transition


@service
def set_dialogue(review: CountryReview, *, acting_user, dialogue_format: str, meeting=None) -> CountryReview:
    """Record whether the dialogue has a country visit or joint meeting, and which meeting record it is."""
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat plans the constructive dialogue."))
    if dialogue_format not in DialogueFormat.values:
        raise ValidationError(_("Unknown format of the dialogue."))
    review.dialogue_format = dialogue_format
    review.dialogue_meeting = meeting if dialogue_format else None
    review.full_clean()
    review.save(update_fields=["dialogue_format", "dialogue_meeting", "updated_at"])
    return review


@service
def set_due_on(review: CountryReview, due_on: datetime.date, *, acting_user, note: str = "") -> Transition:
    """The secretariat, consulting both sides, sets a review's timetable (UNCAC ToR para 25)."""
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat sets a review's timetable."))
    review.due_on = due_on
    review.full_clean()
    review.save(update_fields=["due_on", "updated_at"])
    return Transition.objects.create(
        review=review,
        from_phase=review.phase,
        to_phase=review.phase,
        by=acting_user,
        due_on=due_on,
        note=note.strip() or _("Deadline changed."),
    )


# ---- comment threads and the review's team ----------------------------------------


@service
def add_comment(review: CountryReview, *, acting_user, text: str, provision=None) -> Comment:
    """A message from the user's side; the provision, if given, must be one the review covers."""
    if not can_comment(acting_user, review):
        raise PermissionDenied(_("You may not comment on this review."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the comment first."))
    if provision is not None and not review.cluster.provisions.filter(pk=provision.pk).exists():
        raise ValidationError(_("This review does not cover that provision."))
    return Comment.objects.create(
        review=review, provision=provision, author=acting_user, side=side_of(acting_user, review), text=text
    )


@service
def add_expert(review: CountryReview, *, acting_user, user, side: str, state=None) -> ReviewExpert:
    """Name a governmental expert on a review: of a reviewing state drawn for it, or of the state under review."""
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat names the experts of a review."))
    if side == Side.UNDER_REVIEW:
        state = review.state
    elif side == Side.REVIEWER:
        drawn = {s.pk for s in review.reviewing_states()}
        if state is None or state.pk not in drawn:
            raise ValidationError(
                _("An expert of the reviewing side belongs to one of the states drawn for this review.")
            )
    else:
        raise ValidationError(_("An expert works for a reviewing state or for the state under review."))
    if review.expert_links.filter(user=user).exists():
        raise ValidationError(_("%(user)s already works on this review.") % {"user": user})
    return ReviewExpert.objects.create(review=review, user=user, side=side, state=state)


@service
def remove_expert(review: CountryReview, *, acting_user, expert_id: int) -> None:
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat names the experts of a review."))
    review.expert_links.filter(pk=expert_id).delete()


# ---- observations and the summary ----------------------------------------


def _check_observer(user, review: CountryReview) -> None:
    if not can_observe(user, review):
        raise PermissionDenied(
            _(
                "Only the review's reviewers and the secretariat record observations, "
                "from the desk review to the draft report."
            )
        )


def _check_provision(review: CountryReview, provision) -> None:
    if provision is None or not review.cluster.provisions.filter(pk=provision.pk).exists():
        raise ValidationError(
            {
                "provision": ValidationError(
                    _("This provision is not reviewed in the review's cluster."), code="provision"
                )
            }
        )


def _check_kind(kind: str) -> None:
    if kind not in ObservationKind.values:
        raise ValidationError({"kind": ValidationError(_("Unknown kind of observation."), code="kind")})


@service
def add_observation(
    review: CountryReview,
    *,
    acting_user,
    provision,
    kind: str,
    text_ru: str = "",
    text_en: str = "",
) -> Observation:
    """Record an observation on one of the cluster's provisions; the text in at least one language."""
    _check_observer(acting_user, review)
    _check_kind(kind)
    _check_provision(review, provision)
    observation = Observation(
        review=review,
        provision=provision,
        kind=kind,
        text_ru=(text_ru or "").strip(),
        text_en=(text_en or "").strip(),
        author=acting_user,
    )
    observation.full_clean()
    observation.save()
    return observation


@service
def edit_observation(
    observation: Observation,
    *,
    acting_user,
    provision=None,
    kind: str | None = None,
    text_ru: str | None = None,
    text_en: str | None = None,
) -> Observation:
    """Change an observation; arguments left as None keep their value. Any reviewer of the review may edit."""
    observation = Observation.objects.select_for_update().select_related("review").get(pk=observation.pk)
    review = observation.review
    _check_observer(acting_user, review)
    if kind is not None:
        _check_kind(kind)
        observation.kind = kind
    if provision is not None:
        _check_provision(review, provision)
        observation.provision = provision
    if text_ru is not None:
        observation.text_ru = text_ru.strip()
    if text_en is not None:
        observation.text_en = text_en.strip()
    observation.full_clean()
    observation.save()
    return observation


@service
def delete_observation(observation: Observation, *, acting_user) -> None:
    """Remove an observation while the review is still being observed."""
    _check_observer(acting_user, observation.review)
    observation.delete()


@service
def save_summary(review: CountryReview, *, acting_user, text_ru: str, text_en: str) -> Summary:
    """Create or update the review's summary; refused once it is published (publishing is `move_review`)."""
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    if not can_write_summary(acting_user, review):
        raise PermissionDenied(
            _("Only the review's reviewers and the secretariat write the summary, until it is published.")
        )
    summary = Summary.objects.filter(review=review).first() or Summary(review=review)
    summary.text_ru = (text_ru or "").strip()
    summary.text_en = (text_en or "").strip()
    summary.full_clean()
    summary.save()
    return summary


# ---- the questionnaire: questions, answers, attachments, submission ----------------------------------------


@transaction.atomic
def build_questions(cluster: Cluster) -> int:
    """Create the missing questions of a cluster's questionnaire; returns how many were created."""
    existing = set(cluster.questions.values_list("provision_id", "kind"))
    provisions = sorted(
        cluster.provisions.all(),
        key=lambda p: (p.instrument_id != _main(cluster), p.instrument_id, p.position),
    )
    new = []
    position = 0
    for provision in provisions:
        for kind in QuestionKind.values:
            position += 1
            if (provision.pk, kind) in existing:
                continue
            new.append(
                Question(
                    cluster=cluster,
                    provision=provision,
                    kind=kind,
                    position=position,
                    required=kind in REQUIRED_KINDS,
                )
            )
    Question.objects.bulk_create(new)
    return len(new)


def _main(cluster: Cluster) -> int | None:
    """The mechanism's main instrument, whose provisions come first."""
    link = cluster.cycle.mechanism.instrument_links.first()
    return link.instrument_id if link else None


def is_open_draft(version: ResponseVersion | None, user, source: str) -> bool:
    """True when `user`'s next automatic save from `source` may update `version` in place.

    It must be the current version, an autosaved draft of that same author and
    source, begun less than `DRAFT_WINDOW` ago.
    """
    return (
        version is not None
        and version.is_draft
        and version.status == VersionStatus.CURRENT
        and version.author_id == getattr(user, "pk", None)
        and version.source == source
        and version.created_at > timezone.now() - DRAFT_WINDOW
    )


@service
def save_answer(
    review: CountryReview,
    question: Question,
    *,
    acting_user,
    implementation: str = "",
    text: str = "",
    based_on: int,
    source: str = "web",
    draft: bool = False,
) -> SaveResult:
    """Save a new version of an answer, unless someone saved since `based_on`.

    Guarantees: a save based on the current version becomes the new current
    version (the old one superseded); a save based on an older version is
    refused and kept as a `conflict` version; a save identical to the current
    answer writes nothing. The answer row is locked, so of two concurrent
    saves based on the same version exactly one wins.

    `draft` marks an automatic save (the page saving as its author types).
    Consecutive automatic saves of one author coalesce: while the current
    version is that author's open draft (`is_open_draft`: same source, begun
    less than `DRAFT_WINDOW` ago) that one row takes the new text and the next
    version number (numbers are never reused, so a save based on the draft's
    earlier text is refused as based on an older version). An explicit save
    (`draft=False`), a save by someone else or one after the window starts a
    new version; an explicit save of what the draft already holds closes the
    draft without a new version.
    """
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    ensure_can_answer(acting_user, review)
    check_question(review, question)
    if source not in SOURCES:
        raise ValidationError(_("Unknown source of an answer."), code="invalid_source")
    implementation, text = clean_answer(question, implementation, text)
    based_on = parse_version(based_on, field="based_on")
    Response.objects.get_or_create(review=review, question=question)
    response = Response.objects.select_for_update().get(review=review, question=question)
    current = response.versions.select_related("author").filter(status=VersionStatus.CURRENT).first()
    if based_on < 0 or based_on > response.version:
        raise ValidationError(
            {
                "based_on": ValidationError(
                    _("This answer has no version {number}.").format(number=based_on), code="unknown_version"
                )
            }
        )
    if (implementation, text) == answer_content(current):
        if not draft and current is not None and current.is_draft and based_on == response.version:
            current.is_draft = False  # saved on purpose: the next automatic save starts a new version
            current.save(update_fields=["is_draft"])
        return SaveResult(SaveOutcome.UNCHANGED, response, None, current)
    number = (response.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    if draft and based_on == response.version and is_open_draft(current, acting_user, source):
        # The draft row takes the new text and the next number: a save based on what it held
        # before is based on an older version and refused, as it would be without coalescing.
        current.number, current.implementation, current.text = number, implementation, text
        current.full_clean()
        current.save(update_fields=["number", "implementation", "text"])
        response.version = number
        response.save(update_fields=["version", "updated_at"])
        return SaveResult(SaveOutcome.CHANGED, response, current, current)
    version = ResponseVersion(
        response=response,
        number=number,
        based_on=based_on,
        implementation=implementation,
        text=text,
        author=acting_user,
        source=source,
    )
    if based_on != response.version:
        version.status = VersionStatus.CONFLICT
        version.full_clean()
        version.save()
        return SaveResult(SaveOutcome.CONFLICT, response, version, current, conflict_message(current))
    version.status = VersionStatus.CURRENT
    version.is_draft = draft
    version.full_clean()
    if current is not None:
        current.status = VersionStatus.SUPERSEDED
        current.is_draft = False
        current.save(update_fields=["status", "is_draft"])
    version.save()
    outcome = SaveOutcome.CREATED if response.version == 0 else SaveOutcome.CHANGED
    response.version = number
    response.save(update_fields=["version", "updated_at"])
    return SaveResult(outcome, response, version, version)


@service
def attach_file(
    review: CountryReview, question: Question | None, uploaded_file, *, acting_user
) -> Attachment:
    """Store a file the state under review attaches to an answer (or to the questionnaire as a whole).

    A file above the upload limit, or an empty one, is refused before anything is stored.
    """
    ensure_can_answer(acting_user, review)
    if question is not None:
        check_question(review, question)
    if uploaded_file is None or not uploaded_file.size:
        raise ValidationError(_("Choose a file that is not empty."), code="empty_file")
    limit = max_attachment_bytes()
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is larger than the limit of {limit} MB.").format(
                limit=round(limit / (1024 * 1024), 1)
            ),
            code="too_large",
        )
    name = PurePath(uploaded_file.name or "file").name[:300] or "file"
    attachment = Attachment(review=review, question=question, name=name, uploaded_by=acting_user)
    attachment.file.save(name, uploaded_file, save=False)
    try:
        attachment.save()
    except Exception:
        # The file reached the storage before the row: don't leave it orphaned.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@service
def remove_attachment(attachment: Attachment, *, acting_user) -> None:
    """Delete an attachment while the questionnaire is still open; the file goes once the row is gone."""
    ensure_can_answer(acting_user, attachment.review)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


@service
def submit_questionnaire(review: CountryReview, *, acting_user) -> CountryReview:
    """Submit the answers and start the desk review; refused while a required question is unanswered.

    After this the answers are read-only. A review still at “reviewers
    assigned” passes through the self-assessment on the way.
    """
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    ensure_can_answer(acting_user, review)
    missing = completeness(review).missing
    if missing:
        raise ValidationError(
            _("Answer the required questions first: {questions}.").format(
                questions="; ".join(f"{q.provision.label} — {q.text}" for q in missing)
            ),
            code="incomplete",
        )
    if review.phase == Phase.ASSIGNED:
        move_review(review, Phase.SELF_ASSESSMENT, acting_user=acting_user, check_permission=False)
        review.refresh_from_db()
    review.questionnaire_submitted_at = timezone.now()
    review.questionnaire_submitted_by = acting_user
    review.save(update_fields=["questionnaire_submitted_at", "questionnaire_submitted_by", "updated_at"])
    move_review(review, Phase.DESK_REVIEW, acting_user=acting_user, check_permission=False)
    review.refresh_from_db()
    return review


# ---- the drawing of lots: selection, reviewers, redraws ----------------------------------------


def _require_secretariat(user) -> None:
    if not can_manage(user):
        raise PermissionDenied(_("Only the secretariat draws lots."))


def _seed(seed: Any) -> str:
    """The seed as stored: the one given, or an unguessable one; always a string, so a re-run agrees."""
    if seed is None or (isinstance(seed, str) and not seed.strip()):
        return secrets.token_hex(8)
    text = str(seed).strip()
    if len(text) > SEED_LENGTH:
        raise ValidationError(
            _("A seed has at most {count} characters.").format(count=SEED_LENGTH), code="seed"
        )
    return text


def _locked(cycle: Cycle) -> Cycle:
    """The cycle row locked, so two draws of one cycle cannot run at the same time."""
    return Cycle.objects.select_for_update().select_related("mechanism").get(pk=cycle.pk)


def _refused(exc: lots.DrawImpossible, labels: dict[str, str]) -> DrawImpossibleError:
    return DrawImpossibleError(exc.render(labels), rule=exc.rule, phase=exc.phase)


def _input_error(exc: lots.DrawInputError) -> ValidationError:
    return ValidationError(str(exc), code="draw_input")


def _select(cycle: Cycle, *, acting_user, seed: Any, years: list[int], year: int | None, late: bool) -> Draw:
    cluster = first_cluster(cycle)
    if cluster is None:
        raise ValidationError(
            _("The cycle has no cluster of provisions to review: add one first."), code="no_cluster"
        )
    pool = build_pool(cycle.mechanism)
    main = pool.instruments[0]
    already = set(CountryReview.objects.filter(cycle=cycle).values_list("state__iso3", flat=True))
    states = [c for c in pool.candidates if main.slug in c.instruments and c.code not in already]
    if not states:
        raise ValidationError(
            _("Every party to {instrument} is already under review in this cycle.").format(
                instrument=main.abbreviation or main.name
            ),
            code="nothing_to_select",
        )
    seed = _seed(seed)
    try:
        result = lots.select_years(states, years, seed)
    except lots.DrawInputError as exc:
        raise _input_error(exc) from exc
    excluded = [e for e in pool.excluded if main.slug in e.get("instruments", ())]
    draw = Draw.objects.create(
        cycle=cycle,
        kind=DrawKind.SELECTION,
        year=year,
        seed=seed,
        input={
            "algorithm": lots.ALGORITHM,
            "format": SELECTION_FORMAT,
            "instrument": main.slug,
            "late": late,
            "seed": seed,
            "states": [c.to_json() for c in sorted(states, key=lambda c: c.code)],
            "years": list(years),
            "excluded": excluded,
            "already_under_review": sorted(already),
        },
        result=result,
        performed_by=acting_user,
    )
    for code, drawn_year in result.items():
        review = CountryReview(
            cycle=cycle, cluster=cluster, state=pool.states[code], year=drawn_year, phase=Phase.SELECTED
        )
        review.full_clean()
        review.save()
        Transition.objects.create(
            review=review,
            from_phase="",
            to_phase=Phase.SELECTED,
            by=acting_user,
            note=_("Selected by lot for {year} (draw no. {draw}).").format(year=drawn_year, draw=draw.pk),
        )
    return draw


@service
def run_selection(cycle: Cycle, *, acting_user, seed: Any = None) -> Draw:
    """Draw which year of the cycle each party to the main instrument is reviewed in.

    Guarantees: one selection per cycle; per year each regional group gets
    floor or ceil of its share (`lots.select_years`); one `CountryReview` per
    state, in the first cluster, phase "selected"; the `Draw` holds all it took.
    """
    _require_secretariat(acting_user)
    cycle = _locked(cycle)
    existing = cycle.draws.filter(kind=DrawKind.SELECTION).order_by("pk").first()
    if existing is not None:
        raise ValidationError(
            _(
                "The states under review of this cycle were already drawn on {day} (draw no. {draw}); "
                "the draw stays in the audit trail. Parties that joined since can be added as late parties."
            ).format(day=date_format(existing.created_at.date(), "DATE_FORMAT"), draw=existing.pk),
            code="already_drawn",
        )
    return _select(cycle, acting_user=acting_user, seed=seed, years=cycle.years, year=None, late=False)


@service
def add_late_parties(cycle: Cycle, *, acting_user, seed: Any = None) -> Draw:
    """Put the parties not yet selected into the year after the last (UNCAC: late parties go to year 5)."""
    _require_secretariat(acting_user)
    cycle = _locked(cycle)
    if not cycle.draws.filter(kind=DrawKind.SELECTION).exists():
        raise ValidationError(
            _("Draw the states under review of the cycle first; late parties come after that."),
            code="no_selection",
        )
    year = late_year(cycle)
    return _select(cycle, acting_user=acting_user, seed=seed, years=[year], year=year, late=True)


def _create_assignments(
    draw: Draw, assignments, reviews: dict[str, CountryReview], pool: Pool
) -> list[ReviewerAssignment]:
    instruments = {instrument.slug: instrument for instrument in pool.instruments}
    created = []
    for a in assignments:
        row = ReviewerAssignment(
            review=reviews[a.reviewee],
            state=pool.states[a.reviewer],
            instrument=instruments[a.instrument],
            same_group=a.same_group,
            draw=draw,
        )
        row.save()
        created.append(row)
    return created


@service
def run_reviewer_draw(cycle: Cycle, year: int, *, acting_user, seed: Any = None) -> Draw:
    """Draw the reviewing states of every review of `year` still waiting for them.

    Guarantees: every rule of the mechanism holds (`lots.draw_reviewers`), or
    `DrawImpossibleError` is raised and nothing is saved; earlier draws of the cycle
    count against mutual reviews, and this year's against the load cap; each
    drawn review moves to "reviewers assigned" with its deadline. UNTOC's
    clusters share their reviewers: the draw is made once, on the first cluster.
    """
    _require_secretariat(acting_user)
    cycle = _locked(cycle)
    years = draw_years(cycle)
    if year not in years:
        raise ValidationError(
            _("{year} is not a review year of this cycle ({years}).").format(
                year=year, years=", ".join(str(y) for y in years)
            ),
            code="year",
        )
    pending = list(waiting(cycle).filter(year=year).select_related("state").order_by("state__iso3"))
    if not pending:
        raise ValidationError(
            _("No review of {year} is waiting for its reviewing states.").format(year=year), code="no_reviews"
        )
    pool = build_pool(cycle.mechanism)
    by_code = {c.code: c for c in pool.candidates}
    reviews = {r.state.iso3: r for r in pending if r.state.iso3 in by_code}
    excluded = list(pool.excluded)
    for review in pending:
        if review.state.iso3 not in by_code and not any(e["code"] == review.state.iso3 for e in excluded):
            excluded.append({"code": review.state.iso3, "reason": "not_in_pool"})
    if not reviews:
        raise ValidationError(
            " ".join(exclusion_notes([e for e in excluded if e["code"] in {r.state.iso3 for r in pending}]))
            or _("No state of {year} can be drawn for.").format(year=year),
            code="no_reviews",
        )
    candidates = [
        replace(c, defers=reviews[c.code].defers_reviewing, waives_cap=reviews[c.code].waives_reviewer_cap)
        if c.code in reviews
        else c
        for c in pool.candidates
    ]
    active = ReviewerAssignment.objects.filter(review__cycle=cycle, replaced_by__isnull=True)
    prior_pairs = set(active.values_list("state__iso3", "review__state__iso3"))
    prior_load = Counter(
        reviewer
        for reviewer, _review in set(active.filter(review__year=year).values_list("state__iso3", "review"))
    )
    seed = _seed(seed)
    try:
        result = lots.draw_reviewers(
            candidates,
            sorted(reviews),
            pool.keys,
            rules=rules_for(cycle.mechanism),
            seed=seed,
            prior_pairs=prior_pairs,
            prior_load=dict(prior_load),
        )
    except lots.DrawImpossible as exc:
        raise _refused(exc, pool.labels()) from exc
    except lots.DrawInputError as exc:
        raise _input_error(exc) from exc
    draw = Draw.objects.create(
        cycle=cycle,
        kind=DrawKind.REVIEWERS,
        year=year,
        seed=seed,
        input={**result.input.to_json(), "excluded": excluded},
        result=result.to_json(),
        performed_by=acting_user,
    )
    _create_assignments(draw, result.assignments, reviews, pool)
    note = _("Reviewing states drawn by lot (draw no. {draw}).").format(draw=draw.pk)
    for review in reviews.values():
        move_review(review, Phase.ASSIGNED, acting_user=acting_user, note=note, check_permission=False)
    return draw


@service
def request_redraw(
    review: CountryReview, *, acting_user, exceptional: bool = False, reason: str = "", seed: Any = None
) -> Draw:
    """Repeat the draw of one review at its state's request; every other review keeps its reviewers.

    Guarantees: only this review's active reviewing states are replaced
    (`replaced_by` the new draw); none of the states drawn for it before comes
    back; the other reviews of its year still count against mutual reviews and
    the load cap; past the mechanism's redraw limit it is refused unless the
    request is exceptional (with a reason).
    """
    _require_secretariat(acting_user)
    review = (
        CountryReview.objects.select_for_update()
        .select_related("cycle__mechanism", "state", "cluster")
        .get(pk=review.pk)
    )
    if review.phase != Phase.ASSIGNED:
        raise ValidationError(
            _("Reviewing states can be redrawn only while the review is at “{phase}”.").format(
                phase=Phase.ASSIGNED.label
            ),
            code="phase",
        )
    if exceptional and not reason.strip():
        raise ValidationError(_("Say what makes the circumstances exceptional."), code="reason")
    active = list(review.active_reviewers().select_related("review__state", "state", "instrument", "draw"))
    if not active:
        raise ValidationError(_("This review has no reviewing states to redraw."), code="no_reviewers")
    base = max((row.draw for row in active), key=lambda d: d.pk)
    try:
        base_result = lots.DrawResult.from_json(base.result)
    except (lots.DrawInputError, KeyError, TypeError) as exc:
        raise ValidationError(
            _("The draw no. {draw} holds no input to redraw from ({error}).").format(draw=base.pk, error=exc),
            code="draw_input",
        ) from exc
    code = review.state.iso3
    reviewees = base_result.input.reviewees
    # The other reviews as they stand now (earlier redraws included), not as first drawn.
    current = ReviewerAssignment.objects.filter(
        review__cycle=review.cycle,
        review__cluster=review.cluster,
        review__year=review.year,
        review__state__iso3__in=reviewees,
        replaced_by__isnull=True,
    ).select_related("review__state", "state", "instrument")
    previous = lots.DrawResult(
        assignments=tuple(as_lot_assignment(row) for row in current),
        input=replace(base_result.input, rules=rules_for(review.cycle.mechanism)),
    )
    before = set(review.reviewers.values_list("state__iso3", flat=True))
    seed = _seed(seed)
    pool = build_pool(review.cycle.mechanism)
    try:
        result = lots.redraw(
            previous,
            code,
            seed=seed,
            redraws_done=review.redraws.count(),
            exceptional=exceptional,
            exclude=before,
        )
    except lots.DrawImpossible as exc:
        raise _refused(exc, pool.labels()) from exc
    except lots.DrawInputError as exc:
        raise _input_error(exc) from exc
    draw = Draw.objects.create(
        cycle=review.cycle,
        kind=DrawKind.REDRAW,
        year=review.year,
        seed=seed,
        input=result.input.to_json(),
        result=result.to_json(),
        review=review,
        exceptional=exceptional,
        reason=reason.strip(),
        performed_by=acting_user,
    )
    for row in active:
        row.replaced_by = draw
        row.save(update_fields=["replaced_by", "updated_at"])
    mine = [a for a in result.assignments if a.reviewee == code]
    created = _create_assignments(draw, mine, {code: review}, pool)
    # The experts of the states no longer drawn leave the review, and its timetable starts again.
    review.expert_links.filter(side=Side.REVIEWER).exclude(
        state_id__in={row.state_id for row in created}
    ).delete()
    today = timezone.localdate()
    review.phase_started_on = today
    review.due_on = workflow.deadline(review, review.phase, today) or review.due_on
    review.save(update_fields=["phase_started_on", "due_on", "updated_at"])
    Transition.objects.create(
        review=review,
        from_phase=review.phase,
        to_phase=review.phase,
        by=acting_user,
        due_on=review.due_on,
        note=_("Reviewing states redrawn (draw no. {draw}): {states}.").format(
            draw=draw.pk, states=", ".join(dict.fromkeys(row.state.name for row in created))
        ),
    )
    return draw
