from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtractionConfig(AppConfig):
    name = "accord.extraction"
    label = "extraction"
    verbose_name = _("Extraction")
    # Offered to apps below without them importing this one (see accord.core.reference.loaders):
    # documents enqueues new documents to the processor, pages show the panel, load-samples the samples.
    document_processor = "accord.extraction.tasks.extract_documents"
    record_panel = "accord.extraction.panels.record_panel"
    document_links = "accord.extraction.panels.document_links"
    sample_loader = "accord.extraction.samples.load_samples"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.extraction import models

        # Mentions are machine-written and replaced on every run; decisions are what people audit.
        auditlog.register(models.Suggestion, exclude_fields=["evidence", "fingerprint"])
