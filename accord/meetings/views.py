"""Calendar, meeting pages, the secretariat's forms and the iCalendar feeds."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from accord.core.cache import public_page
from accord.core.history import history_for
from accord.core.roles import is_secretariat
from accord.core.views import EditPageMixin, FilteredListView
from accord.meetings import calendar as month_calendar
from accord.meetings import services
from accord.meetings.filtersets import MeetingFilterSet
from accord.meetings.forms import (
    AgendaItemForm,
    BulkParticipantsForm,
    MeetingForm,
    OutcomeForm,
    ParticipationForm,
)
from accord.meetings.ical import meetings_calendar
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation
from accord.registry.models import Organization, Person, State


def _listed(queryset):
    return queryset.select_related("body", "country")


class MeetingListView(FilteredListView):
    """The calendar as a list, newest first, with filters by body, state, kind, year and format."""

    model = Meeting
    filterset_class = MeetingFilterSet
    template_name = "meetings/meeting_list.html"

    def get_queryset(self):
        return _listed(super().get_queryset())


def meeting_month(request):
    """The calendar as a month grid; `?month=2021-12` and the list's filters."""
    first = month_calendar.parse_month(request.GET.get("month"), timezone.localdate())
    meetings = Meeting.objects.visible_to(request.user)
    filterset = MeetingFilterSet(request.GET or None, queryset=meetings, request=request)
    if filterset.is_bound and filterset.is_valid():
        meetings = filterset.qs
    latest = meetings.order_by("-start_on").values_list("start_on", flat=True).first()
    context = {
        "filterset": filterset,
        "month": first,
        "weeks": month_calendar.month_grid(first, _listed(meetings)),
        "previous_month": month_calendar.shift_month(first, -1),
        "next_month": month_calendar.shift_month(first, 1),
        "latest_month": latest.replace(day=1) if latest else None,
    }
    template = "meetings/meeting_month.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).select_related("body", "country", "parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**meeting_sections(self.request, self.object), **kwargs)


def meeting_sections(request, meeting: Meeting, **forms) -> dict:
    """Agenda, participants by role and mode, outcomes: the parts htmx swaps.

    Editing forms come only when asked for (`forms`), so that a meeting page
    does not render every person and organization into select boxes. Apps
    above (documents, cooperation, …) add their sections through `record_panel`.
    """
    user = request.user
    # A non-public person is neither listed nor named as elected for those who may not see them.
    people = Person.objects.visible_to(user)
    participations = meeting.participations.filter(
        Q(person__isnull=True) | Q(person__in=people)
    ).select_related("state", "organization", "person")
    groups: dict[tuple[str, str], list[Participation]] = {}
    for participation in participations:
        key = (participation.get_role_display(), participation.get_mode_display())
        groups.setdefault(key, []).append(participation)
    return {
        "agenda": meeting.agenda_items.all(),
        "participant_groups": sorted(groups.items()),
        "outcomes": _without_hidden_elected(
            meeting.outcomes.select_related("mandate", "agenda_item", "elected"), people
        ),
        "children": meeting.children.visible_to(user),
        "history": history_for(user, meeting),
        "can_edit": is_secretariat(user),
        **forms,
    }


def _without_hidden_elected(outcomes, people) -> list[Outcome]:
    rows = list(outcomes)
    elected = {o.elected_id for o in rows if o.elected_id}
    visible = set(people.filter(pk__in=elected).values_list("pk", flat=True)) if elected else set()
    for outcome in rows:
        if outcome.elected_id and outcome.elected_id not in visible:
            outcome.elected = None
    return rows


class MeetingCreateView(EditPageMixin, CreateView):
    model = Meeting
    form_class = MeetingForm
    list_url_name = "meetings:meeting_list"

    def save_object(self, form) -> Meeting:
        return services.create_meeting(form.instance, acting_user=self.request.user)


class MeetingUpdateView(EditPageMixin, UpdateView):
    model = Meeting
    form_class = MeetingForm

    def save_object(self, form) -> Meeting:
        return services.update_meeting(form.instance, acting_user=self.request.user)


# Inline editing of a meeting's parts: each POST answers with the section it changed.
SECTION_FORMS = {
    "agenda": (AgendaItemForm, AgendaItem, "agenda_form"),
    "participants": (ParticipationForm, Participation, "participation_form"),
    "outcomes": (OutcomeForm, Outcome, "outcome_form"),
}
SECTION_ADD = {
    "agenda": services.add_agenda_item,
    "participants": services.add_participation,
    "outcomes": services.add_outcome,
}


def _section_response(request, meeting: Meeting, section: str, **forms):
    """htmx gets the section; a plain browser the whole page (with the form, if any)."""
    context = {"meeting": meeting, **meeting_sections(request, meeting, **forms)}
    if request.htmx:
        return render(request, f"meetings/meeting_detail.html#{section}", context)
    if forms:
        return render(request, "meetings/meeting_detail.html", context)
    return redirect(meeting.get_absolute_url() + f"#{section}")


def section_form(request, pk: int, section: str):
    """The empty form of a section, fetched when the secretariat clicks “Add”."""
    meeting = _editable_meeting(request, pk, section)
    form_class, _model, form_name = SECTION_FORMS[section]
    return _section_response(request, meeting, section, **{form_name: form_class(meeting=meeting)})


@require_POST
def section_add(request, pk: int, section: str):
    meeting = _editable_meeting(request, pk, section)
    form_class, _model, form_name = SECTION_FORMS[section]
    form = form_class(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            SECTION_ADD[section](form.instance, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if section == "agenda" and request.htmx:
                # An agenda is entered item after item: the form stays, empty, with the next number.
                return _section_response(
                    request, meeting, section, agenda_form=AgendaItemForm(meeting=meeting)
                )
            return _section_response(request, meeting, section)
    return _section_response(request, meeting, section, **{form_name: form})


def participants_bulk(request, pk: int):
    """Many participants at once: states and bodies picked, names pasted; unresolved names decided here."""
    meeting = _editable_meeting(request, pk, "participants")
    if request.method != "POST":
        form = BulkParticipantsForm(meeting=meeting, user=request.user)
        return _section_response(request, meeting, "participants", bulk_form=form)
    form = BulkParticipantsForm(request.POST, meeting=meeting, user=request.user)
    if form.is_valid():
        try:
            added = services.add_participants(meeting, acting_user=request.user, **form.participants())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _section_response(request, meeting, "participants", added_count=len(added))
    return _section_response(request, meeting, "participants", bulk_form=form)


@require_POST
def agenda_move(request, pk: int, item_pk: int, direction: str):
    """Move an agenda item one place up or down; the service renumbers the agenda."""
    meeting = _editable_meeting(request, pk, "agenda")
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    if direction not in ("up", "down"):
        raise Http404
    place = services.agenda_place(item) + (-1 if direction == "up" else 1)
    services.move_agenda_item(item, to=max(place, 1), acting_user=request.user)
    return _section_response(request, meeting, "agenda")


@require_POST
def section_delete(request, pk: int, section: str, item_pk: int):
    meeting = _editable_meeting(request, pk, section)
    _form_class, model, _form_name = SECTION_FORMS[section]
    part = get_object_or_404(model, pk=item_pk, meeting=meeting)
    services.remove_meeting_part(part, acting_user=request.user)
    return _section_response(request, meeting, section)


def _editable_meeting(request, pk: int, section: str) -> Meeting:
    if section not in SECTION_FORMS:
        raise Http404
    if not is_secretariat(request.user):
        raise PermissionDenied
    return get_object_or_404(Meeting, pk=pk)


def _feed(request, meetings, name: str) -> HttpResponse:
    """The feed, or 304 when nothing changed since the client's last poll (ETag)."""
    stats = meetings.aggregate(latest=Max("updated_at"), count=Count("id"))
    key = f"{stats['latest']}|{stats['count']}|{name}|{translation.get_language()}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    etag = f'"{digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    body = meetings_calendar(
        meetings.select_related("body", "country").order_by("start_on"),
        name=name,
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="accord.ics"'
    response["ETag"] = etag
    return response


def feed_all(request):
    return _feed(request, Meeting.objects.visible_to(request.user), _("Accord: all meetings"))


def feed_body(request, pk: int):
    body = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    meetings = Meeting.objects.visible_to(request.user).of_body(body)
    return _feed(request, meetings, _("Accord: %(body)s") % {"body": body.abbreviation or body.name})


def feed_state(request, iso3: str):
    state = get_object_or_404(State.objects.visible_to(request.user), iso3=iso3.upper())
    meetings = Meeting.objects.visible_to(request.user).of_state(state)
    return _feed(request, meetings, _("Accord: %(state)s") % {"state": state.name})


def feeds_for(organization=None, state=None) -> str:
    """The address of the feed a profile page offers."""
    if organization is not None:
        return reverse("meetings:feed_body", kwargs={"pk": organization.pk})
    if state is not None:
        return reverse("meetings:feed_state", kwargs={"iso3": state.iso3})
    return reverse("meetings:feed_all")


meeting_list = MeetingListView.as_view()
meeting_detail = public_page(MeetingDetailView.as_view())
meeting_create = MeetingCreateView.as_view()
meeting_update = MeetingUpdateView.as_view()
