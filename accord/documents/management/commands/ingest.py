"""`accord ingest PATH...`: files and folders in, with a progress bar and a summary."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from accord.core.background import stop_requested_by_signals
from accord.core.choices import Confidentiality
from accord.documents.ingest.pipeline import StopRequested, collect, ingest
from accord.documents.models import IngestItem, IngestJob


class Command(BaseCommand):
    help = _("Ingest text, HTML, PDF, DOCX and RTF files and folders (recursively) as documents.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help=_("Files or folders."))
        parser.add_argument("--no-progress", action="store_true", help=_("Do not show the progress bar."))
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--confidentiality",
            choices=Confidentiality.values,
            default=Confidentiality.RESTRICTED,
            help=_("Who may read the new documents (default: restricted, members only)."),
        )
        parser.add_argument(
            "--no-extract", action="store_true", help=_("Do not run extraction on the new documents.")
        )
        parser.add_argument(
            "--extract-later",
            action="store_true",
            help=_("Leave extraction of the new documents to `accord worker` instead of running it now."),
        )

    def handle(
        self,
        *args,
        paths: list[str],
        no_progress: bool = False,
        format: str = "text",
        no_extract: bool = False,
        extract_later: bool = False,
        confidentiality: str = Confidentiality.RESTRICTED,
        **options,
    ) -> None:
        sources = collect(paths)
        if not sources:
            raise CommandError(_("No files to ingest in %(paths)s.") % {"paths": ", ".join(paths)})
        job = IngestJob.objects.create(source="cli", confidentiality=confidentiality)
        bar = tqdm(
            total=len(sources), unit=_("file"), disable=no_progress or format == "json", file=sys.stderr
        )
        # Ctrl-C or SIGTERM (`kill`, a process manager stopping) end the run after the file
        # at hand, and the job is marked interrupted with the true count; Ctrl-C again stops
        # at once. SIGKILL cannot be caught: the job's heartbeat stops, and
        # `recover_stale_jobs` marks it interrupted once its lease has run out.
        process = "none" if no_extract else "background" if extract_later else "inline"
        try:
            with stop_requested_by_signals(second_interrupts=True) as stop:
                ingest(
                    sources,
                    job,
                    progress=lambda source, status: bar.update(1),
                    process=process,
                    should_stop=stop.is_set,
                )
        except (KeyboardInterrupt, StopRequested):
            bar.close()
            self._summary(job, format)
            raise CommandError(
                _("Interrupted: nothing was half-stored; run the same command again to go on.")
            ) from None
        bar.close()
        self._summary(job, format)

    def _summary(self, job: IngestJob, format: str) -> None:
        failures = list(job.items.filter(status=IngestItem.Status.FAILED).values_list("name", "reason"))
        if format == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "job": job.pk,
                        "status": job.status,
                        "added": job.added,
                        "already_present": job.duplicates,
                        "failed": [{"file": name, "reason": reason} for name, reason in failures],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(
            _("Added: %(added)d, already present: %(duplicates)d, failed: %(failed)d (job %(job)d).")
            % {"added": job.added, "duplicates": job.duplicates, "failed": job.failed, "job": job.pk}
        )
        for name, reason in failures:
            self.stdout.write(self.style.WARNING(f"  {name}: {reason}"))
