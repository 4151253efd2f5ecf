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
from django.db import models, transaction
from django.utils import translation
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
    counts: Counts = {}
    with transaction.atomic():
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
