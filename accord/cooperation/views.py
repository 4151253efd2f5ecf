"""Pages of initiatives and agreements, and the secretariat's forms (htmx sections on the detail pages)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from accord.cooperation.filtersets import AgreementFilterSet, InitiativeFilterSet
from accord.cooperation.forms import (
    AgreementForm,
    AgreementPartyForm,
    InitiativeForm,
    InitiativeStepForm,
    InitiativeSupportForm,
    PlannedActivityForm,
)
from accord.cooperation.models import Agreement, Initiative
from accord.cooperation.services import add_initiative_support, create_initiative, record_initiative_step
from accord.core.history import history_for
from accord.core.roles import is_secretariat
from accord.core.views import EditPageMixin, FilteredListView


class InitiativeListView(FilteredListView):
    """Initiatives, newest first, by proposing state, status, topic, year and meeting."""

    model = Initiative
    filterset_class = InitiativeFilterSet
    template_name = "cooperation/initiative_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("proposer_state", "proposer_organization", "proposer_person", "meeting__body")
        )


class InitiativeDetailView(DetailView):
    template_name = "cooperation/initiative_detail.html"
    context_object_name = "initiative"

    def get_queryset(self):
        return Initiative.objects.visible_to(self.request.user).select_related(
            "proposer_state", "proposer_organization", "proposer_person", "meeting"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**initiative_sections(self.request, self.object), **kwargs)


def initiative_sections(request, initiative: Initiative, **forms) -> dict:
    """Timeline, supporters and documents: the parts htmx swaps."""
    from accord.documents.models import Document

    user = request.user
    return {
        "steps": initiative.steps.select_related("mandate", "recorded_by").prefetch_related("documents"),
        "supports": initiative.supports.select_related("state", "organization", "person", "meeting"),
        "documents": Document.objects.visible_to(user).filter(initiatives=initiative),
        "history": history_for(user, initiative),
        "can_edit": is_secretariat(user),
        **forms,
    }


class InitiativeCreateView(EditPageMixin, CreateView):
    model = Initiative
    form_class = InitiativeForm
    list_url_name = "cooperation:initiative_list"

    def form_valid(self, form):
        try:
            self.object = create_initiative(form.instance, acting_user=self.request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return redirect(self.object.get_absolute_url())


class InitiativeUpdateView(EditPageMixin, UpdateView):
    model = Initiative
    form_class = InitiativeForm


def _respond(request, template: str, section: str, obj, context: dict, has_form: bool):
    """htmx gets the section; a plain browser the whole page (with the form, if any)."""
    if request.htmx:
        return render(request, f"{template}#{section}", context)
    if has_form:
        return render(request, template, context)
    return redirect(obj.get_absolute_url() + f"#{section}")


def _secretariat_only(request) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


def _initiative_form(request, initiative: Initiative, section: str, data=None):
    if section == "steps":
        return "step_form", InitiativeStepForm(data, initiative=initiative, user=request.user)
    if section == "supporters":
        return "support_form", InitiativeSupportForm(data, initiative=initiative)
    raise Http404


def initiative_section(request, pk: int, section: str):
    """GET: the empty form of a section; POST: add a step or a supporter through the services."""
    _secretariat_only(request)
    initiative = get_object_or_404(Initiative, pk=pk)
    form_name, form = _initiative_form(
        request, initiative, section, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            if section == "steps":
                record_initiative_step(initiative, acting_user=request.user, **form.cleaned_data)
            else:
                add_initiative_support(form.instance, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            initiative.refresh_from_db()
            context = {"initiative": initiative, **initiative_sections(request, initiative)}
            return _respond(
                request, "cooperation/initiative_detail.html", section, initiative, context, False
            )
    context = {"initiative": initiative, **initiative_sections(request, initiative, **{form_name: form})}
    return _respond(request, "cooperation/initiative_detail.html", section, initiative, context, True)


class AgreementListView(FilteredListView):
    """Agreements, latest signed first, by party state, kind, status and year."""

    model = Agreement
    filterset_class = AgreementFilterSet
    template_name = "cooperation/agreement_list.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("parties__state", "parties__organization")


class AgreementDetailView(DetailView):
    template_name = "cooperation/agreement_detail.html"
    context_object_name = "agreement"

    def get_queryset(self):
        return Agreement.objects.visible_to(self.request.user).select_related("signed_at_meeting")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**agreement_sections(self.request, self.object), **kwargs)


def agreement_sections(request, agreement: Agreement, **forms) -> dict:
    from accord.documents.models import Document

    user = request.user
    return {
        "parties": agreement.parties.select_related("state", "organization"),
        "activities": agreement.activities.select_related("meeting"),
        "documents": Document.objects.visible_to(user).filter(agreements=agreement),
        "history": history_for(user, agreement),
        "can_edit": is_secretariat(user),
        **forms,
    }


class AgreementCreateView(EditPageMixin, CreateView):
    model = Agreement
    form_class = AgreementForm
    list_url_name = "cooperation:agreement_list"


class AgreementUpdateView(EditPageMixin, UpdateView):
    model = Agreement
    form_class = AgreementForm


AGREEMENT_SECTIONS = {
    "parties": (AgreementPartyForm, "party_form"),
    "activities": (PlannedActivityForm, "activity_form"),
}


def agreement_section(request, pk: int, section: str):
    """GET: the empty form of a section; POST: add a party or a planned activity."""
    _secretariat_only(request)
    if section not in AGREEMENT_SECTIONS:
        raise Http404
    agreement = get_object_or_404(Agreement, pk=pk)
    form_class, form_name = AGREEMENT_SECTIONS[section]
    form = form_class(request.POST if request.method == "POST" else None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        form.save()
        context = {"agreement": agreement, **agreement_sections(request, agreement)}
        return _respond(request, "cooperation/agreement_detail.html", section, agreement, context, False)
    context = {"agreement": agreement, **agreement_sections(request, agreement, **{form_name: form})}
    return _respond(request, "cooperation/agreement_detail.html", section, agreement, context, True)


@require_POST
def agreement_section_delete(request, pk: int, section: str, item_pk: int):
    _secretariat_only(request)
    agreement = get_object_or_404(Agreement, pk=pk)
    manager = {"parties": agreement.parties, "activities": agreement.activities}.get(section)
    if manager is None:
        raise Http404
    get_object_or_404(manager.all(), pk=item_pk).delete()
    context = {"agreement": agreement, **agreement_sections(request, agreement)}
    return _respond(request, "cooperation/agreement_detail.html", section, agreement, context, False)


initiative_list = InitiativeListView.as_view()
initiative_detail = InitiativeDetailView.as_view()
initiative_create = InitiativeCreateView.as_view()
initiative_update = InitiativeUpdateView.as_view()
agreement_list = AgreementListView.as_view()
agreement_detail = AgreementDetailView.as_view()
agreement_create = AgreementCreateView.as_view()
agreement_update = AgreementUpdateView.as_view()
