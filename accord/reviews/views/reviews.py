"""Mechanisms, the cycle board, the list of one's reviews and a review's page with its workflow and threads."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from accord.core.roles import is_member_user
from accord.reviews import services, threads, workflow
from accord.reviews.choices import Phase
from accord.reviews.filtersets import CountryReviewFilterSet
from accord.reviews.forms import CommentForm, DialogueForm, DueForm, ExpertForm, MoveForm
from accord.reviews.models import CountryReview, Cycle, Mechanism, ReviewerAssignment
from accord.reviews.permissions import can_comment, can_manage, can_work, side_of


def mechanism_list(request):
    mechanisms = Mechanism.objects.select_related("governing_body").prefetch_related("cycles__clusters")
    return render(request, "reviews/mechanism_list.html", {"mechanisms": mechanisms})


def mechanism_detail(request, slug: str):
    mechanism = get_object_or_404(
        Mechanism.objects.select_related("governing_body", "mandate").prefetch_related(
            "phase_rules", "cycles__clusters__provisions"
        ),
        slug=slug,
    )
    return render(
        request,
        "reviews/mechanism_detail.html",
        {
            "mechanism": mechanism,
            "instruments": mechanism.ordered_instruments(),
            "can_manage": can_manage(request.user),
        },
    )


def _with_reviewers(reviews):
    active = ReviewerAssignment.objects.filter(replaced_by__isnull=True).select_related("state", "instrument")
    return reviews.select_related("state__regional_group", "cluster").prefetch_related(
        Prefetch("reviewers", queryset=active, to_attr="active_assignments")
    )


def cycle_board(request, pk: int):
    """Every state under review in a cycle: reviewers, phase, days to deadline; overdue ones stand out."""
    cycle = get_object_or_404(Cycle.objects.select_related("mechanism"), pk=pk)
    filterset = CountryReviewFilterSet(
        request.GET,
        queryset=CountryReview.objects.visible_to(request.user).filter(cycle=cycle),
        request=request,
    )
    reviews = filterset.qs  # a value the board cannot use is ignored, as the list offers only valid ones
    filters = {name: request.GET.get(name, "") for name in CountryReviewFilterSet.page_filters}
    counts = dict(
        CountryReview.objects.visible_to(request.user)
        .filter(cycle=cycle)
        .values_list("phase")
        .annotate(n=Count("pk"))
    )
    context = {
        "cycle": cycle,
        "reviews": _with_reviewers(reviews).order_by("year", "state__name_ru", "cluster__number"),
        "filters": filters,
        "phases": [(value, label, counts.get(value, 0)) for value, label in Phase.choices],
        "years": cycle.years,
        "clusters": cycle.clusters.all(),
        "overdue_count": CountryReview.objects.visible_to(request.user)
        .filter(cycle=cycle)
        .overdue(timezone.localdate())
        .count(),
        "can_manage": can_manage(request.user),
        "can_read_draws": is_member_user(request.user),
    }
    template = "reviews/cycle_board.html"
    if request.htmx and not request.htmx.boosted:
        template += "#board"
    return render(request, template, context)


def review_list(request):
    """The reviews the user works on (all of them for the secretariat), nearest deadline first."""
    if not request.user.is_authenticated:
        return redirect("reviews:mechanism_list")
    reviews = CountryReview.objects.workable_by(request.user).select_related("cycle__mechanism")
    reviews = _with_reviewers(reviews).order_by("due_on", "state__name_ru")
    return render(
        request,
        "reviews/review_list.html",
        {"reviews": reviews[:500], "today": timezone.localdate()},
    )


def _review_for(request, pk: int) -> CountryReview:
    review = get_object_or_404(
        CountryReview.objects.visible_to(request.user).select_related(
            "cycle__mechanism", "cluster", "state__regional_group", "dialogue_meeting"
        ),
        pk=pk,
    )
    return review


def review_context(request, review: CountryReview, **forms) -> dict:
    user = request.user
    manage = can_manage(user, review)
    assignments = review.active_reviewers().select_related("state__regional_group", "instrument")
    by_instrument: dict = {}
    for assignment in assignments:
        by_instrument.setdefault(assignment.instrument, []).append(assignment)
    phase_index = Phase.ordered().index(review.phase)
    steps = [
        {"value": value, "label": label, "done": i < phase_index, "current": i == phase_index}
        for i, (value, label) in enumerate(Phase.choices)
    ]
    next_phase = workflow.next_phase(review.phase)
    context = {
        "review": review,
        "side": side_of(user, review),
        "steps": steps,
        "reviewers_by_instrument": sorted(by_instrument.items(), key=lambda kv: kv[0].pk),
        "replaced": review.reviewers.filter(replaced_by__isnull=False).select_related("state", "replaced_by"),
        "experts": review.expert_links.select_related("user", "state"),
        "transitions": review.transitions.select_related("by").order_by("-at", "-pk"),
        "threads": threads.threads(review),
        "provisions": review.cluster.provisions.order_by("instrument_id", "position"),
        "can_manage": manage,
        "can_comment": can_comment(user, review),
        "next_phase": next_phase,
        "next_phase_label": Phase(next_phase).label if next_phase else "",
        "previous_phase": workflow.previous_phase(review.phase),
        "blockers": workflow.blockers(review, next_phase) if (manage and next_phase) else [],
        "comment_form": forms.pop("comment_form", None) or CommentForm(),
    }
    if manage:
        context.setdefault(
            "dialogue_form",
            DialogueForm(
                initial={"dialogue_format": review.dialogue_format, "meeting": review.dialogue_meeting_id}
            ),
        )
        context.setdefault("due_form", DueForm(initial={"due_on": review.due_on}))
        context.setdefault("expert_form", ExpertForm(review=review))
    context.update(forms)
    return context


def review_detail(request, pk: int):
    review = _review_for(request, pk)
    if not can_work(request.user, review):
        # The public (and anyone outside the review) reads the published summary only.
        return redirect("reviews:summary_public", pk=review.pk)
    return render(request, "reviews/review_detail.html", review_context(request, review))


def _workable(request, pk: int) -> CountryReview:
    review = _review_for(request, pk)
    if not can_work(request.user, review):
        raise PermissionDenied
    return review


def _answer(request, review: CountryReview, section: str, **forms):
    """htmx gets the section it changed; a plain browser the page (with the refused form, if any)."""
    context = review_context(request, review, **forms)
    if request.htmx:
        return render(request, f"reviews/review_detail.html#{section}", context)
    if forms:
        return render(request, "reviews/review_detail.html", context, status=400)
    return redirect(review.get_absolute_url() + f"#{section}")


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


@require_POST
def review_move(request, pk: int):
    review = _workable(request, pk)
    if not can_manage(request.user, review):
        raise PermissionDenied
    form = MoveForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.move_review(
                review,
                form.cleaned_data["to_phase"],
                acting_user=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            errors = _errors(exc)
        review.refresh_from_db()
    else:
        errors = [str(e) for e in form.errors.get("to_phase", [])] or [
            str(e) for e in form.non_field_errors()
        ]
    return _answer(request, review, "workflow", **({"move_errors": errors} if errors else {}))


@require_POST
def review_dialogue(request, pk: int):
    review = _workable(request, pk)
    form = DialogueForm(request.POST)
    if not can_manage(request.user, review):
        raise PermissionDenied
    if form.is_valid():
        try:
            services.set_dialogue(
                review,
                acting_user=request.user,
                dialogue_format=form.cleaned_data["dialogue_format"] or "",
                meeting=form.cleaned_data["meeting"],
            )
            return _answer(request, review, "workflow")
        except ValidationError as exc:
            form.add_error(None, exc)
    return _answer(request, review, "workflow", dialogue_form=form)


@require_POST
def review_due(request, pk: int):
    review = _workable(request, pk)
    if not can_manage(request.user, review):
        raise PermissionDenied
    form = DueForm(request.POST)
    if form.is_valid():
        services.set_due_on(
            review, form.cleaned_data["due_on"], acting_user=request.user, note=form.cleaned_data["note"]
        )
        review.refresh_from_db()
        return _answer(request, review, "workflow")
    return _answer(request, review, "workflow", due_form=form)


@require_POST
def expert_add(request, pk: int):
    review = _workable(request, pk)
    if not can_manage(request.user, review):
        raise PermissionDenied
    form = ExpertForm(request.POST, review=review)
    if form.is_valid():
        try:
            services.add_expert(
                review,
                acting_user=request.user,
                user=form.cleaned_data["username"],
                side=form.cleaned_data["side"],
                state=form.cleaned_data["state"],
            )
            return _answer(request, review, "team")
        except ValidationError as exc:
            form.add_error(None, exc)
    return _answer(request, review, "team", expert_form=form)


@require_POST
def expert_remove(request, pk: int, expert_pk: int):
    review = _workable(request, pk)
    services.remove_expert(review, acting_user=request.user, expert_id=expert_pk)
    return _answer(request, review, "team")


@require_POST
def comment_add(request, pk: int):
    review = _workable(request, pk)
    if not can_comment(request.user, review):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        provision = None
        if form.cleaned_data.get("provision"):
            provision = review.cluster.provisions.filter(pk=form.cleaned_data["provision"]).first()
            if provision is None:
                raise Http404
        try:
            services.add_comment(
                review, acting_user=request.user, text=form.cleaned_data["text"], provision=provision
            )
            return _answer(request, review, "threads")
        except ValidationError as exc:
            form.add_error("text", exc)
    return _answer(request, review, "threads", comment_form=form)


urlpatterns = [
    path("", mechanism_list, name="mechanism_list"),
    path("mine/", review_list, name="review_list"),
    path("mechanisms/<slug:slug>/", mechanism_detail, name="mechanism_detail"),
    path("cycles/<int:pk>/", cycle_board, name="cycle_board"),
    path("<int:pk>/", review_detail, name="review_detail"),
    path("<int:pk>/move/", review_move, name="review_move"),
    path("<int:pk>/dialogue/", review_dialogue, name="review_dialogue"),
    path("<int:pk>/deadline/", review_due, name="review_due"),
    path("<int:pk>/experts/", expert_add, name="expert_add"),
    path("<int:pk>/experts/<int:expert_pk>/remove/", expert_remove, name="expert_remove"),
    path("<int:pk>/comments/", comment_add, name="comment_add"),
]
