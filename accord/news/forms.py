"""The secretariat's news forms: the bilingual item, publication, a file, a link added by hand."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accord.core.forms import collate_choices
from accord.core.pickers import use_pickers
from accord.meetings.models import Meeting
from accord.news.models import LINK_TARGET, NewsItem
from accord.news.services import EDITABLE_FIELDS
from accord.news.validators import ATTACHMENT_EXTENSIONS, IMAGE_EXTENSIONS, validate_attachment
from accord.registry.models import Organization, Person, State


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "lead_ru": forms.Textarea(attrs={"rows": 3}),
            "lead_en": forms.Textarea(attrs={"rows": 3}),
            "body_ru": forms.Textarea(attrs={"rows": 14}),
            "body_en": forms.Textarea(attrs={"rows": 14}),
            "lead_image": forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{e}" for e in IMAGE_EXTENSIONS)}
            ),
        }
        help_texts = {
            "body_ru": _(
                "HTML: paragraphs, emphasis, lists, links, headings h2–h4, quotes and tables are kept."
            ),
            "body_en": _(
                "HTML: paragraphs, emphasis, lists, links, headings h2–h4, quotes and tables are kept."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collate_choices(self)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Publication time"),
        required=False,
        help_text=_("Empty: now. A time to come schedules the item."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        validators=[validate_attachment],
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ",".join(f".{e}" for e in ATTACHMENT_EXTENSIONS)}
        ),
    )
    title_ru = forms.CharField(
        label=_("Title (Russian)"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    title_en = forms.CharField(
        label=_("Title (English)"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def _record_field(label, empty_label, queryset) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        empty_label=empty_label,
        queryset=queryset,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class LinkForm(forms.Form):
    """One record to link, of any of the four kinds."""

    state = _record_field(_("State"), _("— a state —"), State.objects.order_by("name_ru"))
    organization = _record_field(
        _("Organization"), _("— an organization —"), Organization.objects.order_by("name_ru")
    )
    person = _record_field(_("Person"), _("— a person —"), Person.objects.order_by("family_name_ru"))
    meeting = _record_field(_("Meeting"), _("— a meeting —"), Meeting.objects.order_by("-start_on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collate_choices(self)
        # Typed, not scrolled: a picker for each kind (accord.core.pickers) offers any record by name.
        use_pickers(self, state="state", organization="organization", person="person", meeting="meeting")

    def clean(self):
        data = super().clean()
        chosen = [data[name] for name in LINK_TARGET.fields if data.get(name)]
        if len(chosen) != 1:
            raise ValidationError(LINK_TARGET.message)
        data["target"] = chosen[0]
        return data
