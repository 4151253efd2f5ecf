"""Forms of the register: the secretariat's recommendation form, progress reports and assessments."""

from django import forms
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _

from accord.core.forms import collate_choices, limit_file_count
from accord.documents.models import Document
from accord.followup.choices import Status, Theme
from accord.followup.models import Recommendation
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization


class RecommendationForm(forms.ModelForm):
    """What the secretariat records; the status is not here because the history keeps it."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collate_choices(self)
        self.fields["authority"].queryset = Organization.objects.filter(
            kind=OrganizationKind.NATIONAL_AUTHORITY
        ).select_related("state")
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
    """A focal point's report on what the state did."""

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
        documents = Document.objects.visible_to(user)
        if recommendation is not None:
            # The evidence is most often the addressee state's own: its documents come first.
            documents = documents.annotate(
                own=Case(When(publisher__state_id=recommendation.state_id, then=Value(0)), default=Value(1))
            ).order_by("own", F("published_on").desc(nulls_last=True), "-pk")
        else:
            documents = documents.order_by("-pk")
        self.fields["documents"].queryset = documents


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
