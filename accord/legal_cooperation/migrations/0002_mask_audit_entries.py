"""Mask what the audit log already kept of cooperation requests and their amounts.

From now on `accord.core.audit.register_confidential` masks the values as
entries are written; this rewrites the entries written before: every
changed value becomes "***" (the field names stay) and the record is named
by its number. Not reversible in substance: the values are gone on purpose.
"""

from django.db import migrations

MASK = "***"
KEPT = {
    "cooperationrequest": {"id", "created_at", "updated_at"},
    "assetamount": {"id", "request", "recorded_by", "recorded_at"},
}


def _name(model: str, entry) -> str:
    if model == "cooperationrequest":
        return f"Cooperation request no. {entry.object_pk}"
    return f"Amount no. {entry.object_pk}"


def mask_entries(apps, schema_editor) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    for model, kept in KEPT.items():
        content_type = ContentType.objects.filter(app_label="legal_cooperation", model=model).first()
        if content_type is None:
            continue
        for entry in LogEntry.objects.filter(content_type=content_type).iterator():
            changes = entry.changes if isinstance(entry.changes, dict) else {}
            entry.changes = {
                field: value if field in kept else [MASK, MASK] for field, value in changes.items()
            }
            entry.changes_text = ""
            entry.serialized_data = None
            entry.object_repr = _name(model, entry)
            entry.save(update_fields=["changes", "changes_text", "serialized_data", "object_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("legal_cooperation", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(mask_entries, migrations.RunPython.noop)]
