"""Spreadsheets in: CSV or XLSX files of organizations, people with posts, meetings, recommendations.

The file is read with tablib (the tabular-data library django-import-export
itself stands on); each row is then written by the app's own service
functions, through an `ImportKind` the app declares (`import_kinds` on its
AppConfig: the registry's, the meetings', the follow-up's). We do not use
django-import-export's resources: they save model instances one model at a
time, while a row here is a person *with* a post or a meeting *with* a
participant, and must go through the services (permission, `full_clean`,
the audit log naming the user) like every other write.

`run_import` runs every row in one transaction, each in its own savepoint
so a refused row cannot spoil the others' checks; it reports each row as
created, changed, unchanged or refused (with its row number in the
spreadsheet and the reason). A dry run, or a file with any refused row, is
then rolled back whole: nothing is written unless every row is good.
Problems with the file itself (not a spreadsheet, not UTF-8, too big, no
rows, unknown or missing columns) raise `ImportFileError` before any row
is tried.
"""

import csv
import datetime
import io
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from accord.core.audit import acting_as
from accord.core.concurrency import StaleEditError
from accord.core.exports import Sheet, csv_bytes, workbook_bytes

#: The largest file accepted: a spreadsheet of several thousand rows is far smaller.
MAX_BYTES = 5 * 1024 * 1024
#: The most data rows one import takes (the rest is another file).
MAX_ROWS = 5000
FORMATS = ("csv", "xlsx")

CREATED, CHANGED, UNCHANGED, REFUSED = "created", "changed", "unchanged", "refused"
ACTION_LABELS = {
    CREATED: pgettext_lazy("import row", "new"),
    CHANGED: pgettext_lazy("import row", "changed"),
    UNCHANGED: pgettext_lazy("import row", "unchanged"),
    REFUSED: pgettext_lazy("import row", "refused"),
}


class ImportFileError(Exception):
    """The file cannot be read as the kind's table; the message says why, for the person importing."""


class RowError(Exception):
    """One row cannot be written; the message says why."""


@dataclass(frozen=True)
class Column:
    """A column of a kind's template: its header, what it holds, whether every row needs it."""

    name: str
    help: str | Promise
    required: bool = False


@dataclass
class RowResult:
    number: int  # the row's number in the spreadsheet, the header being row 1
    action: str
    summary: str = ""
    reason: str = ""

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])


@dataclass
class ImportReport:
    kind: "ImportKind"
    rows: list[RowResult] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    @property
    def refused(self) -> list[RowResult]:
        return [row for row in self.rows if row.action == REFUSED]


class ImportKind:
    """What one kind of row is and how it is written; an app subclasses it and lists it in `import_kinds`."""

    name: str = ""
    title: str | Promise = ""
    columns: tuple[Column, ...] = ()
    #: One or two rows of example values for the template, by column name.
    example: tuple[dict[str, str], ...] = ()

    def may_import(self, user) -> bool:
        """Who may import this kind (the services judge each row again)."""
        from accord.core.roles import is_secretariat

        return is_secretariat(user)

    def import_row(self, values: dict[str, str], *, acting_user) -> tuple[str, str]:
        """Write one row through the app's services; (action, what the row is). Raises to refuse it."""
        raise NotImplementedError

    # ---- the template --------------------------------------------------------------

    def template_header(self) -> list[str]:
        return [column.name for column in self.columns]

    def template_rows(self) -> list[list[str]]:
        return [[row.get(column.name, "") for column in self.columns] for row in self.example]

    def template(self, fmt: str) -> bytes:
        """The downloadable template: the header and example rows; the XLSX adds a sheet that explains each column."""
        if fmt == "csv":
            return csv_bytes(self.template_header(), self.template_rows())
        guide = [
            [column.name, _("required") if column.required else _("optional"), column.help]
            for column in self.columns
        ]
        return workbook_bytes(
            [
                Sheet(self.name, self.template_header(), self.template_rows()),
                Sheet(_("Columns"), [_("Column"), _("Required"), _("What it holds")], guide),
            ]
        )


def import_kinds() -> dict[str, ImportKind]:
    """Every kind the apps declare (`import_kinds` on an AppConfig: a dotted path to a list of classes)."""
    kinds: dict[str, ImportKind] = {}
    for config in apps.get_app_configs():
        path = getattr(config, "import_kinds", None)
        if path:
            for kind_class in import_string(path):
                kind = kind_class()
                kinds[kind.name] = kind
    return kinds


# ---- reading the file ----------------------------------------------------------------


def _format_of(content: bytes, filename: str) -> str:
    """xlsx or csv, by what the bytes are rather than what the name says."""
    if content.startswith(b"PK\x03\x04"):
        return "xlsx"
    if content[:8].startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("This is an old Excel file (.xls): save it as .xlsx or as CSV (UTF-8) and try again.")
        )
    if filename.lower().endswith(".xlsx"):
        raise ImportFileError(_("The file is not a spreadsheet: an .xlsx file could not be opened."))
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("The file is not a spreadsheet: upload a CSV or XLSX file."))
    return "csv"


def _csv_text(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        content_text = content.decode("utf-16")
    else:
        try:
            content_text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            raise ImportFileError(
                _(
                    "The file is not UTF-8 text (line %(line)s): in Excel choose “CSV UTF-8” when saving, "
                    "or upload the XLSX file itself."
                )
                % {"line": line}
            ) from exc
    return content_text.lstrip("\ufeff")


def _read_dataset(content: bytes, fmt: str) -> tuple[Any, list[int]]:
    """The tablib dataset and, for each of its rows, its number in the spreadsheet (header = 1)."""
    import tablib

    dataset = tablib.Dataset()
    if fmt == "xlsx":
        try:
            # the first sheet; cells as values, formulas as their cached results
            dataset.load(io.BytesIO(content), format="xlsx", read_only=True)
        except tablib.InvalidDimensions as exc:
            raise ImportFileError(
                _("Some rows have more cells than the header names: every column needs a header.")
            ) from exc
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
            raise ImportFileError(
                _("The file is not a spreadsheet: the XLSX file could not be opened.")
            ) from exc
        return dataset, list(range(2, dataset.height + 2))
    text = _csv_text(content)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", delimiters=",;\t").delimiter
    except (csv.Error, IndexError):
        delimiter = ","
    try:
        dataset.load(text, format="csv", delimiter=delimiter)
        # tablib skips blank records; count them so a row's number is the one a spreadsheet shows
        numbers = [
            n for n, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1) if record
        ]
    except (csv.Error, tablib.InvalidDimensions) as exc:
        raise ImportFileError(
            _("The file could not be read as a table (every line needs the same columns): %(error)s")
            % {"error": exc}
        ) from exc
    return dataset, numbers[1:]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _column_name(header: Any) -> str:
    return _cell_text(header).strip().lower().replace(" ", "_").replace("-", "_")


def check_size(size: int) -> None:
    """Refuse a file over `MAX_BYTES` before reading it."""
    if size > MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size)s MB; at most %(limit)s MB): split it into several files.")
            % {"size": round(size / 1024 / 1024, 1), "limit": MAX_BYTES // 1024 // 1024}
        )


def read_rows(kind: ImportKind, content: bytes, filename: str = "") -> list[tuple[int, dict[str, str]]]:
    """The file's data rows as (spreadsheet row number, {column: text}); `ImportFileError` if it cannot be."""
    if not content:
        raise ImportFileError(_("The file is empty."))
    check_size(len(content))
    dataset, numbers = _read_dataset(content, _format_of(content, filename))
    header = [_column_name(h) for h in (dataset.headers or [])]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise ImportFileError(_("The file is empty: the first row must name the columns."))
    known = {column.name for column in kind.columns}
    unknown = [h for h in header if h and h not in known]
    missing = [c.name for c in kind.columns if c.required and c.name not in header]
    duplicated = sorted(name for name, n in Counter(h for h in header if h).items() if n > 1)
    if unknown or missing or duplicated:
        problems = []
        if unknown:
            problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        if missing:
            problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        if duplicated:
            problems.append(_("columns given twice: %(columns)s") % {"columns": ", ".join(duplicated)})
        raise ImportFileError(
            _("The columns do not match the template of “%(kind)s” (%(problems)s). Expected: %(expected)s.")
            % {
                "kind": kind.title,
                "problems": "; ".join(problems),
                "expected": ", ".join(c.name for c in kind.columns),
            }
        )
    rows = []
    for index, raw in zip(numbers, dataset, strict=False):
        values = {name: _cell_text(value) for name, value in zip(header, raw, strict=False) if name}
        if any(values.values()):
            rows.append((index, values))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(limit)s rows: split it into several files.") % {"limit": MAX_ROWS}
            )
    if not rows:
        raise ImportFileError(_("The file has a header but no rows to import."))
    return rows


# ---- running the rows ----------------------------------------------------------------


def describe_error(exc: Exception, model: type[models.Model] | None = None) -> str:
    """A refusal as one line a person can act on: the field's name, then what is wrong."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            parts = []
            for name, errors in exc.message_dict.items():
                label = name
                if model is not None and name != "__all__":
                    try:
                        label = str(model._meta.get_field(name).verbose_name)
                    except Exception:  # a name that is not a field: keep it as it is
                        label = name
                text = " ".join(errors)
                parts.append(text if name == "__all__" else f"{label}: {text}")
            return "; ".join(parts)
        return " ".join(exc.messages)
    if isinstance(exc, StaleEditError):
        return _("The record was changed by someone else meanwhile.")
    if isinstance(exc, DatabaseError):
        return _("The database refused the row (a duplicate, or a value out of range).")
    return str(exc) or exc.__class__.__name__


REFUSALS = (RowError, ValidationError, PermissionDenied, ObjectDoesNotExist, StaleEditError, DatabaseError)


def run_import(
    kind: ImportKind, rows: Iterable[tuple[int, dict[str, str]]], *, acting_user, dry_run: bool
) -> ImportReport:
    """Try every row in one transaction; keep the writes only if this is no dry run and no row was refused."""
    report = ImportReport(kind=kind, dry_run=dry_run)
    if not kind.may_import(acting_user):
        raise PermissionDenied(_("You may not import %(kind)s.") % {"kind": kind.title})
    with transaction.atomic(), acting_as(acting_user):
        for number, values in rows:
            try:
                with transaction.atomic():
                    action, summary = kind.import_row(values, acting_user=acting_user)
            except REFUSALS as exc:
                report.rows.append(
                    RowResult(
                        number, REFUSED, kind_summary(kind, values), describe_error(exc, kind_model(kind))
                    )
                )
            else:
                report.rows.append(RowResult(number, action, summary))
        if dry_run or report.refused:
            transaction.set_rollback(True)
        else:
            report.written = True
    return report


def kind_summary(kind: ImportKind, values: dict[str, str]) -> str:
    """A refused row named by its first non-empty cells, so the person finds it in the file."""
    return " · ".join(v for v in values.values() if v)[:120]


def kind_model(kind: ImportKind) -> type[models.Model] | None:
    return getattr(kind, "model", None)


def import_file(
    kind: ImportKind, content: bytes, filename: str = "", *, acting_user, dry_run: bool
) -> ImportReport:
    """`read_rows` then `run_import`: the one entry point of the pages and the command."""
    return run_import(kind, read_rows(kind, content, filename), acting_user=acting_user, dry_run=dry_run)


# ---- helpers the kinds share ------------------------------------------------------------


def parse_date(text: str, column: str) -> datetime.date | None:
    """An ISO date (2024-05-31) or a Russian one (31.05.2024); empty is None."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(
        _("%(column)s: “%(value)s” is not a date (write 2024-05-31 or 31.05.2024).")
        % {"column": column, "value": text}
    )


def parse_choice(text: str, choices: type[models.TextChoices], column: str, default: str = "") -> str:
    """A choice by its code or its label in either language, case aside; empty is `default`."""
    text = text.strip()
    if not text:
        if default:
            return default
        raise RowError(_("%(column)s is required.") % {"column": column})
    wanted = text.casefold()
    from django.utils.translation import override

    for value, label in choices.choices:
        names = {value.casefold()}
        for language in ("ru", "en"):
            with override(language):
                names.add(str(label).casefold())
        if wanted in names:
            return value
    raise RowError(
        _("%(column)s: “%(value)s” is not one of %(choices)s.")
        % {"column": column, "value": text, "choices": ", ".join(choices.values)}
    )


def find_one(queryset: models.QuerySet, lookups: Iterable[str], text: str, what: str, column: str):
    """The one record whose field in `lookups` equals `text` (case aside); refuse none or several."""
    text = text.strip()
    for lookup in lookups:
        found = list(queryset.filter(**{f"{lookup}__iexact": text})[:2])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise RowError(
                _("%(column)s: several %(what)s are called “%(value)s”; give a more precise name.")
                % {"column": column, "what": what, "value": text}
            )
    raise RowError(
        _("%(column)s: no %(what)s “%(value)s” in the registry.")
        % {"column": column, "what": what, "value": text}
    )


def changed_fields(record: models.Model, values: dict[str, Any]) -> bool:
    """Set the values on the record; True when any differs from what it held."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed
