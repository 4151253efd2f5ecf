from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "accord.documents"
    label = "documents"
    verbose_name = _("Documents")
    sample_loader = "accord.documents.samples.load_samples"
    stale_work_recovery = "accord.documents.services.recover_stale_jobs"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.documents import models

        auditlog.register(models.Document, exclude_fields=["text", "minhash", "content_hash"])

        from django.db.models.signals import post_save

        from accord.documents.search.indexing import on_document_saved

        post_save.connect(on_document_saved, sender=models.Document, dispatch_uid="documents-search-index")

        from django.db.models.signals import post_delete

        from accord.core.reference import records_written
        from accord.documents.search.entities import names_changed
        from accord.registry.models import Alias, Organization, Person, State

        for model in (Alias, Organization, Person, State):
            post_save.connect(names_changed, sender=model, dispatch_uid=f"search-names-{model.__name__}")
            records_written.connect(  # the reference loader writes in bulk, with no post_save
                names_changed, sender=model, dispatch_uid=f"search-names-bulk-{model.__name__}"
            )
            post_delete.connect(
                names_changed, sender=model, dispatch_uid=f"search-names-del-{model.__name__}"
            )
