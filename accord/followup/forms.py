"""Forms of the register: the secretariat's recommendation form, progress reports and assessments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import collate_choices, limit_file_count
from accord.core.pickers import restrict_to_visible, use_pickers
from accord.documents.models import Document
from accord.followup.choices import Status, Theme
from accord.followup.models import Recommendation
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization

#: The fields of the recommendation form chosen by typing, with the kind of each (`accord.core.pickers`).
RECOMMENDATION_PICKERS = {
    "body": "body",
    "document": "document",
    "meeting": "meeting",
    "state": "state",
    "authority": "authority",
}


class RecommendationForm(forms.ModelForm):
    """What the secretariat records; the status is not here because the history keeps it.

    States, bodies, authorities, documents and meetings are type-ahead pickers
    offering what `user` may see; the addressee's own authorities come first.
    """

    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, required=False, widget=forms.SelectMultiple
    )

    class Meta:
        model = Recommendation
        fields = [
            "source_kind",
            "source_title_ru",
            "source_title_en",
            "body",
            "document",
            "meeting",
            "state",
            "authority",
            "themes",
            "provisions",
            "text_ru",
            "text_en",
            "priority",
            "due_on",
            "confidentiality",
        ]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        collate_choices(self)
        self.fields["authority"].queryset = Organization.objects.filter(
            kind=OrganizationKind.NATIONAL_AUTHORITY
        ).select_related("state")
        restrict_to_visible(self, user, *RECOMMENDATION_PICKERS)
        use_pickers(self, **RECOMMENDATION_PICKERS)
        if self.instance.state_id:
            self.fields["authority"].widget.first = {"state": self.instance.state_id}
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in limit_file_count(list(data))]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    """A focal point's report on what the state did.

    The evidence is chosen by typing among the documents the reporter may
    see, the addressee state's own first (its organizations published them).
    """

    status = forms.ChoiceField(
        label=_("Status"), choices=Status.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    text = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"})
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select"}),
    )
    files = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args, user=None, recommendation: Recommendation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = Document.objects.visible_to(user)
        use_pickers(self, documents="document")
        if recommendation is not None:
            # The evidence is most often the addressee state's own: the picker offers its documents first.
            self.fields["documents"].widget.first = {"state": recommendation.state_id}


class AssessmentForm(forms.Form):
    """The secretariat agrees with a report or sets another status, saying why."""

    status = forms.ChoiceField(
        label=_("Assessed status"),
        choices=[("", _("Agree with the reported status")), *Status.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
