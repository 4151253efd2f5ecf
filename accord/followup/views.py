"""The register's pages: list, recommendation with its history, forms, dashboard and exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from accord.core.exports import csv_response, workbook_response
from accord.core.middleware import accepts_uploads
from accord.core.roles import is_secretariat
from accord.core.views import EditPageMixin, FilteredListView
from accord.followup import dashboard as dash
from accord.followup import services
from accord.followup.filtersets import RecommendationFilterSet
from accord.followup.forms import AssessmentForm, ProgressForm, RecommendationForm
from accord.followup.models import Recommendation, StatusUpdate


class RecommendationListView(FilteredListView):
    """The register, soonest deadline first, filtered by state, addressee, source, theme, status and deadline."""

    model = Recommendation
    filterset_class = RecommendationFilterSet
    template_name = "followup/recommendation_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("state", "authority", "body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["can_manage"] = is_secretariat(self.request.user)
        return context


def _detail_context(request, recommendation: Recommendation, **forms) -> dict:
    user = request.user
    updates = list(
        StatusUpdate.objects.visible_to(user)
        .filter(recommendation=recommendation)
        .select_related("reported_by")
        .prefetch_related("documents", "files", "assessments__assessed_by")
        .order_by("-reported_at", "-pk")
    )
    can_report = services.can_report(user, recommendation)
    can_assess = services.can_assess(user, recommendation)
    return {
        "recommendation": recommendation,
        "updates": updates,
        "today": timezone.localdate(),
        "can_report": can_report,
        "can_assess": can_assess,
        "can_edit": is_secretariat(user),
        "progress_form": forms.get("progress_form")
        or (ProgressForm(user=user, recommendation=recommendation) if can_report else None),
        "assessment_form": forms.get("assessment_form") or (AssessmentForm() if can_assess else None),
        "failed_update": forms.get("failed_update"),
    }


def _visible(request, pk: int) -> Recommendation:
    queryset = Recommendation.objects.visible_to(request.user).select_related(
        "state", "authority", "body", "document", "meeting", "observation__review"
    )
    return get_object_or_404(queryset, pk=pk)


def recommendation_detail(request, pk: int):
    """A recommendation, its history timeline and the form the reader may use."""
    recommendation = _visible(request, pk)
    return render(request, "followup/recommendation_detail.html", _detail_context(request, recommendation))


def _history_response(request, recommendation: Recommendation, status: int = 200, **forms):
    context = _detail_context(request, recommendation, **forms)
    template = "followup/recommendation_detail.html"
    if request.htmx:
        template += "#history"
    return render(request, template, context, status=status)


@accepts_uploads
@require_POST
def report_progress(request, pk: int):
    recommendation = _visible(request, pk)
    if not services.can_report(request.user, recommendation):
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES, user=request.user, recommendation=recommendation)
    if form.is_valid():
        try:
            services.report_progress(
                recommendation,
                acting_user=request.user,
                status=form.cleaned_data["status"],
                text=form.cleaned_data["text"],
                documents=form.cleaned_data["documents"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Progress reported."))
            if not request.htmx:
                return redirect(recommendation)
            recommendation.refresh_from_db()
            return _history_response(request, recommendation)
    return _history_response(request, recommendation, status=400, progress_form=form)


@require_POST
def assess_update(request, pk: int, update_pk: int):
    recommendation = _visible(request, pk)
    update = get_object_or_404(StatusUpdate, pk=update_pk, recommendation=recommendation)
    if not services.can_assess(request.user, recommendation):
        raise PermissionDenied
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.assess(
                update,
                acting_user=request.user,
                status=form.cleaned_data["status"] or None,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Assessment recorded."))
            if not request.htmx:
                return redirect(recommendation)
            recommendation.refresh_from_db()
            return _history_response(request, recommendation)
    return _history_response(
        request, recommendation, status=400, assessment_form=form, failed_update=update.pk
    )


class _ServiceFormMixin(EditPageMixin):
    """Saves through the services so that the rules of the API and the pages are one."""

    model = Recommendation
    form_class = RecommendationForm
    list_url_name = "followup:recommendation_list"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "provisions"}
        try:
            if self.object is not None and self.object.pk:
                self.object = services.edit_recommendation(
                    self.object,
                    acting_user=self.request.user,
                    provisions=form.cleaned_data["provisions"],
                    **data,
                )
            else:
                self.object = services.create_recommendation(
                    acting_user=self.request.user, provisions=form.cleaned_data["provisions"], **data
                )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return redirect(self.object)


class RecommendationCreateView(_ServiceFormMixin, CreateView):
    pass


class RecommendationUpdateView(_ServiceFormMixin, UpdateView):
    pass


@require_POST
def import_from_reviews(request):
    """The secretariat's button: every agreed or published review's recommendations, once."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    counts = services.import_from_reviews(acting_user=request.user)
    messages.success(
        request,
        _("Imported from country reviews: %(created)s new, %(unchanged)s already in the register.")
        % {
            "created": counts.get("created", 0),
            "unchanged": counts.get("unchanged", 0) + counts.get("updated", 0),
        },
    )
    return redirect("followup:recommendation_list")


def _dashboard_data(request):
    queryset = Recommendation.objects.visible_to(request.user)
    filterset = RecommendationFilterSet(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound:
        queryset = filterset.qs if filterset.is_valid() else queryset.none()
    today = timezone.localdate()
    return filterset, queryset, dash.tables(queryset, today=today), today


def dashboard(request):
    """Counts by status per state, addressee, source and theme, overdue first, as bars."""
    filterset, queryset, tables, today = _dashboard_data(request)
    context = {
        "filterset": filterset,
        "tables": tables,
        "total": queryset.count(),
        "overdue": queryset.overdue(today).count(),
        "statuses": list(dash.Status),
        "query": request.GET.urlencode(),
    }
    template = "followup/dashboard.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def dashboard_export(request, fmt: str):
    """The dashboard's numbers as CSV, or as XLSX with the recommendations themselves; the reader's visibility applies."""
    _filterset, queryset, tables, today = _dashboard_data(request)
    name = f"recommendations-{today:%Y-%m-%d}"
    if fmt == "xlsx":
        return workbook_response(name, dash.xlsx_sheets(tables, queryset))
    header, lines = dash.export_rows(tables)
    return csv_response(name, header, lines)
