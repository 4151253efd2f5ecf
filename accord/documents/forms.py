"""The secretariat's document form: metadata, original file, text."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, DateInput
from accord.documents.models import Document


class DocumentForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"publisher": "organization", "meeting": "meeting", "version_of": "document"}

    class Meta:
        model = Document
        fields = [
            "symbol",
            "language",
            "title",
            "kind",
            "published_on",
            "publisher",
            "meeting",
            "agenda_item",
            "version_of",
            "source_url",
            "confidentiality",
            "original",
            "text",
        ]
        widgets = {"published_on": DateInput(), "text": forms.Textarea(attrs={"rows": 8})}

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        limit = settings.ACCORD_MAX_UPLOAD_BYTES
        if upload and getattr(upload, "size", 0) > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
            )
        return upload
