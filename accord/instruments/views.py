"""Instrument pages (provisions and parties) and mandate pages."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from accord.core.collation import by_name
from accord.core.history import history_for
from accord.core.views import FilteredListView
from accord.instruments.choices import PartyStatus
from accord.instruments.filtersets import InstrumentFilterSet, MandateFilterSet
from accord.instruments.models import Instrument, Mandate


class InstrumentListView(FilteredListView):
    model = Instrument
    filterset_class = InstrumentFilterSet
    template_name = "instruments/instrument_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("parent", "organization")
            .annotate(party_count=Count("parties", filter=Q(parties__status=PartyStatus.PARTY)))
            .order_by("adopted_on", "name_en")
        )


class InstrumentDetailView(DetailView):
    template_name = "instruments/instrument_detail.html"
    context_object_name = "instrument"

    def get_object(self, queryset=None) -> Instrument:
        instruments = Instrument.objects.visible_to(self.request.user).select_related(
            "parent", "organization"
        )
        return get_object_or_404(instruments, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        instrument = self.object
        provisions = list(instrument.provisions.all())
        children: dict[int | None, list] = {}
        for provision in provisions:
            children.setdefault(provision.parent_id, []).append(provision)
        outline = [(p, children.get(p.pk, [])) for p in children.get(None, [])]
        parties = instrument.parties.select_related("state", "state__regional_group").order_by(
            by_name("state__"), "pk"
        )
        return super().get_context_data(
            outline=outline,
            parties=parties,
            party_count=sum(1 for p in parties if p.status == PartyStatus.PARTY),
            supplements=instrument.supplements.all(),
            mandates=instrument.mandates.select_related("body"),
            establishes=instrument.establishes.all(),
            history=history_for(self.request.user, instrument),
            **kwargs,
        )


class MandateListView(FilteredListView):
    model = Mandate
    filterset_class = MandateFilterSet
    template_name = "instruments/mandate_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("body")
            .order_by(by_name("body__"), "-session_number", "number")
        )


class MandateDetailView(DetailView):
    template_name = "instruments/mandate_detail.html"
    context_object_name = "mandate"

    def get_queryset(self):
        return Mandate.objects.visible_to(self.request.user).select_related("body")

    def get_context_data(self, **kwargs):
        mandate = self.object
        return super().get_context_data(
            establishes=mandate.establishes.all(),
            instruments=mandate.instruments.all(),
            # Through the reverse relation: instruments do not import the meetings app above them.
            adopted_at=mandate.outcomes.visible_to(self.request.user).select_related("meeting"),
            history=history_for(self.request.user, mandate),
            **kwargs,
        )


instrument_list = InstrumentListView.as_view()
instrument_detail = InstrumentDetailView.as_view()
mandate_list = MandateListView.as_view()
mandate_detail = MandateDetailView.as_view()
