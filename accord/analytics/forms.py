"""The filters of the analytics pages (GET forms: each page works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.analytics.choices import EdgeType, Granularity, SeriesKind
from accord.core.forms import collate_choices, whole_number
from accord.core.pickers import use_pickers
from accord.meetings.choices import MeetingKind
from accord.registry.models import Organization, State

YEAR = {"min_value": 1900, "max_value": 2100, "required": False}


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, so that templates render `{{ field }}` as is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        collate_choices(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")


def _kinds() -> list[tuple[str, str]]:
    return [("", _("All kinds")), *MeetingKind.choices]


class YearRangeForm(StyledForm):
    year_from = forms.IntegerField(label=_("From year"), **YEAR)
    year_to = forms.IntegerField(label=_("To year"), **YEAR)

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The first year comes after the last one."))
        return data


class MeetingsForm(YearRangeForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=_kinds, required=False)

    def params(self) -> dict:
        d = self.cleaned_data
        return {"year_from": d.get("year_from"), "year_to": d.get("year_to"), "kind": d.get("kind") or ""}


class ParticipationForm(StyledForm):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Organization.objects.none(), required=False, empty_label=_("All bodies")
    )
    year = forms.IntegerField(label=_("Year"), **YEAR)
    kind = forms.ChoiceField(label=_("Kind"), choices=_kinds, required=False)
    # A page number out of range or mistyped shows the first page: it is a link, not something typed.
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from accord.meetings.models import Meeting

        organizing = Meeting.objects.visible_to(user).filter(body__isnull=False).values("body_id")
        self.fields["body"].queryset = Organization.objects.visible_to(user).filter(pk__in=organizing)
        use_pickers(self, body="body")

    def params(self) -> dict:
        d = self.cleaned_data
        return {
            "body": d.get("body"),
            "year": d.get("year"),
            "kind": d.get("kind") or "",
            "page": whole_number(d.get("page")) or 1,
        }


class StateCodeField(forms.ModelChoiceField):
    """A state chosen by its ISO alpha-3 code, in any case (`?state=kaz`), as the filters' links carry it."""

    def to_python(self, value):
        return super().to_python(str(value or "").strip().upper())


class NetworkForm(YearRangeForm):
    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["state"].queryset = State.objects.visible_to(user)
        use_pickers(self, state="state")

    types = forms.MultipleChoiceField(
        label=_("Cooperation"),
        choices=EdgeType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all of them."),
    )
    state = StateCodeField(
        label=_("Only the edges of a state"),
        queryset=State.objects.none(),
        to_field_name="iso3",
        required=False,
        empty_label=_("All states"),
        error_messages={"invalid_choice": _("No state has the code %(value)s.")},
    )
    min_weight = forms.IntegerField(
        label=_("At least"),
        min_value=1,
        max_value=100000,
        required=False,
        help_text=_("Leave out edges counted fewer times."),
    )

    def params(self) -> dict:
        d = self.cleaned_data
        return {
            "types": d.get("types") or None,
            "year_from": d.get("year_from"),
            "year_to": d.get("year_to"),
            "state": d.get("state"),
            "min_weight": d.get("min_weight") or 1,
        }


class TrendsForm(StyledForm):
    granularity = forms.ChoiceField(
        label=_("Per"), choices=Granularity.choices, required=False, initial=Granularity.YEAR
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The first date comes after the last one."))
        return data


class TimelineFinderForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Timeline of"),
        choices=[(k, label) for k, label in SeriesKind.choices if k != SeriesKind.QUERY],
    )
    value = forms.CharField(
        label=_("Name, code or number"),
        max_length=200,
        help_text=_("A state's ISO code or name; a body's abbreviation or name; a person's name."),
    )
