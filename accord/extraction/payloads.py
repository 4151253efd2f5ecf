"""The editable values of each kind of suggestion, as forms: one rule set for the queue and the API.

A payload is JSON (ids, ISO codes, ISO dates); `form_for()` turns it, with
any changes a curator made, into a bound form whose cleaned data the accept
services use, and `to_payload()` turns the cleaned data back into JSON to
keep what was accepted. States, organizations, people and meetings are
type-ahead pickers (`accord.core.pickers`) over what the curator may see; a
post's picker offers the people of the extracted family name first.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, DateInput
from accord.core.pickers import restrict_to_visible
from accord.documents.symbols import SymbolError, parse_symbol
from accord.extraction.choices import SuggestionKind
from accord.meetings.choices import (
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    ParticipantRole,
    ParticipationMode,
)
from accord.meetings.models import Meeting
from accord.registry.choices import OrganizationKind, PostRole
from accord.registry.models import Organization, Person, State


class StateCodesField(forms.CharField):
    """ISO alpha-3 codes separated by commas or spaces («RUS, TJK»), or a JSON list of them."""

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            value = " ".join(str(v) for v in value)
        codes = [c.strip().upper() for c in str(value or "").replace(",", " ").split() if c.strip()]
        return list(dict.fromkeys(codes))

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        codes = super().clean(value)
        states = {s.iso3: s for s in State.objects.filter(iso3__in=codes)}
        unknown = [c for c in codes if c not in states]
        if unknown:
            raise forms.ValidationError(
                _("Unknown state codes: %(codes)s.") % {"codes": ", ".join(unknown)}, code="unknown"
            )
        return [states[c] for c in codes]

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(getattr(v, "iso3", str(v)) for v in value)
        return value


def _state_field(label) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=State.objects.all(), to_field_name="iso3", required=False, label=label
    )


def _organization_field(label, required: bool = False, **kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organization.objects.all(), required=required, label=label, **kwargs
    )


class PayloadForm(BootstrapFormMixin, forms.Form):
    """Base: a form over a suggestion's payload.

    Given the `user` who decides, its record fields accept only what that
    user may see (their pickers offer no more).
    """

    date_fields: tuple[str, ...] = ()
    model_fields: dict[str, str] = {}  # model field name → payload field name, for the model's errors

    def __init__(self, *args, suggestion=None, user=None, **kwargs):
        self.suggestion = suggestion
        super().__init__(*args, **kwargs)
        if user is not None:
            restrict_to_visible(self, user, *self.pickers)

    @classmethod
    def data_from(cls, payload: dict) -> dict:
        """The form data a payload stands for (what an untouched form would post)."""
        data = {}
        for name in cls.base_fields:
            value = payload.get(name)
            if value is None:
                data[name] = ""
            elif isinstance(value, list):
                data[name] = ", ".join(str(v) for v in value)
            else:
                data[name] = str(value)
        return data

    def to_payload(self) -> dict:
        payload = {}
        for name, value in self.cleaned_data.items():
            if hasattr(value, "pk"):
                payload[name] = value.iso3 if isinstance(value, State) else value.pk
                payload[f"{name}_name"] = str(value)
            elif isinstance(value, list):
                payload[name] = [getattr(v, "iso3", v) for v in value]
            elif hasattr(value, "isoformat"):
                payload[name] = value.isoformat()
            elif (
                value in ("", None)
                and name in self.base_fields
                and isinstance(self.base_fields[name], (forms.ModelChoiceField, forms.DateField))
            ):
                payload[name] = None
            else:
                payload[name] = value
        return payload

    def check_dates(self, cleaned: dict) -> None:
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("The end date cannot be earlier than the start date."))


class MeetingPayloadForm(PayloadForm):
    kind = forms.ChoiceField(choices=MeetingKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=500, required=False, label=_("Title"))
    start_on = forms.DateField(label=_("Start date"), widget=DateInput())
    end_on = forms.DateField(required=False, label=_("End date"), widget=DateInput())
    city = forms.CharField(max_length=200, required=False, label=_("City"))
    country = _state_field(_("Country"))
    format = forms.ChoiceField(choices=MeetingFormat.choices, label=_("Format"))
    status = forms.ChoiceField(choices=MeetingStatus.choices, label=_("Status"))
    body = _organization_field(_("Organizing body"))
    participants = StateCodesField(required=False, label=_("Participating states (ISO codes)"))

    pickers = {"country": "state", "body": "organization"}
    model_fields = {"title_ru": "title", "title_en": "title", "city_ru": "city", "city_en": "city"}

    def clean(self):
        cleaned = super().clean()
        self.check_dates(cleaned)
        if cleaned.get("city") and not cleaned.get("country"):
            self.add_error("country", _("A city needs its country."))
        return cleaned


class ParticipationPayloadForm(PayloadForm):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), label=_("Meeting"))
    state = forms.ModelChoiceField(queryset=State.objects.all(), to_field_name="iso3", label=_("State"))
    role = forms.ChoiceField(choices=ParticipantRole.choices, label=_("Role"))
    mode = forms.ChoiceField(choices=ParticipationMode.choices, label=_("Mode"))

    pickers = {"meeting": "meeting", "state": "state"}


class PostPayloadForm(PayloadForm):
    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False, label=_("Person"))
    family_name = forms.CharField(max_length=200, required=False, label=_("Family name"))
    given_name = forms.CharField(max_length=200, required=False, label=_("Given name"))
    patronymic = forms.CharField(max_length=200, required=False, label=_("Patronymic"))
    organization = _organization_field(
        _("Organization"),
        required=True,
        error_messages={"required": _("Choose the organization of the post.")},
    )
    title = forms.CharField(max_length=500, label=_("Title of the post"))
    role = forms.ChoiceField(choices=PostRole.choices, label=_("Role"))
    start_on = forms.DateField(required=False, label=_("Start date"), widget=DateInput())
    end_on = forms.DateField(required=False, label=_("End date"), widget=DateInput())

    pickers = {"person": "person", "organization": "organization"}
    model_fields = {
        "title_ru": "title",
        "title_en": "title",
        "family_name_ru": "family_name",
        "family_name_en": "family_name",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].empty_label = _("a new person (the names below)")
        payload = self.suggestion.payload if self.suggestion else {}
        family = str(payload.get("family_name") or "").strip()
        if family:
            # The people of the extracted family name come first when the box opens.
            self.fields["person"].widget.first = {"family": family}

    def clean(self):
        cleaned = super().clean()
        self.check_dates(cleaned)
        if not cleaned.get("person") and not (cleaned.get("family_name") or "").strip():
            self.add_error("family_name", _("Choose a person or give the family name of a new one."))
        return cleaned


class PersonPayloadForm(PayloadForm):
    family_name = forms.CharField(max_length=200, label=_("Family name"))
    given_name = forms.CharField(max_length=200, required=False, label=_("Given name"))
    patronymic = forms.CharField(max_length=200, required=False, label=_("Patronymic"))

    model_fields = {"family_name_ru": "family_name", "family_name_en": "family_name"}


class OrganizationPayloadForm(PayloadForm):
    name = forms.CharField(max_length=500, label=_("Name"))
    abbreviation = forms.CharField(max_length=64, required=False, label=_("Abbreviation"))
    kind = forms.ChoiceField(choices=OrganizationKind.choices, label=_("Kind"))
    parent = _organization_field(_("Parent organization"))
    state = _state_field(_("State"))

    pickers = {"parent": "organization", "state": "state"}
    model_fields = {"name_ru": "name", "name_en": "name", "abbreviation_ru": "abbreviation"}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == OrganizationKind.NATIONAL_AUTHORITY and not cleaned.get("state"):
            self.add_error("state", _("A national authority belongs to a state."))
        return cleaned


class ReferencePayloadForm(PayloadForm):
    symbol = forms.CharField(max_length=120, label=_("UN symbol"))

    def clean_symbol(self) -> str:
        try:
            return parse_symbol(self.cleaned_data["symbol"]).symbol
        except SymbolError as exc:
            raise forms.ValidationError(str(exc)) from exc


class InitiativePayloadForm(PayloadForm):
    proposer = forms.CharField(max_length=300, required=False, label=_("Proposed by"))
    verb = forms.ChoiceField(
        choices=[("proposed", _("proposed")), ("supported", _("supported")), ("invited", _("invited"))],
        label=_("How"),
    )
    text = forms.CharField(max_length=500, label=_("What"), widget=forms.Textarea(attrs={"rows": 2}))


FORMS: dict[str, type[PayloadForm]] = {
    SuggestionKind.MEETING: MeetingPayloadForm,
    SuggestionKind.PARTICIPATION: ParticipationPayloadForm,
    SuggestionKind.POST: PostPayloadForm,
    SuggestionKind.PERSON: PersonPayloadForm,
    SuggestionKind.ORGANIZATION: OrganizationPayloadForm,
    SuggestionKind.REFERENCE: ReferencePayloadForm,
    SuggestionKind.INITIATIVE: InitiativePayloadForm,
}


class UnknownFieldsError(ValueError):
    """Changes name fields this kind of suggestion does not have."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(", ".join(names))


def form_for(suggestion, changes: Any = None, *, user=None) -> PayloadForm:
    """The suggestion's payload with the changes on top, as a bound form of its kind.

    `changes` is a dict or a QueryDict of field values; unknown fields raise
    `UnknownFieldsError` rather than being silently ignored. Given `user`,
    records that user may not see are refused.
    """
    form_class = FORMS[suggestion.kind]
    data = form_class.data_from(suggestion.payload or {})
    if changes:
        if not hasattr(changes, "keys"):
            raise UnknownFieldsError([str(changes)[:60]])
        unknown = sorted(k for k in changes if k not in form_class.base_fields and k != "csrfmiddlewaretoken")
        if unknown:
            raise UnknownFieldsError(unknown)
        for name in form_class.base_fields:
            if name in changes:
                value = changes.get(name) if hasattr(changes, "getlist") else changes[name]
                data[name] = (
                    value if isinstance(value, (list, tuple)) else ("" if value is None else str(value))
                )
    return form_class(data, suggestion=suggestion, user=user)


def unbound_form_for(suggestion, *, user=None) -> PayloadForm:
    """The form a curator edits, filled in with the payload."""
    form_class = FORMS[suggestion.kind]
    return form_class(
        initial=form_class.data_from(suggestion.payload or {}), suggestion=suggestion, user=user
    )
