"""Sample recommendations for `make demo` (`accord load-samples`), from `sample_data/recommendations.toml`.

Progress is reported and assessed through the services, signed by inactive
sample accounts; the published sample country reviews' recommendations are
imported as the secretariat's button would.
"""

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.dates import parse_partial_date
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.core.roles import Role, sample_account
from accord.followup import services
from accord.followup.models import Recommendation, StatusUpdate
from accord.registry.models import FocalPoint, Organization, State

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"
SAMPLE_SECRETARIAT = "sample-secretariat"
SAMPLE_FOCAL_POINT = "sample-focal-point-kaz"


class _Loader(RecordWriter):
    def __init__(self) -> None:
        super().__init__()
        self.organizations = {o.slug: o for o in Organization.objects.exclude(slug=None)}
        self.states = {s.iso3: s for s in State.objects.all()}

    def ref(self, table: dict, key: str | None, what: str, where: str):
        if key is None:
            return None
        if key not in table:
            raise ReferenceDataError(
                [_("%(where)s: unknown %(what)s “%(key)s”.") % {"where": where, "what": what, "key": key}]
            )
        return table[key]

    def count(self, kind: str, action: str, number: int = 1) -> None:
        if number:
            self.counts.setdefault(kind, Counter())[action] += number

    def recommendation(self, row: dict[str, Any], source: dict[str, Any]) -> Recommendation:
        where = source["key"]
        state = self.ref(self.states, source["state"], "state", where)
        try:
            due_on = parse_partial_date(row.get("due_on"))[0]
        except ValueError as exc:
            raise ReferenceDataError([f"{where}: {exc}"]) from exc
        return self.upsert(
            Recommendation,
            {"source_kind": source["kind"], "state": state, "text_en": row["text_en"]},
            {
                "source_title_ru": source.get("title_ru", ""),
                "source_title_en": source.get("title_en", ""),
                "body": self.ref(self.organizations, source.get("body"), "organization", where),
                "authority": self.ref(self.organizations, row.get("authority"), "organization", where),
                "themes": list(row.get("themes", [])),
                "text_ru": row.get("text_ru", ""),
                "priority": row.get("priority", "medium"),
                "due_on": due_on,
                "confidentiality": source.get("confidentiality", "restricted"),
            },
        )

    def update(self, row: dict[str, Any], focal_point, secretariat) -> None:
        recommendation = Recommendation.objects.filter(text_en=row["recommendation"]).first()
        if recommendation is None:
            raise ReferenceDataError(
                [_("Update for an unknown recommendation: %(text)s") % {"text": row["recommendation"]}]
            )
        update = StatusUpdate.objects.filter(recommendation=recommendation, text=row["text"]).first()
        if update is not None:
            self.count("status updates", "unchanged")
        else:
            update = services.report_progress(
                recommendation, acting_user=focal_point, status=row["status"], text=row["text"]
            )
            if row.get("reported_at"):
                # History keeps the date the sample story tells, set once at creation.
                StatusUpdate.objects.filter(pk=update.pk).update(
                    reported_at=datetime.datetime.fromisoformat(row["reported_at"])
                )
            self.count("status updates", "created")
        spec = row.get("assessment")
        if spec is None:
            return
        if update.assessments.exists():
            self.count("assessments", "unchanged")
            return
        services.assess(
            update, acting_user=secretariat, status=spec.get("status"), comment=spec.get("comment", "")
        )
        self.count("assessments", "created")


@transaction.atomic
def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load the sample register, then import the sample reviews' recommendations; the second run changes nothing."""
    data = read_toml_files(directory, ("recommendations",))["recommendations"]
    loader = _Loader()
    sources = {s["key"]: s for s in data.get("source", [])}
    secretariat = sample_account(SAMPLE_SECRETARIAT, Role.SECRETARIAT)
    focal_point = sample_account(SAMPLE_FOCAL_POINT, Role.FOCAL_POINT)
    kaz = loader.states.get("KAZ")
    if kaz is not None and not FocalPoint.objects.filter(user=focal_point).exists():
        FocalPoint.objects.create(user=focal_point, state=kaz)
    try:
        for row in data.get("recommendation", []):
            source = sources.get(row["source"])
            if source is None:
                raise ReferenceDataError([_("Unknown source “%(key)s”.") % {"key": row["source"]}])
            loader.recommendation(row, source)
        for row in data.get("update", []):
            loader.update(row, focal_point, secretariat)
    except KeyError as exc:
        raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
    imported = services.import_from_reviews(acting_user=secretariat)
    for action, number in imported.items():
        # Reviews loaded just before already brought theirs in (the receiver): these count as unchanged.
        loader.count("recommendations", action, number)
    return loader.report()
