from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "accord.documents"
    label = "documents"
    verbose_name = _("Documents")
    sample_loader = "accord.documents.samples.load_samples"
    stale_work_recovery = "accord.documents.services.recover_stale_jobs"
    record_panel = "accord.documents.panels.record_panel"
    opendata_tables = "accord.documents.opendata.tables"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.documents import models

        auditlog.register(models.Document, exclude_fields=["text", "minhash", "content_hash"])

        from django.db.models.signals import post_save

        from accord.documents.search.indexing import on_document_saved

        post_save.connect(on_document_saved, sender=models.Document, dispatch_uid="documents-search-index")

        from accord.documents.pickers import register_pickers

        register_pickers()
