"""Writes of the documents app that are decisions rather than edits.

Uploads and `accord ingest` store documents at the level their uploader
chose, restricted (members only) by default; making one public is the
secretariat's decision, taken here and nowhere else, and the audit log
records who took it.
"""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accord.core.choices import Confidentiality
from accord.core.roles import is_secretariat
from accord.documents.models import Document


@transaction.atomic
def publish_document(document: Document, *, acting_user) -> Document:
    """Make a document and its original file public; a public document stays as it is.

    The change is an audited save (who, when, before and after), which the
    document page shows in its history; search facets follow by the save signal.
    """
    if not is_secretariat(acting_user):
        raise PermissionDenied(_("Only the secretariat publishes documents."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.confidentiality == Confidentiality.PUBLIC:
        return document
    # Only the level changes, to a valid value: the rest of the record is not judged again here.
    document.confidentiality = Confidentiality.PUBLIC
    with set_actor(acting_user):
        document.save(update_fields=["confidentiality", "updated_at"])
    return document
