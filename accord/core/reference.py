"""Reference and sample data of every app, loaded in dependency order by one command.

An app offers its loader on its AppConfig (`reference_loader`, `sample_loader`:
dotted paths to functions returning counts per kind of record), so `core`
never imports the apps above it and the order is INSTALLED_APPS order.
"""

from collections.abc import Callable

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string


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
