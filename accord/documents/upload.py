"""Uploads of the secretariat: files or a pasted text, checked at the door, then ingested in the background."""

import datetime

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.choices import Confidentiality
from accord.core.forms import limit_file_count
from accord.documents.choices import DocumentKind, DocumentLanguage
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
        if not files and self.required:
            raise forms.ValidationError(_("Choose at least one file."))
        return limit_file_count(files)


#: The name a pasted text is stored under, as if it were a file.
PASTED_NAME = "pasted-text.txt"


class UploadForm(forms.Form):
    """Files, or a pasted text, or both, with what the uploader knows of them."""

    files = MultipleFileField(label=gettext_lazy("Files (text, HTML, PDF, DOCX, RTF)"), required=False)
    text = forms.CharField(
        label=gettext_lazy("Or paste a text"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 6}),
        help_text=gettext_lazy("Its first line that reads as a heading becomes the title."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("Read from each file")), *DocumentKind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language version"),
        choices=[("", gettext_lazy("Detected from the text")), *DocumentLanguage.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    published_on = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
        help_text=gettext_lazy("Left empty, the date is read from each file where it says one."),
    )
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

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("files") and not data.get("text"):
            raise forms.ValidationError(_("Choose at least one file or paste a text."), code="nothing")
        return data

    def uploads(self) -> list:
        """The files to ingest: the chosen ones, and the pasted text as a UTF-8 text file."""
        uploads = list(self.cleaned_data["files"])
        if self.cleaned_data["text"]:
            uploads.append(ContentFile(self.cleaned_data["text"].encode("utf-8"), name=PASTED_NAME))
        return uploads


def start_upload_job(
    files,
    user,
    *,
    confidentiality: str = Confidentiality.RESTRICTED,
    kind: str = "",
    language: str = "",
    published_on: datetime.date | None = None,
) -> IngestJob:
    """Record the job, its files and what its documents get (level, kind, language, date), then enqueue it."""
    limit = settings.ACCORD_MAX_UPLOAD_BYTES
    with transaction.atomic():
        job = IngestJob.objects.create(
            source="upload",
            created_by=user,
            total=len(files),
            confidentiality=confidentiality,
            kind=kind,
            language=language,
            published_on=published_on,
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
