"""Reference and sample data of every app, loaded in dependency order by one command.

An app offers its loader on its AppConfig (`reference_loader`, `sample_loader`:
dotted paths to functions returning counts per kind of record), so `core`
never imports the apps above it and the order is INSTALLED_APPS order.
"""

import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.signals import pre_save
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


class ReferenceDataError(ValueError):
    """Reference files contradict themselves; carries every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


Counts = dict[str, dict[str, int]]


def loaders(attribute: str) -> list[Callable[..., Counts]]:
    """The loaders the installed apps offer under `attribute`, in dependency order."""
    return [
        import_string(path) for config in apps.get_app_configs() if (path := getattr(config, attribute, None))
    ]


def load_all(attribute: str = "reference_loader", *, dry_run: bool = False) -> Counts:
    """Run every app's loader in one transaction: all the data or none of it."""
    from accord.core.cache import invalidation_deferred

    counts: Counts = {}
    with transaction.atomic(), invalidation_deferred():
        for loader in loaders(attribute):
            counts.update(loader())
        if dry_run:
            transaction.set_rollback(True)
    return counts


def read_toml_files(directory: Path, names: Iterable[str]) -> dict[str, Any]:
    """Several TOML files as one dictionary keyed by file stem; a syntax error names its file."""
    data: dict[str, Any] = {}
    for name in names:
        path = directory / f"{name}.toml"
        try:
            with path.open("rb") as handle:
                data[name] = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ReferenceDataError([_("%(file)s: %(error)s") % {"file": path.name, "error": exc}]) from exc
    return data


#: Sent once per model after `RecordWriter.flush()` wrote its rows in bulk (which sends no `post_save`):
#: receivers that keep something derived from the rows (the search name index, open data) listen to it.
records_written = Signal()  # sender: the model; using: the database alias


Key = tuple[tuple[str, Any], ...]


def _reference(value: Any) -> Any:
    """A lookup value as an index key: a row by its primary key, or by identity while it is not saved."""
    if isinstance(value, models.Model):
        return ("pk", value.pk) if value.pk is not None else ("new", id(value))
    return value


def _foreign_keys(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)]


class RecordWriter:
    """Creates or updates rows by a natural key, counting what it created and changed.

    Saves only when a value differs, so that reloading leaves the audit log quiet.
    """

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {}

    def upsert(
        self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
    ) -> models.Model:
        with translation.override("en"):  # stable report keys whatever the UI language
            name = str(model._meta.verbose_name_plural)
        counter = self.counts.setdefault(name, Counter())
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            action = "created"
        else:
            changed = [k for k, v in values.items() if getattr(instance, k) != v]
            if not changed:
                counter["unchanged"] += 1
                return instance
            for key in changed:
                setattr(instance, key, values[key])
            action = "updated"
        try:
            instance.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ReferenceDataError([f"{model.__name__} {lookup}: {exc.messages}"]) from exc
        instance.save()
        counter[action] += 1
        return instance

    def set_many(self, instance: models.Model, field: str, related: list[models.Model]) -> None:
        """Make a many-to-many field hold exactly `related`, touching it only when it differs."""
        manager = getattr(instance, field)
        if set(manager.values_list("pk", flat=True)) != {r.pk for r in related}:
            manager.set(related)

    def report(self) -> Counts:
        return {name: dict(counter) for name, counter in self.counts.items()}


class BulkRecordWriter(RecordWriter):
    """A `RecordWriter` that writes in bulk: for loads of thousands of rows (the reference data).

    `upsert` finds rows in an index of the table read once, so a load costs a
    few queries per table rather than several per row; `flush()` writes what
    changed with `bulk_create` and `bulk_update` (parents before the rows that
    point to them), each row validated as a save would be, with one audit
    entry per created or changed row as before and one page-cache
    invalidation. Only differing values are written, so a reload writes
    nothing and leaves the audit log quiet. Call `flush()` before reading
    the rows back from the database.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[type[models.Model], list[models.Model]] = {}
        self._indexes: dict[tuple[type[models.Model], tuple[str, ...]], dict[Key, models.Model]] = {}
        self._new: dict[type[models.Model], list[models.Model]] = {}
        self._changed: dict[type[models.Model], dict[int, tuple[models.Model, set[str]]]] = {}
        self._many: list[tuple[models.Model, str, list[models.Model]]] = []

    # ---- finding rows -----------------------------------------------------------------------

    def _known(self, model: type[models.Model]) -> list[models.Model]:
        if model not in self._rows:
            self._rows[model] = list(model._base_manager.all())
        return self._rows[model]

    @staticmethod
    def _value(row: models.Model, name: str) -> Any:
        field = row._meta.get_field(name)
        if field.is_relation:
            pk = getattr(row, field.attname)
            if pk is None and field.is_cached(row):
                return _reference(field.get_cached_value(row))
            return None if pk is None else ("pk", pk)
        return getattr(row, name)

    def _index(self, model: type[models.Model], names: tuple[str, ...]) -> dict[Key, models.Model]:
        index = self._indexes.get((model, names))
        if index is None:
            index = {}
            for row in self._known(model):
                index.setdefault(tuple((n, self._value(row, n)) for n in names), row)
            self._indexes[(model, names)] = index
        return index

    @staticmethod
    def _same(instance: models.Model, name: str, value: Any) -> bool:
        field = instance._meta.get_field(name)
        if field.is_relation:
            if field.is_cached(instance) and field.get_cached_value(instance) is value:
                return True
            current = getattr(instance, field.attname)
            return (value is not None and value.pk is not None and current == value.pk) or (
                value is None and current is None
            )
        return getattr(instance, name) == value

    # ---- recording changes ------------------------------------------------------------------

    def upsert(
        self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
    ) -> models.Model:
        with translation.override("en"):  # stable report keys whatever the UI language
            name = str(model._meta.verbose_name_plural)
        counter = self.counts.setdefault(name, Counter())
        names = tuple(sorted(lookup))
        index = self._index(model, names)
        key = tuple((n, _reference(lookup[n])) for n in names)
        instance = index.get(key)
        if instance is None:
            instance = model(**lookup, **values)
            index[key] = instance
            self._known(model).append(instance)
            self._new.setdefault(model, []).append(instance)
            counter["created"] += 1
            return instance
        changed = [k for k, v in values.items() if not self._same(instance, k, v)]
        if not changed:
            counter["unchanged"] += 1
            return instance
        for field in changed:
            setattr(instance, field, values[field])
        if instance.pk is not None:  # a stored row; a new one is written whole
            _row, fields = self._changed.setdefault(model, {}).setdefault(id(instance), (instance, set()))
            fields.update(instance._meta.get_field(f).attname for f in changed)
        counter["updated"] += 1
        return instance

    def set_many(self, instance: models.Model, field: str, related: list[models.Model]) -> None:
        """Make a many-to-many field hold exactly `related` (at `flush()`), touching it only when it differs."""
        self._many.append((instance, field, related))

    # ---- writing ----------------------------------------------------------------------------

    @staticmethod
    def _ready(row: models.Model) -> bool:
        """True when every row this one points to is stored (has its primary key)."""
        for field in _foreign_keys(type(row)):
            if getattr(row, field.attname) is None and field.is_cached(row):
                target = field.get_cached_value(row)
                if target is not None and target.pk is None:
                    return False
        return True

    @staticmethod
    def _validate(model: type[models.Model], rows: Iterable[models.Model]) -> None:
        """`full_clean()` as a save would run it, but for the foreign keys, which point to rows just written."""
        exclude = {f.name for f in _foreign_keys(model)}
        for row in rows:
            for field in _foreign_keys(model):  # the ids of parents written a moment ago
                if getattr(row, field.attname) is None and field.is_cached(row):
                    setattr(row, field.name, field.get_cached_value(row))  # sets the id, keeps the object
            try:
                row.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                lookup = {n: v for n, v in row.__dict__.items() if not n.startswith("_")}
                raise ReferenceDataError([f"{model.__name__} {lookup}: {exc.messages}"]) from exc

    def flush(self) -> None:
        """Write the recorded rows: new ones parents first, then changed ones, then many-to-many sets."""
        from accord.core.cache import invalidation_deferred

        if not (any(self._new.values()) or any(self._changed.values()) or self._many):
            return
        written: set[type[models.Model]] = set()
        with invalidation_deferred():
            while any(self._new.values()):
                progress = False
                for model, rows in self._new.items():
                    ready = [row for row in rows if self._ready(row)]
                    if not ready:
                        continue
                    progress = True
                    self._validate(model, ready)
                    model._base_manager.bulk_create(ready)
                    _audit(model, [(None, row) for row in ready])
                    written.add(model)
                    chosen = set(map(id, ready))
                    self._new[model] = [row for row in rows if id(row) not in chosen]
                if not progress:
                    raise ReferenceDataError([_("The reference rows point to each other in a loop.")])
            for model, changes in self._changed.items():
                if not changes:
                    continue
                rows = [row for row, _fields in changes.values()]
                fields = set().union(*(fields for _row, fields in changes.values()))
                now = timezone.now()
                for field in model._meta.concrete_fields:
                    if getattr(field, "auto_now", False):
                        fields.add(field.attname)
                        for row in rows:
                            setattr(row, field.attname, now)
                self._validate(model, rows)
                before = model._base_manager.in_bulk([row.pk for row in rows])
                model._base_manager.bulk_update(rows, sorted(fields))
                _audit(model, [(before.get(row.pk), row) for row in rows])
                written.add(model)
            self._changed = {}
            for instance, field, related in self._many:
                manager = getattr(instance, field)
                if set(manager.values_list("pk", flat=True)) != {r.pk for r in related}:
                    manager.set(related)
            self._many = []
        self._indexes = {}  # rows just written are keyed by their new primary keys from now on
        for model in written:
            records_written.send(sender=model, using=router.db_for_write(model))

    def report(self) -> Counts:
        self.flush()  # counts of rows that are written
        return super().report()


def _audit(model: type[models.Model], pairs: list[tuple[models.Model | None, models.Model]]) -> None:
    """The audit entries django-auditlog's signals would have written for these saves, in one insert."""
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_disabled
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import smart_str

    if not auditlog.contains(model) or auditlog_disabled.get():
        return
    content_type = ContentType.objects.get_for_model(model)
    cid = get_cid()
    entries = []
    for old, new in pairs:
        changes = model_instance_diff(old, new, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES)
        if not changes:
            continue
        additional = getattr(new, "get_additional_data", None)
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(new.pk),
                object_id=new.pk if isinstance(new.pk, int) else None,
                object_repr=smart_str(new),
                action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
                changes=changes,
                serialized_data=LogEntry.objects._get_serialized_data_or_none(new),
                additional_data=additional() if callable(additional) else None,
                cid=cid,
            )
        )
    # The actor and address come as for a single save: from the receiver an open
    # `set_actor` block connects to LogEntry's pre_save (auditlog leaves a closed
    # block's value in its context variable, so the variable itself is not read).
    using = router.db_for_write(LogEntry)
    for entry in entries:
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
    LogEntry.objects.bulk_create(entries)
