"""Open data: everything public, as CSV and JSON with a documented schema, Popolo and iCalendar.

`build_open_data()` writes one package into a new directory under
`VAR_DIR/opendata/` and only then points `current.json` at it (an atomic
rename), so a download never sees a half-written package. The package holds:

* one CSV and one JSON file per resource (states, organizations, people,
  posts, …): the CSV as a Frictionless tabular resource, the JSON the same
  rows as an array of objects with typed values;
* `datapackage.json`, a Frictionless Data Package (`tabular-data-package`)
  that gives every CSV its Table Schema: field types, descriptions, enums,
  the primary key and the foreign keys between the resources;
* `popolo.json` (the registry's Popolo export as an anonymous visitor sees
  it) and `meetings.ics` (the public meetings);
* `accord-open-data.zip` with all of the above, and `manifest.json`, which
  lists the files with their sizes and row counts.

Every resource starts from `Model.objects.visible_to(AnonymousUser())`, so the
package holds exactly what the public pages show; a reference to a record the
public cannot see (a restricted meeting of a public document) is left empty,
so that every foreign key resolves. Rows are streamed with
`iterator(chunk_size=…)` and written as they come: memory does not grow with
the number of documents.

Documents are metadata only, without their texts: a text is read on the
document's page, and 10⁵ texts would make a package nobody downloads. The
statistics of cooperation requests are the public aggregates of
`accord.legal_cooperation.statistics`, small counts suppressed; no request
itself is ever exported.
"""

import contextlib
import csv
import datetime
import json
import os
import re
import secrets
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction
from django.db.models import BigIntegerField, Case, F, Q, Value, When
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

CHUNK_SIZE = 2000
#: A package directory's name; nothing else in the directory is ever removed.
PACKAGE_NAME = re.compile(r"\d{8}T\d{12}Z-[0-9a-f]{6}")
POINTER = "current.json"
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
POPOLO = "popolo.json"
ICALENDAR = "meetings.ics"
ZIP = "accord-open-data.zip"
#: Packages kept besides the current one: a download that started on the
#: previous package finishes even after the switch.
KEEP_PREVIOUS = 1
#: A temporary directory this old belongs to a build that died.
STALE_BUILD_SECONDS = 6 * 3600
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".ics": "text/calendar",
    ".zip": "application/zip",
}
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


class OpenDataError(Exception):
    """The package could not be written (an unwritable directory, a full disk)."""


def anonymous() -> AnonymousUser:
    """The visitor whose eyes the package sees through."""
    return AnonymousUser()


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class Column:
    """One field of a resource: its Table Schema and where its value comes from."""

    name: str
    type: str
    description: Any
    source: str = ""
    format: str = ""
    enum: tuple[str, ...] = ()
    required: bool = False
    convert: Callable[[Any], Any] | None = None

    @property
    def key(self) -> str:
        return self.source or self.name

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": str(self.description)}
        if self.format:
            out["format"] = self.format
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    """A resource of the package: a CSV, its JSON twin and its Table Schema."""

    name: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict[str, Any]]]
    primary_key: tuple[str, ...] = ("id",)
    #: (field, resource, field); an empty resource refers to the table itself.
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    def schema(self) -> dict[str, Any]:
        return {
            "fields": [c.schema() for c in self.columns],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [
                {"fields": [own], "reference": {"resource": resource, "fields": [other]}}
                for own, resource, other in self.foreign_keys
            ],
            "missingValues": [""],
        }


_TYPES = {
    "AutoField": "integer",
    "BigAutoField": "integer",
    "IntegerField": "integer",
    "BigIntegerField": "integer",
    "SmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "ForeignKey": "integer",
    "OneToOneField": "integer",
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
}


def col(model: type[models.Model], name: str, description: Any = None, **extra: Any) -> Column:
    """A column for a model field (`state_id` for the FK `state`), typed and described from the model."""
    model_field = model._meta.get_field(name[:-3] if name.endswith("_id") else name)
    kind = _TYPES.get(model_field.get_internal_type(), "string")
    options: dict[str, Any] = {}
    if model_field.choices and kind == "string":
        options["enum"] = tuple(str(value) for value, _label in model_field.flatchoices if value != "")
    if isinstance(model_field, models.URLField):
        options["format"] = "uri"
    if model_field.primary_key:
        options["required"] = True
        description = description or _("Identifier of the record, the same as in the API.")
    options.update(extra)
    return Column(
        name=name, type=kind, description=description or capfirst(model_field.verbose_name), **options
    )


def _url(viewname: str, key: str, sample: Any) -> Callable[[Any], str]:
    """A function from a key to the record's public address, reversing the URL only once."""
    base = settings.ACCORD_BASE_URL.rstrip("/")
    pattern = base + reverse(viewname, kwargs={key: sample})
    marker = str(sample)
    return lambda value: pattern.replace(marker, str(value)) if value not in (None, "") else None


def url_col(viewname: str, key: str = "pk", source: str = "id", sample: Any = 987654321) -> Column:
    return Column(
        name="url",
        type="string",
        format="uri",
        description=_("Address of the record's public page."),
        source=source,
        convert=_url(viewname, key, sample),
    )


def _themes(value: Any) -> str:
    return ";".join(str(v) for v in value) if isinstance(value, list) else ""


def visible_fk(name: str, queryset: models.QuerySet) -> Case:
    """`<name>_id` when the referenced row is in `queryset` (what the public sees), else empty."""
    return Case(
        When(**{f"{name}__in": queryset.values("pk")}, then=F(f"{name}_id")),
        default=Value(None),
        output_field=BigIntegerField(),
    )


def stream(queryset: models.QuerySet, columns: Iterable[Column]) -> Iterator[dict[str, Any]]:
    """Rows in primary-key order, fetched `CHUNK_SIZE` at a time."""
    keys = list(dict.fromkeys(c.key for c in columns))
    return queryset.order_by("pk").values(*keys).iterator(chunk_size=CHUNK_SIZE)


# --------------------------------------------------------------------------- the resources


def tables() -> list[Table]:
    """The resources of the package, in an order where references point backwards."""
    from accord.cooperation.models import Agreement, AgreementParty, Initiative
    from accord.documents.models import Document
    from accord.followup.models import Recommendation
    from accord.instruments.models import Instrument, Party
    from accord.meetings.models import Meeting, Participation
    from accord.news.choices import LinkStatus
    from accord.news.models import NewsItem, NewsLink
    from accord.registry.models import Membership, Organization, Person, Post, State
    from accord.reviews.models import CountryReview, Summary

    public = anonymous()
    people = Person.objects.visible_to(public)
    meetings = Meeting.objects.visible_to(public)
    documents = Document.objects.visible_to(public)

    def table(name, title, description, columns, queryset, **extra) -> Table:
        columns = tuple(columns)
        return Table(
            name=name,
            title=title,
            description=description,
            columns=columns,
            rows=lambda: stream(queryset(), columns),
            **extra,
        )

    period = ("start_on", "start_precision", "end_on", "end_precision")
    result = [
        table(
            "states",
            _("States"),
            _("States: UN members and observers, with their ISO 3166-1 and M49 codes."),
            [
                col(State, "id"),
                col(State, "iso2"),
                col(State, "iso3"),
                col(State, "m49"),
                col(State, "name_ru"),
                col(State, "name_en"),
                col(State, "official_name_ru"),
                col(State, "official_name_en"),
                Column(
                    "regional_group",
                    "string",
                    _("UN regional group (its code)."),
                    source="regional_group__code",
                ),
                col(State, "un_status"),
                url_col("registry:state_detail", "iso3", "iso3", "ZZZ"),
            ],
            lambda: State.objects.visible_to(public),
        ),
        table(
            "organizations",
            _("Organizations and bodies"),
            _("Intergovernmental organizations, their bodies, national authorities and others, as a tree."),
            [
                col(Organization, "id"),
                col(Organization, "slug"),
                col(Organization, "kind"),
                col(Organization, "parent_id"),
                col(Organization, "state_id", _("State of a national authority.")),
                col(Organization, "name_ru"),
                col(Organization, "name_en"),
                col(Organization, "abbreviation_ru"),
                col(Organization, "abbreviation_en"),
                col(Organization, "founded_on"),
                col(Organization, "dissolved_on"),
                col(Organization, "website"),
                col(Organization, "description_ru"),
                col(Organization, "description_en"),
                url_col("registry:organization_detail"),
            ],
            lambda: Organization.objects.visible_to(public),
            foreign_keys=(("parent_id", "", "id"), ("state_id", "states", "id")),
        ),
        table(
            "people",
            _("People"),
            _("Officials, delegates and experts the registry shows in public."),
            [
                col(Person, "id"),
                col(Person, "slug"),
                col(Person, "family_name_ru"),
                col(Person, "given_name_ru"),
                col(Person, "patronymic_ru"),
                col(Person, "family_name_en"),
                col(Person, "given_name_en"),
                url_col("registry:person_detail"),
            ],
            lambda: Person.objects.visible_to(public),
        ),
        table(
            "posts",
            _("Posts"),
            _("Who held which position in which organization, and when (public people only)."),
            [
                col(Post, "id"),
                col(Post, "person_id"),
                col(Post, "organization_id"),
                col(Post, "title_ru"),
                col(Post, "title_en"),
                col(Post, "role"),
                *(col(Post, name) for name in period),
                col(Post, "note"),
            ],
            lambda: Post.objects.visible_to(public),
            foreign_keys=(("person_id", "people", "id"), ("organization_id", "organizations", "id")),
        ),
        table(
            "memberships",
            _("Memberships"),
            _("States and organizations in bodies: members, observers, parties, chairs, with dates."),
            [
                col(Membership, "id"),
                col(Membership, "body_id"),
                col(Membership, "state_id"),
                col(Membership, "organization_id"),
                col(Membership, "role"),
                *(col(Membership, name) for name in period),
                col(Membership, "note"),
            ],
            lambda: Membership.objects.visible_to(public),
            foreign_keys=(
                ("body_id", "organizations", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
            ),
        ),
        table(
            "instruments",
            _("Instruments"),
            _("Conventions, protocols, agreements, strategies and other international instruments."),
            [
                col(Instrument, "id"),
                col(Instrument, "slug"),
                col(Instrument, "kind"),
                col(Instrument, "parent_id"),
                col(Instrument, "organization_id"),
                col(Instrument, "name_ru"),
                col(Instrument, "name_en"),
                col(Instrument, "abbreviation_ru"),
                col(Instrument, "abbreviation_en"),
                col(Instrument, "adopted_on"),
                col(Instrument, "opened_for_signature_on"),
                col(Instrument, "entry_into_force_on"),
                col(Instrument, "depositary"),
                col(Instrument, "official_url"),
                url_col("instruments:instrument_detail", "slug", "slug", "zz-sample-zz"),
            ],
            lambda: Instrument.objects.visible_to(public),
            foreign_keys=(("parent_id", "", "id"), ("organization_id", "organizations", "id")),
        ),
        table(
            "instrument_parties",
            _("Parties to instruments"),
            _("Each state's signature, ratification or accession, entry into force and withdrawal."),
            [
                col(Party, "id"),
                col(Party, "instrument_id"),
                col(Party, "state_id"),
                col(Party, "status"),
                col(Party, "signed_on"),
                col(Party, "consent"),
                col(Party, "consent_on"),
                col(Party, "entry_into_force_on"),
                col(Party, "withdrawn_on"),
                col(Party, "note"),
            ],
            lambda: Party.objects.visible_to(public),
            foreign_keys=(("instrument_id", "instruments", "id"), ("state_id", "states", "id")),
        ),
        table(
            "meetings",
            _("Meetings"),
            _("Public sessions, meetings, visits and seminars; sittings name their session as parent."),
            [
                col(Meeting, "id"),
                col(Meeting, "kind"),
                col(Meeting, "body_id"),
                col(Meeting, "ordinal"),
                col(Meeting, "title_ru"),
                col(Meeting, "title_en"),
                col(Meeting, "start_on", required=True),
                col(Meeting, "end_on"),
                col(Meeting, "city_ru"),
                col(Meeting, "city_en"),
                col(Meeting, "country_id"),
                col(Meeting, "format"),
                col(Meeting, "status"),
                col(Meeting, "parent_id", source="public_parent_id"),
                col(Meeting, "web_page"),
                url_col("meetings:meeting_detail"),
            ],
            lambda: Meeting.objects.visible_to(public).annotate(
                public_parent_id=visible_fk("parent", meetings)
            ),
            foreign_keys=(
                ("body_id", "organizations", "id"),
                ("country_id", "states", "id"),
                ("parent_id", "", "id"),
            ),
        ),
        table(
            "participations",
            _("Participations"),
            _("Who took part in a public meeting (a state, an organization or a public person), how."),
            [
                col(Participation, "id"),
                col(Participation, "meeting_id"),
                col(Participation, "state_id"),
                col(Participation, "organization_id"),
                col(Participation, "person_id"),
                col(Participation, "role"),
                col(Participation, "mode"),
                col(Participation, "note"),
            ],
            lambda: Participation.objects.visible_to(public).filter(
                Q(person__isnull=True) | Q(person__in=people.values("pk"))
            ),
            foreign_keys=(
                ("meeting_id", "meetings", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
                ("person_id", "people", "id"),
            ),
        ),
        table(
            "documents",
            _("Documents"),
            _("Public documents: metadata only; the text is read on the document's page."),
            [
                col(Document, "id"),
                col(Document, "symbol"),
                col(Document, "language"),
                col(Document, "title"),
                col(Document, "kind"),
                col(Document, "published_on"),
                col(Document, "publisher_id"),
                col(Document, "meeting_id", source="public_meeting_id"),
                col(Document, "version_of_id", source="public_version_of_id"),
                col(Document, "source_url"),
                col(Document, "author"),
                col(Document, "content_hash", _("SHA-256 of the extracted text.")),
                Column(
                    "text_length",
                    "integer",
                    _("Length of the extracted text, in characters."),
                    source="text_length",
                ),
                url_col("documents:document_detail"),
            ],
            lambda: Document.objects.visible_to(public).annotate(
                public_meeting_id=visible_fk("meeting", meetings),
                public_version_of_id=visible_fk("version_of", documents),
                text_length=Length("text"),
            ),
            foreign_keys=(
                ("publisher_id", "organizations", "id"),
                ("meeting_id", "meetings", "id"),
                ("version_of_id", "", "id"),
            ),
        ),
        table(
            "country_reviews",
            _("Country reviews"),
            _("Reviews of a state under a review mechanism whose summary is published."),
            [
                col(CountryReview, "id"),
                Column(
                    "mechanism", "string", _("Review mechanism (its key)."), source="cycle__mechanism__slug"
                ),
                Column("cycle", "integer", _("Number of the review cycle."), source="cycle__number"),
                Column(
                    "cluster", "integer", _("Number of the cluster of provisions."), source="cluster__number"
                ),
                Column("cluster_name_ru", "string", _("Cluster (Russian)."), source="cluster__name_ru"),
                Column("cluster_name_en", "string", _("Cluster (English)."), source="cluster__name_en"),
                col(CountryReview, "state_id"),
                col(CountryReview, "year"),
                col(CountryReview, "phase"),
                col(CountryReview, "dialogue_format"),
                col(CountryReview, "dialogue_meeting_id", source="public_dialogue_meeting_id"),
                url_col("reviews:review_detail"),
            ],
            lambda: CountryReview.objects.visible_to(public).annotate(
                public_dialogue_meeting_id=visible_fk("dialogue_meeting", meetings)
            ),
            foreign_keys=(("state_id", "states", "id"), ("dialogue_meeting_id", "meetings", "id")),
        ),
        table(
            "review_summaries",
            _("Review summaries"),
            _("The published executive summaries of country reviews."),
            [
                col(Summary, "id"),
                col(Summary, "review_id"),
                col(Summary, "text_ru"),
                col(Summary, "text_en"),
                col(Summary, "published_at"),
            ],
            lambda: Summary.objects.visible_to(public),
            foreign_keys=(("review_id", "country_reviews", "id"),),
        ),
        table(
            "recommendations",
            _("Recommendations"),
            _("Public recommendations to states and the current status of their implementation."),
            [
                col(Recommendation, "id"),
                col(Recommendation, "source_kind"),
                col(Recommendation, "source_title_ru"),
                col(Recommendation, "source_title_en"),
                col(Recommendation, "body_id"),
                col(Recommendation, "state_id"),
                col(Recommendation, "authority_id"),
                col(
                    Recommendation,
                    "themes",
                    _("Themes, their keys separated by semicolons."),
                    convert=_themes,
                ),
                col(Recommendation, "text_ru"),
                col(Recommendation, "text_en"),
                col(Recommendation, "priority"),
                col(Recommendation, "due_on"),
                col(Recommendation, "status"),
                col(Recommendation, "is_status_assessed"),
                col(Recommendation, "document_id", source="public_document_id"),
                col(Recommendation, "meeting_id", source="public_meeting_id"),
                url_col("followup:recommendation_detail"),
            ],
            lambda: Recommendation.objects.visible_to(public).annotate(
                public_document_id=visible_fk("document", documents),
                public_meeting_id=visible_fk("meeting", meetings),
            ),
            foreign_keys=(
                ("body_id", "organizations", "id"),
                ("state_id", "states", "id"),
                ("authority_id", "organizations", "id"),
                ("document_id", "documents", "id"),
                ("meeting_id", "meetings", "id"),
            ),
        ),
        table(
            "initiatives",
            _("Initiatives"),
            _("Public initiatives and proposals: who proposed them, where and when, their status."),
            [
                col(Initiative, "id"),
                col(Initiative, "title_ru"),
                col(Initiative, "title_en"),
                col(Initiative, "proposer_state_id"),
                col(Initiative, "proposer_organization_id"),
                col(Initiative, "proposer_person_id", source="public_proposer_person_id"),
                col(Initiative, "meeting_id", source="public_meeting_id"),
                col(Initiative, "proposed_on"),
                col(Initiative, "status"),
                col(Initiative, "topics", _("Topics, their keys separated by semicolons."), convert=_themes),
                url_col("cooperation:initiative_detail"),
            ],
            lambda: Initiative.objects.visible_to(public).annotate(
                public_proposer_person_id=visible_fk("proposer_person", people),
                public_meeting_id=visible_fk("meeting", meetings),
            ),
            foreign_keys=(
                ("proposer_state_id", "states", "id"),
                ("proposer_organization_id", "organizations", "id"),
                ("proposer_person_id", "people", "id"),
                ("meeting_id", "meetings", "id"),
            ),
        ),
        table(
            "agreements",
            _("Agreements"),
            _("Public bilateral and multilateral cooperation agreements."),
            [
                col(Agreement, "id"),
                col(Agreement, "kind"),
                col(Agreement, "title_ru"),
                col(Agreement, "title_en"),
                col(Agreement, "signed_on"),
                col(Agreement, "signed_place"),
                col(Agreement, "signed_at_meeting_id", source="public_meeting_id"),
                col(Agreement, "entry_into_force_on"),
                col(Agreement, "term"),
                col(Agreement, "expires_on"),
                col(Agreement, "status"),
                url_col("cooperation:agreement_detail"),
            ],
            lambda: Agreement.objects.visible_to(public).annotate(
                public_meeting_id=visible_fk("signed_at_meeting", meetings)
            ),
            foreign_keys=(("signed_at_meeting_id", "meetings", "id"),),
        ),
        table(
            "agreement_parties",
            _("Parties to agreements"),
            _("The states and organizations party to a public agreement."),
            [
                col(AgreementParty, "id"),
                col(AgreementParty, "agreement_id"),
                col(AgreementParty, "state_id"),
                col(AgreementParty, "organization_id"),
                col(AgreementParty, "role"),
            ],
            lambda: AgreementParty.objects.visible_to(public),
            foreign_keys=(
                ("agreement_id", "agreements", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
            ),
        ),
        _request_statistics_table(),
        table(
            "news",
            _("News"),
            _("Published news items; the text is sanitized HTML."),
            [
                col(NewsItem, "id"),
                col(NewsItem, "slug"),
                col(NewsItem, "title_ru"),
                col(NewsItem, "title_en"),
                col(NewsItem, "lead_ru"),
                col(NewsItem, "lead_en"),
                col(NewsItem, "body_ru"),
                col(NewsItem, "body_en"),
                col(NewsItem, "published_at"),
                url_col("news:news_detail", "slug", "slug", "zz-sample-zz"),
            ],
            lambda: NewsItem.objects.visible_to(public),
        ),
        table(
            "news_links",
            _("News links"),
            _("The states, organizations, people and meetings a published news item speaks of."),
            [
                col(NewsLink, "id"),
                col(NewsLink, "news_id"),
                col(NewsLink, "state_id"),
                col(NewsLink, "organization_id"),
                col(NewsLink, "person_id"),
                col(NewsLink, "meeting_id"),
            ],
            lambda: NewsLink.objects.filter(
                news__in=NewsItem.objects.visible_to(public).values("pk"), status=LinkStatus.CONFIRMED
            ).filter(
                (Q(person__isnull=True) | Q(person__in=people.values("pk")))
                & (Q(meeting__isnull=True) | Q(meeting__in=meetings.values("pk")))
            ),
            foreign_keys=(
                ("news_id", "news", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
                ("person_id", "people", "id"),
                ("meeting_id", "meetings", "id"),
            ),
        ),
    ]
    return result


def _request_statistics_table() -> Table:
    """Aggregates of cooperation requests; the requests themselves are never public."""
    from accord.legal_cooperation.statistics import small_count, statistics

    def rows() -> Iterator[dict[str, Any]]:
        for section, cells in statistics().items():
            for cell in cells:
                yield {
                    "section": section,
                    "key": cell.key,
                    "label": cell.label,
                    "count": cell.count,
                    "display": cell.display,
                }

    sections = ("total", "by_kind", "by_year", "sent_by_state", "received_by_state")
    return Table(
        name="request_statistics",
        title=_("Cooperation requests: statistics"),
        description=_(
            "Counts of mutual legal assistance, extradition and asset recovery requests by kind, "
            "year and state; a count below %(threshold)s is suppressed, and states with such a count "
            "are merged into one row “other”."
        )
        % {"threshold": small_count()},
        columns=(
            Column(
                "section", "string", _("Which breakdown the row belongs to."), enum=sections, required=True
            ),
            Column(
                "key",
                "string",
                _(
                    "The kind, the year, the state's ISO 3166-1 alpha-3 code, or “other” for the states merged."
                ),
                required=True,
            ),
            Column("label", "string", _("The kind or the state, in words.")),
            Column("count", "integer", _("Number of requests; empty when suppressed as too small.")),
            Column("display", "string", _("The count as published: a number, or “<5” when suppressed.")),
        ),
        rows=rows,
        primary_key=("section", "key"),
    )


# --------------------------------------------------------------------------- writing


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value == "":
        return None
    return value


def _datetime(value: datetime.datetime) -> str:
    """ISO 8601 in UTC to the second, the Table Schema's default datetime format."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_table(table: Table, directory: Path) -> int:
    """Write `<name>.csv` and `<name>.json` side by side, row by row; return the number of rows."""
    names = [c.name for c in table.columns]
    count = 0
    with (
        open(directory / f"{table.name}.csv", "w", encoding="utf-8", newline="") as csv_file,
        open(directory / f"{table.name}.json", "w", encoding="utf-8") as json_file,
    ):
        writer = csv.writer(csv_file)
        writer.writerow(names)
        json_file.write("[")
        for raw in table.rows():
            values = [c.convert(raw.get(c.key)) if c.convert else raw.get(c.key) for c in table.columns]
            writer.writerow([_csv_value(v) for v in values])
            json_file.write(",\n" if count else "\n")
            json.dump(
                {name: _json_value(v) for name, v in zip(names, values, strict=True)},
                json_file,
                ensure_ascii=False,
            )
            count += 1
        json_file.write("\n]\n" if count else "]\n")
    return count


def datapackage(table_list: list[Table], created_at: datetime.datetime) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV resources."""
    return {
        "profile": "tabular-data-package",
        "name": "accord-open-data",
        "title": str(_("Accord open data")),
        "description": str(
            _(
                "Everything the Accord portal publishes: states, organizations and their bodies, "
                "people and their posts, memberships, instruments and their parties, meetings and "
                "participations, documents (metadata), published country reviews and summaries, "
                "public recommendations, initiatives and agreements, statistics of cooperation "
                "requests and the news. Each CSV has a JSON twin with the same rows."
            )
        ),
        "homepage": settings.ACCORD_BASE_URL.rstrip("/") + reverse("portal:opendata"),
        "created": _datetime(created_at),
        "licenses": [LICENSE],
        "keywords": ["anti-corruption", "UNCAC", "UNTOC", "CIS", "Popolo"],
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "profile": "tabular-data-resource",
                "title": str(t.title),
                "description": str(t.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": t.schema(),
            }
            for t in table_list
        ],
    }


def _write_json(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def _write_popolo(directory: Path) -> int:
    from accord.registry.popolo import export_popolo

    data = export_popolo(anonymous())
    _write_json(directory / POPOLO, data)
    return len(data["persons"]) + len(data["organizations"]) + len(data["posts"]) + len(data["memberships"])


def _write_icalendar(directory: Path) -> int:
    from accord.meetings.ical import meetings_calendar
    from accord.meetings.models import Meeting

    meetings = list(
        Meeting.objects.visible_to(anonymous()).select_related("body", "country").order_by("start_on", "pk")
    )
    body = meetings_calendar(meetings, name=str(_("Accord: meetings")), base_url=settings.ACCORD_BASE_URL)
    (directory / ICALENDAR).write_bytes(body)
    return len(meetings)


@dataclass
class BuildResult:
    """What a build wrote: where, when, and each file's size and rows."""

    directory: Path
    created_at: datetime.datetime
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {f["resource"]: f["rows"] for f in self.files.values() if f.get("format") == "csv"}

    def as_dict(self) -> dict[str, Any]:
        return {
            "directory": str(self.directory),
            "created": _datetime(self.created_at),
            "counts": self.counts,
            "files": {name: {"size": f["size"], "rows": f.get("rows")} for name, f in self.files.items()},
        }


def opendata_root() -> Path:
    """Where packages live: `ACCORD_OPENDATA_DIR`, or `VAR_DIR/opendata`."""
    configured = getattr(settings, "ACCORD_OPENDATA_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "opendata"


def build_open_data(
    root: Path | None = None, *, progress: Callable[[str, int], None] | None = None
) -> BuildResult:
    """Write a complete package, then make it the current one; the previous stays until the next build.

    Raises `OpenDataError` when the directory cannot be written; nothing of
    the failed build is left behind and the current package stays as it was.
    """
    root = Path(root) if root else opendata_root()
    created_at = timezone.now()
    name = created_at.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)
    building = root / f".building-{name}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        building.mkdir()
    except OSError as exc:
        raise OpenDataError(
            _("Cannot write the open-data directory %(path)s: %(error)s")
            % {"path": root, "error": exc.strerror or exc}
        ) from exc
    try:
        with translation.override("en"), _snapshot():
            result = _build_into(building, created_at, progress)
        final = root / name
        os.replace(building, final)
        result.directory = final
        _point_to(root, name)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise OpenDataError(
            _("Cannot write the open-data package: %(error)s") % {"error": exc.strerror or exc}
        ) from exc
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _prune(root, keep=name)
    from accord.core.cache import bump_generation

    bump_generation()  # the open-data page shows the new files at once
    return result


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the data for the whole build, where the database offers it cheaply.

    PostgreSQL: a read-only repeatable-read transaction, so that a change
    committed mid-build cannot leave a post pointing at a person the file of
    people no longer holds. SQLite would take its write lock for a
    transaction (`transaction_mode` IMMEDIATE) and block every writer, so
    there each table is read as it stands.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _build_into(
    directory: Path, created_at: datetime.datetime, progress: Callable[[str, int], None] | None
) -> BuildResult:
    result = BuildResult(directory=directory, created_at=created_at)
    table_list = tables()

    def record(filename: str, rows: int | None, **extra: Any) -> None:
        path = directory / filename
        result.files[filename] = {
            "size": path.stat().st_size,
            "rows": rows,
            "media_type": media_type(filename),
            **extra,
        }

    for table in table_list:
        rows = write_table(table, directory)
        record(f"{table.name}.csv", rows, resource=table.name, format="csv")
        record(f"{table.name}.json", rows, resource=table.name, format="json")
        if progress:
            progress(table.name, rows)
    _write_json(directory / DATAPACKAGE, datapackage(table_list, created_at))
    record(DATAPACKAGE, None, format="datapackage")
    record(POPOLO, _write_popolo(directory), format="popolo")
    if progress:
        progress("popolo", result.files[POPOLO]["rows"])
    record(ICALENDAR, _write_icalendar(directory), format="icalendar")
    if progress:
        progress("meetings.ics", result.files[ICALENDAR]["rows"])
    with zipfile.ZipFile(directory / ZIP, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename in result.files:
            archive.write(directory / filename, arcname=f"accord-open-data/{filename}")
    record(ZIP, None, format="zip")
    _write_json(
        directory / MANIFEST,
        {"created": _datetime(created_at), "package": directory.name, "files": result.files},
    )
    return result


def _point_to(root: Path, name: str) -> None:
    """Switch `current.json` in one rename: readers see the old package or the new, never neither."""
    temporary = root / f".{POINTER}.{secrets.token_hex(4)}"
    _write_json(temporary, {"package": name})
    os.replace(temporary, root / POINTER)


def _prune(root: Path, *, keep: str) -> None:
    """Remove packages older than the previous one, and builds that died long ago."""
    packages = sorted(
        (p for p in root.iterdir() if p.is_dir() and PACKAGE_NAME.fullmatch(p.name) and p.name != keep),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in packages[KEEP_PREVIOUS:]:
        shutil.rmtree(old, ignore_errors=True)
    now = time.time()
    for stale in root.glob(".building-*"):
        if not PACKAGE_NAME.fullmatch(stale.name.removeprefix(".building-")):
            continue
        try:
            if now - stale.stat().st_mtime > STALE_BUILD_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            continue


# --------------------------------------------------------------------------- reading


def media_type(filename: str) -> str:
    return MEDIA_TYPES.get(Path(filename).suffix, "application/octet-stream")


@dataclass(frozen=True)
class CurrentPackage:
    """The package `current.json` points at, read once per request."""

    directory: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return self.manifest.get("files", {})

    @property
    def created(self) -> datetime.datetime | None:
        text = self.manifest.get("created")
        return (
            datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            if text
            else None
        )

    def path(self, filename: str) -> Path | None:
        """The file's path if the manifest lists it, else None: no name from outside reaches the disk."""
        if filename not in self.files:
            return None
        path = self.directory / filename
        return path if path.is_file() else None

    def datapackage(self) -> dict[str, Any]:
        path = self.path(DATAPACKAGE)
        if path is None:
            return {}
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)


def current_package(root: Path | None = None) -> CurrentPackage | None:
    """The current package, or None when none has been built (or it has gone missing)."""
    root = Path(root) if root else opendata_root()
    try:
        with open(root / POINTER, encoding="utf-8") as handle:
            name = json.load(handle).get("package", "")
        if not isinstance(name, str) or not PACKAGE_NAME.fullmatch(name):
            return None
        directory = root / name
        with open(directory / MANIFEST, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError, AttributeError):
        return None
    return CurrentPackage(directory=directory, manifest=manifest)
