"""Uploads of the secretariat: files checked at the door, then ingested in the background."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.choices import Confidentiality
from accord.core.forms import limit_file_count
from accord.documents.models import IngestItem, IngestJob
from accord.documents.services import enqueue_ingest_job


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        return limit_file_count(files)


class UploadForm(forms.Form):
    files = MultipleFileField(label=gettext_lazy("Files (text, HTML, PDF, DOCX, RTF)"))
    # Left out (a script's POST), it is the safe level, never public.
    confidentiality = forms.TypedChoiceField(
        label=gettext_lazy("Confidentiality of the new documents"),
        choices=Confidentiality.choices,
        initial=Confidentiality.RESTRICTED,
        required=False,
        empty_value=Confidentiality.RESTRICTED,
        help_text=gettext_lazy(
            "Members only unless you choose otherwise; the secretariat can publish later."
        ),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def start_upload_job(files, user, *, confidentiality: str = Confidentiality.RESTRICTED) -> IngestJob:
    """Record the job, its files and the level its documents get, then enqueue it once committed."""
    limit = settings.ACCORD_MAX_UPLOAD_BYTES
    with transaction.atomic():
        job = IngestJob.objects.create(
            source="upload", created_by=user, total=len(files), confidentiality=confidentiality
        )
        for upload in files:
            item = IngestItem(job=job, name=upload.name[:1000], size=upload.size)
            if upload.size > limit:
                # Refused at the door: a file above the limit is not even stored.
                item.status = IngestItem.Status.FAILED
                item.reason = _("The file is larger than the limit of %(limit)s MB.") % {
                    "limit": round(limit / (1024 * 1024), 1)
                }
                job.failed += 1
            else:
                item.upload.save(upload.name, upload, save=False)
            item.save()
        job.save()
        enqueue_ingest_job(job)
    return job
