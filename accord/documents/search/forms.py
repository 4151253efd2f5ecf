"""The search form: the query and its filters, validated once for the page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, BoundedIntegerField, DateInput
from accord.documents.choices import DocumentKind, DocumentLanguage
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization, State


class SearchForm(BootstrapFormMixin, forms.Form):
    pickers = {"body": "body", "state": "state"}

    q = forms.CharField(label=_("Search"), required=False, max_length=500)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", "—"), *DocumentLanguage.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *DocumentKind.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    body = forms.ModelChoiceField(
        label=_("Body"),
        required=False,
        queryset=Organization.objects.filter(kind__in=[OrganizationKind.IGO, OrganizationKind.BODY]),
    )
    state = forms.ModelChoiceField(
        label=_("State"), required=False, queryset=State.objects.all(), to_field_name="iso3"
    )
    meeting = BoundedIntegerField(
        label=_("Meeting (id)"), required=False, min_value=1, widget=forms.HiddenInput
    )
    # Far beyond any real list, and small enough that the offset it makes stays a database integer.
    page = BoundedIntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            k: data.get(k)
            for k in ("language", "kind", "date_from", "date_to", "body", "state", "meeting")
            if data.get(k)
        }
