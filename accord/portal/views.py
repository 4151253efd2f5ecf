"""The public portal's pages: home, bodies, states, people, calendar, robots.txt.

Anonymous visitors get them from the cache (`public_page`); everything they
show is read through `visible_to(request.user)` in `profiles`.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.cache import public_page, shared_fragment
from accord.core.forms import whole_number
from accord.core.history import history_for
from accord.core.roles import is_member_user
from accord.meetings import calendar as month_calendar
from accord.meetings.models import Meeting
from accord.portal import profiles
from accord.portal.addresses import body_key, body_url, person_slug, person_url
from accord.portal.search import EverythingForm, search_everything
from accord.registry import views as registry_views
from accord.registry.models import Organization, State

CALENDAR_PAGE_SIZE = 100
CALENDAR_SHORT = 30


@public_page
def home(request):
    """Upcoming and recent meetings, latest news and documents, ways into the directory."""
    context = profiles.home(request.user, profiles.today())
    context.update(
        news_list_url=reverse("news:news_list"),
        opendata_url=reverse("portal:opendata"),
        analytics_url=reverse("analytics:index") if is_member_user(request.user) else None,
    )
    return render(request, "portal/home.html", context)


def _members_extras(request, obj) -> dict:
    """What members see beside the public profile: other names and the change history (nothing for the public)."""
    if not is_member_user(request.user):
        return {}
    return {
        "aliases": obj.aliases.order_by("language", "text"),
        "history": history_for(request.user, obj),
    }


def registry_state(request, iso3: str):
    """/registry/states/KAZ/ is the portal's /states/kaz/: a state has one page."""
    state = get_object_or_404(State.objects.visible_to(request.user), iso3=iso3.upper())
    return redirect("portal:state_detail", iso3=state.iso3.lower())


def registry_organization(request, pk: int):
    """A body's one page is the portal's; a national authority keeps its registry page."""
    body = profiles.bodies(request.user).filter(pk=pk).first()
    if body is None:
        return registry_views.organization_detail(request, pk=pk)
    return redirect(body_url(body))


def registry_person(request, pk: int):
    """A person with a post the reader may see has the portal's page; anyone else keeps the registry's."""
    person = profiles.public_people(request.user).filter(pk=pk).first()
    if person is None:
        return registry_views.person_detail(request, pk=pk)
    return redirect(person_url(person))


def search(request):
    """One search box for everything: names first, then documents and news (never cached: per query)."""
    form = EverythingForm(request.GET)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = search_everything(request.user, form.cleaned_data["q"], page=form.cleaned_data["page"] or 1)
    return render(request, "portal/search.html", {"form": form, "results": results})


@public_page
def body_list(request):
    """The directory of intergovernmental bodies, each with its sub-bodies."""
    return render(request, "portal/body_list.html", {"roots": profiles.body_tree(request.user)})


def _body(request, key: str) -> Organization:
    found = profiles.bodies(request.user)
    body = found.filter(slug=key).first()
    if body is None and (pk := whole_number(key)) is not None:
        body = found.filter(pk=pk, slug__isnull=True).first()
    if body is None:
        raise Http404
    return body


@public_page
def body_detail(request, key: str):
    body = _body(request, key)
    context = profiles.body_profile(request.user, body, profiles.today())
    context.update(body=body, body_key=body_key(body), **_members_extras(request, body))
    return render(request, "portal/body_detail.html", context)


@public_page
def state_list(request):
    states = (
        State.objects.visible_to(request.user).select_related("regional_group").order_by(profiles.by_name())
    )
    return render(request, "portal/state_list.html", {"states": states})


@public_page
def state_detail(request, iso3: str):
    if iso3 != iso3.lower():
        return redirect("portal:state_detail", iso3=iso3.lower(), permanent=True)
    state = get_object_or_404(
        State.objects.visible_to(request.user).select_related("regional_group"), iso3=iso3.upper()
    )
    context = profiles.state_profile(request.user, state, profiles.today())
    context.update(state=state, **_members_extras(request, state))
    return render(request, "portal/state_detail.html", context)


@public_page
def person_detail(request, pk: int, slug: str = ""):
    """A person with their public posts; without any, the page does not exist."""
    person = get_object_or_404(profiles.public_people(request.user), pk=pk)
    if slug != person_slug(person):
        return redirect("portal:person_detail", pk=person.pk, slug=person_slug(person), permanent=True)
    context = profiles.person_profile(request.user, person, profiles.today())
    context.update(person=person, **_members_extras(request, person))
    return render(request, "portal/person_detail.html", context)


class CalendarFilter(forms.Form):
    """Which meetings the calendar lists: one body's (sub-bodies included), one year's."""

    body = forms.ChoiceField(label=_("Body"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, bodies, years):
        super().__init__(data)
        self.bodies = {body_key(b): b for b in bodies}
        self.fields["body"].choices = [("", _("All bodies"))] + [(k, b.name) for k, b in self.bodies.items()]
        self.fields["year"].choices = [("", _("Upcoming and recent"))] + [(y, y) for y in years]


def _calendar_choices(user) -> tuple[list[Organization], list[int]]:
    """The calendar filter's bodies (by name) and years (the latest first), alike on all its addresses."""
    span = Meeting.objects.visible_to(user).aggregate(first=Min("start_on"), last=Max("start_on"))
    years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
    return list(profiles.bodies(user).order_by(profiles.by_name())), years


@public_page
def calendar(request):
    """Meetings by month: upcoming and recent ones, a whole year, or one month as a grid (`?view=month&month=2025-10`); per body; with its iCalendar feed."""
    user = request.user
    meetings = profiles.calendar_meetings(user)
    bodies, years = shared_fragment("calendar-filter", lambda: _calendar_choices(user), user=user)
    form = CalendarFilter(request.GET or None, bodies=bodies, years=years)
    body = year = None
    if form.is_bound and form.is_valid():
        body = form.bodies.get(form.cleaned_data["body"])
        year = form.cleaned_data["year"]
    if body is not None:
        meetings = meetings.filter(body_id__in=profiles.subtree_ids(user, body))
    today = profiles.today()
    context = {"form": form, "body": body, "year": year, "view_mode": "list"}
    if request.GET.get("view") == "month":
        first = month_calendar.parse_month(
            request.GET.get("month") or (f"{year}-01" if year else None), today
        )
        context.update(
            view_mode="month",
            month=first,
            weeks=month_calendar.month_grid(first, meetings),
            previous_month=month_calendar.shift_month(first, -1),
            next_month=month_calendar.shift_month(first, 1),
        )
    elif year:
        page = Paginator(meetings.filter(start_on__year=year).order_by("start_on", "pk"), CALENDAR_PAGE_SIZE)
        context["page_obj"] = page.get_page(request.GET.get("page"))
        context["year_months"] = profiles.by_month(context["page_obj"].object_list)
    else:
        context["upcoming_months"] = profiles.by_month(profiles.upcoming(meetings, today)[:CALENDAR_SHORT])
        context["past_months"] = profiles.by_month(profiles.past(meetings, today)[:CALENDAR_SHORT])
    if body is not None:
        context["feed_url"] = reverse("meetings:feed_body", kwargs={"pk": body.pk})
    else:
        context["feed_url"] = reverse("meetings:feed_all")
    return render(request, "portal/calendar.html", context)


def robots_txt(request):
    """Crawlers may read the portal, not the workspace, the API or the admin."""
    lines = [
        "User-agent: *",
        "Disallow: /workspace/",
        "Disallow: /api/",
        "Disallow: /admin/",
        "Disallow: /login/",
        "Disallow: /language/",
        "Disallow: /requests/",
        "Disallow: /extraction/",
        "Disallow: /documents/search/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap_index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
