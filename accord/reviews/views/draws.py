"""The drawing of lots of a cycle: the secretariat draws and redraws, every member reads the audit trail."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accord.core.forms import BootstrapFormMixin
from accord.core.roles import is_member_user
from accord.reviews import draws, services
from accord.reviews.choices import DrawKind, Phase
from accord.reviews.models import CountryReview, Cycle, Draw, ReviewerAssignment
from accord.reviews.permissions import can_manage


class SelectionForm(BootstrapFormMixin, forms.Form):
    seed = forms.CharField(
        label=gettext_lazy("Seed"),
        required=False,
        max_length=draws.SEED_LENGTH,
        help_text=gettext_lazy("Empty: a random seed, recorded with the draw."),
    )
    late = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReviewerDrawForm(BootstrapFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    seed = forms.CharField(label=gettext_lazy("Seed"), required=False, max_length=draws.SEED_LENGTH)

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years


class RedrawForm(BootstrapFormMixin, forms.Form):
    review = forms.IntegerField(widget=forms.HiddenInput)
    exceptional = forms.BooleanField(label=gettext_lazy("Exceptional circumstances"), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=2000)


def _cycle(pk: int) -> Cycle:
    return get_object_or_404(Cycle.objects.select_related("mechanism"), pk=pk)


def _reader(request) -> HttpResponse | None:
    """Draws are members' reading: the anonymous sign in first, users without a role find nothing."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_member_user(request.user):
        raise Http404
    return None


def _year_choices(cycle: Cycle, waiting: dict[int, int]) -> list[tuple[int, str]]:
    return [
        (year, _("{year}: {count} waiting").format(year=year, count=waiting.get(year, 0)))
        for year in draws.draw_years(cycle)
    ]


def _redraw_rows(cycle: Cycle) -> list[dict]:
    active = ReviewerAssignment.objects.filter(replaced_by__isnull=True).select_related("state")
    reviews = (
        CountryReview.objects.filter(cycle=cycle, phase=Phase.ASSIGNED)
        .select_related("state")
        .annotate(redraw_count=Count("redraws", distinct=True))
        .prefetch_related(Prefetch("reviewers", queryset=active, to_attr="active_assignments"))
        .order_by("year", "state__name_ru")
    )
    allowed = cycle.mechanism.redraws_allowed
    return [
        {
            "review": review,
            "reviewers": list({a.state_id: a.state for a in review.active_assignments}.values()),
            "used": review.redraw_count,
            "allowed": allowed,
            "over": review.redraw_count >= allowed,
        }
        for review in reviews
    ]


def draws_context(request, cycle: Cycle, **extra) -> dict:
    user = request.user
    trail = list(
        Draw.objects.visible_to(user)
        .filter(cycle=cycle)
        .select_related("performed_by", "review__state")
        .order_by("-created_at", "-pk")
    )
    context = {"cycle": cycle, "draws": trail, "can_manage": can_manage(user)}
    if context["can_manage"]:
        waiting = draws.waiting_by_year(cycle)
        first = next((year for year in draws.draw_years(cycle) if waiting.get(year)), None)
        context.update(
            has_selection=any(d.kind == DrawKind.SELECTION for d in trail),
            late_year=draws.late_year(cycle),
            selection_form=SelectionForm(),
            reviewer_form=ReviewerDrawForm(years=_year_choices(cycle, waiting), initial={"year": first}),
            redraws=_redraw_rows(cycle),
        )
    context.update(extra)
    return context


def _page(request, cycle: Cycle, *, status: int = 200, **extra) -> HttpResponse:
    template = "reviews/draw_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#panel"
        status = 200  # htmx swaps only successful answers; the alert carries the refusal
    return render(request, template, draws_context(request, cycle, **extra), status=status)


def cycle_draws(request, pk: int):
    """The audit trail of a cycle's draws; the secretariat's forms to draw and redraw."""
    cycle = _cycle(pk)
    return _reader(request) or _page(request, cycle)


def _manager(request) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage(request.user):
        raise PermissionDenied
    return None


def _attempt(request, cycle: Cycle, run: Callable[[], Draw]) -> HttpResponse:
    """Run a draw service: the result's page (or the panel, for htmx); a refusal as an alert."""
    try:
        draw = run()
    except draws.DrawImpossibleError as exc:
        return _page(request, cycle, status=400, errors=exc.messages, rule=exc.rule)
    except ValidationError as exc:
        return _page(request, cycle, status=400, errors=exc.messages)
    if request.htmx:
        return _page(request, cycle, done=draw)
    messages.success(request, _("Draw no. {draw} is recorded.").format(draw=draw.pk))
    return redirect(draw.get_absolute_url())


def _form_errors(form: forms.Form) -> list[str]:
    return [
        f"{form.fields[name].label or name}: {error}" for name, errs in form.errors.items() for error in errs
    ]


@require_POST
def draw_selection(request, pk: int):
    cycle = _cycle(pk)
    if refusal := _manager(request):
        return refusal
    form = SelectionForm(request.POST)
    if not form.is_valid():
        return _page(request, cycle, status=400, errors=_form_errors(form))
    service = services.add_late_parties if form.cleaned_data["late"] else services.run_selection
    return _attempt(
        request, cycle, lambda: service(cycle, acting_user=request.user, seed=form.cleaned_data["seed"])
    )


@require_POST
def draw_reviewers(request, pk: int):
    cycle = _cycle(pk)
    if refusal := _manager(request):
        return refusal
    form = ReviewerDrawForm(request.POST, years=_year_choices(cycle, draws.waiting_by_year(cycle)))
    if not form.is_valid():
        return _page(request, cycle, status=400, errors=_form_errors(form))
    data = form.cleaned_data
    return _attempt(
        request,
        cycle,
        lambda: services.run_reviewer_draw(cycle, data["year"], acting_user=request.user, seed=data["seed"]),
    )


@require_POST
def draw_redraw(request, pk: int):
    cycle = _cycle(pk)
    if refusal := _manager(request):
        return refusal
    form = RedrawForm(request.POST)
    review = None
    if form.is_valid():
        review = CountryReview.objects.filter(cycle=cycle, pk=form.cleaned_data["review"]).first()
    if review is None:
        return _page(request, cycle, status=400, errors=[_("Choose a review of this cycle to redraw.")])
    data = form.cleaned_data
    return _attempt(
        request,
        cycle,
        lambda: services.request_redraw(
            review, acting_user=request.user, exceptional=data["exceptional"], reason=data["reason"]
        ),
    )


def draw_detail(request, pk: int):
    """One draw: seed, rules, input in numbers, the result, the loads, and whether a re-run agrees."""
    if refusal := _reader(request):
        return refusal
    draw = get_object_or_404(
        Draw.objects.visible_to(request.user).select_related(
            "cycle__mechanism", "performed_by", "review__state"
        ),
        pk=pk,
    )
    context = {
        "draw": draw,
        "report": draws.describe(draw),
        "verification": draws.verify(draw),
        "can_manage": can_manage(request.user),
    }
    return render(request, "reviews/draw_detail.html", context)


urlpatterns = [
    path("cycles/<int:pk>/draws/", cycle_draws, name="cycle_draws"),
    path("cycles/<int:pk>/draws/selection/", draw_selection, name="draw_selection"),
    path("cycles/<int:pk>/draws/reviewers/", draw_reviewers, name="draw_reviewers"),
    path("cycles/<int:pk>/draws/redraw/", draw_redraw, name="draw_redraw"),
    path("draws/<int:pk>/", draw_detail, name="draw_detail"),
]
