"""Filters of instruments and mandates, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.filtersets import AccordFilterSet, IntegerFilter, SearchFilterSet
from accord.instruments.choices import InstrumentKind, MandateKind, PartyStatus, ProvisionKind
from accord.instruments.models import Instrument, Mandate, Party, Provision


class InstrumentFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=InstrumentKind.choices, label=_("Kind"))
    party = django_filters.CharFilter(
        field_name="parties__state__iso3", lookup_expr="iexact", label=_("Party (ISO code)"), distinct=True
    )

    class Meta:
        model = Instrument
        fields = ["q", "kind", "party"]


class ProvisionFilterSet(SearchFilterSet):
    instrument = django_filters.CharFilter(field_name="instrument__slug", label=_("Instrument (key)"))
    kind = django_filters.ChoiceFilter(choices=ProvisionKind.choices, label=_("Kind"))
    parent_id = IntegerFilter(field_name="parent_id", label=_("Part of (id)"))

    class Meta:
        model = Provision
        fields = ["q", "instrument", "kind", "parent_id"]


class PartyFilterSet(AccordFilterSet):
    instrument = django_filters.CharFilter(field_name="instrument__slug", label=_("Instrument (key)"))
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO code)")
    )
    status = django_filters.ChoiceFilter(choices=PartyStatus.choices, label=_("Status"))
    regional_group = django_filters.CharFilter(
        field_name="state__regional_group__code", label=_("Regional group")
    )

    class Meta:
        model = Party
        fields = ["instrument", "state", "status", "regional_group"]


class MandateFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=MandateKind.choices, label=_("Kind"))
    body = IntegerFilter(field_name="body_id", label=_("Body (id)"))
    session = IntegerFilter(field_name="session_number", label=_("Session"))
    number = django_filters.CharFilter(field_name="number", label=_("Number"))
    instrument = django_filters.CharFilter(
        field_name="instruments__slug", label=_("Instrument (key)"), distinct=True
    )

    class Meta:
        model = Mandate
        fields = ["q", "kind", "body", "session", "number", "instrument"]
