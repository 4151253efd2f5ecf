"""Sample review cycles for `make demo` (`accord load-samples`), from `sample_data/reviews.toml`.

The draws are real draws over the reference parties (seeded, so they can be
verified); the reviews of CIS states are then walked to the phases the file
names through the same services the pages use. Sample answers and
observations are written by two inactive sample accounts, never by a
person's account; the demo reviewer, when `accord demo-users` has created
it, is named on the reviews it can work on.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.reference import Counts, ReferenceDataError, read_toml_files
from accord.core.roles import Role, sample_account
from accord.reviews import services, workflow
from accord.reviews.choices import Implementation, Phase, QuestionKind, Side
from accord.reviews.models import CountryReview, Cycle, ReviewExpert

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"
SAMPLE_SECRETARIAT = "sample-secretariat"
SAMPLE_STATE_EXPERT = "sample-state-expert"
SAMPLE_REVIEWING_EXPERT = "sample-reviewing-expert"
DEMO_REVIEWER = "reviewer"
ORDER = Phase.ordered()


class _Walker:
    """Moves one sample review phase by phase, adding what each phase needs."""

    def __init__(self, secretariat, state_expert, reviewing_expert, demo_reviewer) -> None:
        self.secretariat = secretariat
        self.state_expert = state_expert
        self.reviewing_expert = reviewing_expert
        self.demo_reviewer = demo_reviewer
        self.counts = {"answers": 0, "observations": 0, "summaries": 0, "reviews walked": 0}

    def join(self, review: CountryReview, user, side: str) -> None:
        if user is None or review.expert_links.filter(user=user).exists():
            return
        state = review.state if side == Side.UNDER_REVIEW else review.reviewing_states()[0]
        ReviewExpert.objects.create(review=review, user=user, side=side, state=state)

    def answer(self, review: CountryReview, spec: Any) -> None:
        self.join(review, self.state_expert, Side.UNDER_REVIEW)
        questions = review.cluster.questions.select_related("provision")
        wanted: dict[str, tuple[str, str]] = {}
        if spec == "all":
            for index, question in enumerate(q for q in questions if q.kind == QuestionKind.IMPLEMENTATION):
                level = Implementation.FULLY if index % 3 else Implementation.PARTLY
                wanted[question.provision.number] = (level, _("Sample answer written for the demonstration."))
        else:
            wanted = {number: (level, text) for number, level, text in spec}
        for question in questions:
            if question.provision.number not in wanted:
                continue
            level, text = wanted[question.provision.number]
            if question.kind == QuestionKind.IMPLEMENTATION:
                values = {"implementation": level}
            elif question.kind == QuestionKind.LEGAL_TEXT:
                values = {"text": text}
            else:
                continue
            services.save_answer(
                review, question, acting_user=self.state_expert, based_on=0, source="web", **values
            )
            self.counts["answers"] += 1

    def observe(self, review: CountryReview, rows: list[list[str]]) -> None:
        provisions = {p.number: p for p in review.cluster.provisions.all()}
        for number, kind, text_ru, text_en in rows:
            if number not in provisions:
                raise ReferenceDataError(
                    [
                        _("reviews.toml: %(state)s: no provision %(number)s in the review.")
                        % {"state": review.state.iso3, "number": number}
                    ]
                )
            services.add_observation(
                review,
                acting_user=self.reviewing_expert,
                provision=provisions[number],
                kind=kind,
                text_ru=text_ru,
                text_en=text_en,
            )
            self.counts["observations"] += 1

    def walk(self, review: CountryReview, spec: dict[str, Any]) -> None:
        target = spec.get("phase", Phase.ASSIGNED)
        if target not in ORDER:
            raise ReferenceDataError([_("reviews.toml: unknown phase “%(phase)s”.") % {"phase": target}])
        if review.phase == Phase.SELECTED:
            return  # not drawn in the sample: left for the secretariat's demo draw
        self.join(review, self.reviewing_expert, Side.REVIEWER)
        while ORDER.index(review.phase) < ORDER.index(target):
            following = workflow.next_phase(review.phase)
            if following == Phase.DESK_REVIEW:
                self.answer(review, spec.get("answers", "all"))
                services.submit_questionnaire(review, acting_user=self.state_expert)
            else:
                if following == Phase.DRAFT_REPORT:
                    self.observe(review, spec.get("observations", []))
                if following == Phase.PUBLISHED:
                    services.save_summary(
                        review,
                        acting_user=self.secretariat,
                        text_ru=spec.get("summary_ru", ""),
                        text_en=spec.get("summary_en", ""),
                    )
                    self.counts["summaries"] += 1
                services.move_review(review, following, acting_user=self.secretariat)
            review.refresh_from_db()
        if review.phase == Phase.SELF_ASSESSMENT and spec.get("answers"):
            self.answer(review, spec["answers"])
        if review.phase in (Phase.SELF_ASSESSMENT, Phase.DESK_REVIEW):
            self.join(review, self.demo_reviewer, Side.REVIEWER)
        self.counts["reviews walked"] += 1


@transaction.atomic
def load_samples() -> Counts:
    data = read_toml_files(SAMPLE_DIR, ["reviews"])["reviews"]
    walker = _Walker(
        sample_account(SAMPLE_SECRETARIAT, Role.SECRETARIAT),
        sample_account(SAMPLE_STATE_EXPERT, Role.FOCAL_POINT),
        sample_account(SAMPLE_REVIEWING_EXPERT, Role.REVIEWER),
        get_user_model().objects.filter(username=DEMO_REVIEWER, is_active=True).first(),
    )
    drawn = 0
    cycles = {"created": 0, "unchanged": 0}
    for spec in data.get("cycle", []):
        cycle = Cycle.objects.filter(mechanism__slug=spec["mechanism"], number=spec["number"]).first()
        if cycle is None:
            raise ReferenceDataError(
                [
                    _("reviews.toml: no cycle %(number)s of %(mechanism)s; load the reference data first.")
                    % spec
                ]
            )
        if cycle.draws.exists():
            cycles["unchanged"] += 1  # loaded before: the draws are evidence and are not redone
            continue
        cycles["created"] += 1
        services.run_selection(cycle, acting_user=walker.secretariat, seed=spec["seed"])
        for year in spec.get("draw_years", []):
            services.run_reviewer_draw(
                cycle, year, acting_user=walker.secretariat, seed=f"{spec['seed']}-{year}"
            )
            drawn += 1
        first_cluster = cycle.clusters.order_by("number").first()
        for review_spec in spec.get("review", []):
            review = CountryReview.objects.filter(
                cycle=cycle, cluster=first_cluster, state__iso3=review_spec["state"]
            ).first()
            if review is None:
                raise ReferenceDataError(
                    [
                        _("reviews.toml: %(state)s is not under review in this cycle.")
                        % {"state": review_spec["state"]}
                    ]
                )
            walker.walk(review, review_spec)
    counts = {"sample review cycles": {k: v for k, v in cycles.items() if v}}
    for name, number in {
        "sample draws": drawn,
        **{f"sample {k}": v for k, v in walker.counts.items()},
    }.items():
        if number:
            counts[name] = {"created": number}
    return counts
