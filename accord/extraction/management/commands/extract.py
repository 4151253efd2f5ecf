"""`accord extract FILE... --format json|table`: what a text names, as the extraction contract.

It reads files only and needs no ingested documents, only the registry. On a
fresh database it loads the reference data first (what `make demo` does),
so that the command works right after installation; it never needs the
network.
"""

import io
import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from accord.documents.ingest.errors import IngestError
from accord.documents.ingest.loaders import extract as load
from accord.extraction.pipeline.assemble import extract
from accord.extraction.snapshot import gazetteer
from accord.registry.models import State

TABLE_FIELDS = ("states", "persons", "organizations", "places", "events", "proposals")


class Command(BaseCommand):
    help = _("Extract states, people, organizations, places, events and references from files.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, files: list[str], format: str = "json", **options) -> None:
        self._ensure_registry()
        names = gazetteer()
        results = []
        for name in files:
            path = Path(name)
            try:
                text = load(path.name, path.read_bytes()).text
            except (OSError, IngestError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.stderr.write(_("%(file)s: %(error)s") % {"file": name, "error": reason})
                results.append({"source": name, "error": reason})
                continue
            results.append(extract(name, text, names))
        if format == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=1))
        else:
            self._table(results)

    def _ensure_registry(self) -> None:
        """Migrate and load the reference data into a database that lacks them (a fresh or older install)."""
        try:
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            current = not executor.migration_plan(executor.loader.graph.leaf_nodes())
            if current and State.objects.exists():
                return
        except DatabaseError:
            pass
        self.stderr.write(_("The registry is empty or out of date: loading the reference data first."))
        # Their reports would mix with the JSON on standard output.
        call_command("migrate", verbosity=0, interactive=False, stdout=io.StringIO())
        call_command("load_reference", stdout=io.StringIO())

    def _table(self, results: list[dict]) -> None:
        for result in results:
            if "error" in result:
                self.stdout.write(f"== {result['source']}: {result['error']}")
                continue
            self.stdout.write(
                f"== {result['source']} ({result.get('language', '?')}, {result.get('published') or '—'})"
            )
            for field in TABLE_FIELDS:
                for item in result.get(field, []):
                    self.stdout.write(f"  {field:13s} {_summary(field, item)}")
            references = result.get("references", {})
            for kind in ("symbols", "mandates"):
                if references.get(kind):
                    self.stdout.write(f"  {kind:13s} {', '.join(references[kind])}")
            if result.get("topics"):
                self.stdout.write(f"  {'topics':13s} {', '.join(result['topics'])}")


def _summary(field: str, item: dict) -> str:
    """One readable line per extracted item."""
    if field == "states":
        return f"{item['iso3']}  {item['name']}"
    if field == "persons":
        posts = "; ".join(p["title"] for p in item.get("posts", []))
        return f"{item['name']}" + (f"  — {posts}" if posts else "")
    if field == "organizations":
        return item["name"]
    if field == "places":
        return item["name"] + (f" ({item['state']})" if item.get("state") else "")
    if field == "events":
        dates = item["start"] if item["start"] == item["end"] else f"{item['start']} – {item['end']}"
        where = f", {item['place']}" if item.get("place") else ""
        return f"{dates}  {item['kind']}: {item.get('title') or '—'}{where} [{item['format']}]"
    return f"{item.get('proposer') or '?'} {item['verb']}: {item['text'][:100]}"
