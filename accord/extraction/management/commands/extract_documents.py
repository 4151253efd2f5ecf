"""`accord extract-documents [--all | --missing | ID...]`: (re)run extraction on stored documents."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from accord.documents.models import Document
from accord.extraction.services import extract_documents


class Command(BaseCommand):
    help = _("Run extraction on stored documents and store their mentions and suggestions.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", help=_("Document ids."))
        parser.add_argument("--all", action="store_true", help=_("Every document with a text."))
        parser.add_argument(
            "--missing",
            action="store_true",
            help=_("Documents with a text that extraction has not read yet."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Report what would change; write nothing.")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("Do not show the progress bar."))
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, ids: list[str], **options) -> None:
        chosen = [options["all"], options["missing"], bool(ids)]
        if sum(chosen) != 1:
            raise CommandError(_("Name document ids, or give --all or --missing (one of them)."))
        try:
            wanted = [int(i) for i in ids]
        except ValueError as exc:
            raise CommandError(_("Document ids are whole numbers: %(ids)s") % {"ids": " ".join(ids)}) from exc
        documents = Document.objects.exclude(text="")
        if options["missing"]:
            documents = documents.filter(extraction__isnull=True)
        elif wanted:
            found = set(Document.objects.filter(pk__in=wanted).values_list("pk", flat=True))
            unknown = [str(i) for i in wanted if i not in found]
            if unknown:
                raise CommandError(_("No such documents: %(ids)s") % {"ids": ", ".join(unknown)})
            documents = documents.filter(pk__in=wanted)
        selected = list(documents.order_by("pk").values_list("pk", flat=True))
        bar = tqdm(
            total=len(selected),
            unit=_("document"),
            disable=options["no_progress"] or options["format"] == "json",
            file=sys.stderr,
        )
        if options["dry_run"]:
            with transaction.atomic():
                counts = extract_documents(selected, progress=lambda document: bar.update(1))
                transaction.set_rollback(True)
        else:
            # Each document in its own transaction: an interruption keeps what is done.
            counts = extract_documents(selected, progress=lambda document: bar.update(1))
        bar.close()
        if options["format"] == "json":
            self.stdout.write(json.dumps({"dry_run": options["dry_run"], **counts}, indent=2))
            return
        self.stdout.write(
            _(
                "Documents: %(documents)d, failed: %(failed)d, mentions: %(mentions)d, "
                "new suggestions: %(suggestions)d."
            )
            % counts
        )
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
