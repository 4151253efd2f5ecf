"""`accord extract FILE... --format json|table`: what a text names, as the extraction contract."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accord.documents.ingest.errors import IngestError
from accord.documents.ingest.loaders import extract as load
from accord.extraction.pipeline.assemble import extract
from accord.extraction.snapshot import gazetteer


class Command(BaseCommand):
    help = _("Extract states, people, organizations, places, events and references from files.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, files: list[str], format: str = "json", **options) -> None:
        names = gazetteer()
        results = []
        for name in files:
            path = Path(name)
            try:
                data = path.read_bytes()
                text = load(path.name, data).text
            except (OSError, IngestError) as exc:
                self.stderr.write(_("%(file)s: %(error)s") % {"file": name, "error": exc})
                results.append({"source": name, "error": str(exc)})
                continue
            results.append(extract(name, text, names))
        if format == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=1))
            return
        for result in results:
            self.stdout.write(
                f"== {result['source']} ({result.get('language', '?')}, {result.get('published') or '—'})"
            )
            for field in ("states", "persons", "organizations", "places", "events"):
                for item in result.get(field, []):
                    self.stdout.write(f"  {field:13s} {json.dumps(item, ensure_ascii=False)}")
            references = result.get("references", {})
            self.stdout.write(f"  references    {json.dumps(references, ensure_ascii=False)}")
