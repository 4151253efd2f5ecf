"""Analytics pages: each parses its filters, asks `figures`/`timelines`/`trends`, renders or sends CSV."""

from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accord.analytics import figures, timelines, trends
from accord.analytics.access import member_required
from accord.analytics.choices import Granularity, SeriesKind
from accord.analytics.exports import figure_csv
from accord.analytics.forms import (
    MeetingsForm,
    NetworkForm,
    ParticipationForm,
    TimelineFinderForm,
    TrendsForm,
)
from accord.registry.models import Organization, Person, State


def _wants_csv(request) -> bool:
    return request.GET.get("format") == "csv"


def _invalid(form) -> HttpResponseBadRequest:
    messages = [str(m) for errors in form.errors.values() for m in errors]
    return HttpResponseBadRequest("\n".join(messages), content_type="text/plain; charset=utf-8")


def _csv_query(request) -> str:
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


def _page(request, template: str, form, figure, filename: str, **context):
    if _wants_csv(request):
        return figure_csv(filename, figure) if figure is not None else _invalid(form)
    return render(
        request, template, {"form": form, "figure": figure, "csv_query": _csv_query(request), **context}
    )


@member_required
def index(request):
    return render(request, "analytics/index.html", {"finder": TimelineFinderForm()})


@member_required
def meetings(request):
    form = MeetingsForm(request.GET)
    figure = figures.meetings_per_body_year(request.user, **form.params()) if form.is_valid() else None
    return _page(request, "analytics/meetings.html", form, figure, "meetings-per-body-and-year")


@member_required
def participation(request):
    form = ParticipationForm(request.GET, user=request.user)
    figure = figures.participation_matrix(request.user, **form.params()) if form.is_valid() else None
    query = request.GET.copy()
    query.pop("page", None)
    return _page(
        request, "analytics/participation.html", form, figure, "participation", page_query=query.urlencode()
    )


@member_required
def network(request):
    form = NetworkForm(request.GET, user=request.user)
    figure = figures.cooperation_network(request.user, **form.params()) if form.is_valid() else None
    return _page(request, "analytics/network.html", form, figure, "cooperation-network")


@member_required
def timeline(request):
    """The finder: a state, body or person by name or code, then its timeline."""
    form = TimelineFinderForm(request.GET or None)
    if form.is_valid():
        try:
            series = trends.resolve(request.user, form.cleaned_data["kind"], form.cleaned_data["value"])
        except trends.SeriesError as exc:
            form.add_error("value", str(exc))
        else:
            return redirect(_timeline_url(series))
    return render(request, "analytics/timeline_finder.html", {"form": form})


def _timeline_url(series: trends.Series) -> str:
    from django.urls import reverse

    if series.kind == SeriesKind.STATE:
        return reverse("analytics:timeline_state", kwargs={"iso3": series.record.iso3})
    return reverse(f"analytics:timeline_{series.kind}", kwargs={"pk": series.record.pk})


def _timeline(request, subject, kind: str, collector: timelines.Collector, filename: str):
    figure = timelines.timeline(collector.events, collector.cut)
    if _wants_csv(request):
        return figure_csv(filename, figure)
    return render(
        request,
        "analytics/timeline.html",
        {
            "subject": subject,
            "subject_kind": kind,
            "trend_value": subject.iso3 if kind == SeriesKind.STATE else subject.pk,
            "figure": figure,
            "csv_query": _csv_query(request),
        },
    )


@member_required
def timeline_state(request, iso3: str):
    state = get_object_or_404(State.objects.visible_to(request.user), iso3=iso3.upper())
    events = timelines.state_events(request.user, state)
    return _timeline(request, state, SeriesKind.STATE, events, f"timeline-{state.iso3}")


@member_required
def timeline_organization(request, pk: int):
    organization = get_object_or_404(Organization.objects.visible_to(request.user), pk=pk)
    events = timelines.organization_events(request.user, organization)
    return _timeline(request, organization, SeriesKind.ORGANIZATION, events, f"timeline-organization-{pk}")


@member_required
def timeline_person(request, pk: int):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    events = timelines.person_events(request.user, person)
    return _timeline(request, person, SeriesKind.PERSON, events, f"timeline-person-{pk}")


def _series_rows(request) -> list[tuple[str, str]]:
    """The (kind, value) pairs typed in the form's rows; empty rows are skipped."""
    kinds, values = request.GET.getlist("kind"), request.GET.getlist("value")
    pairs = [(k, v.strip()) for k, v in zip(kinds, values, strict=False) if v.strip()]
    return pairs


@member_required
def mention_trends(request):
    form = TrendsForm(request.GET)
    pairs = _series_rows(request)
    errors, series = [], []
    if len(pairs) > trends.MAX_SERIES:
        errors.append(
            _("At most {n} series are compared; the first {n} are shown.").format(n=trends.MAX_SERIES)
        )
        pairs = pairs[: trends.MAX_SERIES]
    for kind, value in pairs:
        try:
            series.append(trends.resolve(request.user, kind, value))
        except trends.SeriesError as exc:
            errors.append(str(exc))
    figure = None
    if form.is_valid() and series:
        figure = trends.mention_trends(
            request.user,
            series,
            granularity=form.cleaned_data.get("granularity") or Granularity.YEAR,
            date_from=form.cleaned_data.get("date_from"),
            date_to=form.cleaned_data.get("date_to"),
        )
    if _wants_csv(request) and figure is None:
        text = "\n".join(errors) or _("Choose at least one record or query.")
        if not form.is_valid():
            return _invalid(form)
        return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
    rows = pairs + [("", "")] * (trends.MAX_SERIES - len(pairs))
    return _page(
        request,
        "analytics/trends.html",
        form,
        figure,
        "mention-trends",
        series_errors=errors,
        series_rows=rows,
        series_kinds=SeriesKind.choices,
    )
