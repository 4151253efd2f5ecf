"""Open-data declarations: the pieces each app uses to declare the public tables it exports.

Each app that publishes records names a function on its AppConfig,
`opendata_tables = "accord.<app>.opendata.tables"`, returning its `Table`s in
an order where references point backwards; `accord.portal.opendata` collects
them in the apps' dependency order and writes the package. The declarations
live here, in core, so that an app declares its tables without importing the
portal above it.

Every table starts from `Model.objects.visible_to(anonymous())`: the package
holds exactly what the public pages show, and a reference to a record the
public cannot see is left empty (`visible_fk`), so that every foreign key
resolves.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import BigIntegerField, Case, F, Value, When
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

#: Rows fetched per query while a table is written: memory does not grow with the table.
CHUNK_SIZE = 2000


def anonymous() -> AnonymousUser:
    """The visitor whose eyes the package sees through."""
    return AnonymousUser()


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
    """The `url` column: the record's public page, built from `source` through the URL `viewname`."""
    return Column(
        name="url",
        type="string",
        format="uri",
        description=_("Address of the record's public page."),
        source=source,
        convert=_url(viewname, key, sample),
    )


def semicolon_list(value: Any) -> str:
    """A JSON list of keys (themes, topics) as one CSV cell, `a;b`; anything else as empty."""
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


def model_table(
    name: str,
    title: Any,
    description: Any,
    columns: Iterable[Column],
    queryset: Callable[[], models.QuerySet],
    **extra: Any,
) -> Table:
    """A table of a model's rows; `queryset` is called only when the rows are written."""
    columns = tuple(columns)
    return Table(
        name=name,
        title=title,
        description=description,
        columns=columns,
        rows=lambda: stream(queryset(), columns),
        **extra,
    )


#: The four columns of a dated record (a post, a membership) with its precision.
PERIOD = ("start_on", "start_precision", "end_on", "end_precision")
