"""Pages of cooperation requests: every row shown is logged, hidden rows are 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accord.core.exports import csv_response
from accord.core.forms import whole_number
from accord.core.views import FilteredListView
from accord.legal_cooperation import permissions, services
from accord.legal_cooperation.choices import AccessAction
from accord.legal_cooperation.filtersets import CooperationRequestFilterSet
from accord.legal_cooperation.forms import AmountForm, CooperationRequestForm, NoteForm, StatusForm
from accord.legal_cooperation.models import AccessLog, CooperationRequest
from accord.legal_cooperation.statistics import small_count
from accord.legal_cooperation.statistics import statistics as compute_statistics


def _listed(queryset):
    return queryset.select_related(
        "requesting_authority", "requested_authority", "requesting_state", "requested_state", "instrument"
    )


class RequestListView(FilteredListView):
    """The requests the user may see; each row on the page is written to the access log."""

    model = CooperationRequest
    filterset_class = CooperationRequestFilterSet
    template_name = "legal_cooperation/cooperationrequest_list.html"

    def get_queryset(self):
        return _listed(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.log_access(
            self.request.user, context["object_list"], AccessAction.LIST, http_request=self.request
        )
        context["today"] = timezone.localdate()
        context["can_create"] = permissions.can_create(self.request.user)
        return context


def _visible(request, pk: int) -> CooperationRequest:
    return get_object_or_404(_listed(CooperationRequest.objects.visible_to(request.user)), pk=pk)


def _detail_context(request, obj: CooperationRequest, **forms) -> dict:
    user = request.user
    return {
        "cooperation_request": obj,
        "events": obj.events.select_related("user"),
        "amounts": obj.amounts.all(),
        "totals": obj.amount_totals(),
        "today": timezone.localdate(),
        "can_edit": permissions.can_edit(user, obj),
        "can_change_status": permissions.can_change_status(user, obj) and obj.is_open,
        "can_record_amounts": permissions.can_record_amounts(user, obj) and obj.kind == "asset_recovery",
        "can_add_note": permissions.can_add_note(user, obj),
        "status_form": forms.get("status_form") or StatusForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "amount_form": forms.get("amount_form") or AmountForm(),
    }


def request_detail(request, pk: int):
    obj = _visible(request, pk)
    services.log_access(request.user, [obj], AccessAction.VIEW, http_request=request)
    return render(request, "legal_cooperation/cooperationrequest_detail.html", _detail_context(request, obj))


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _action(request, pk: int, form_class, form_name: str, call):
    """Shared POST handling: validate the form, call the service, show the history section or the errors."""
    obj = _visible(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(obj, form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(obj.get_absolute_url())
    obj.refresh_from_db()
    # The refused change was rolled back with its log row, but the page shows the request again.
    services.log_access(request.user, [obj], AccessAction.VIEW, http_request=request)
    context = _detail_context(request, obj, **{form_name: form})
    return render(request, "legal_cooperation/cooperationrequest_detail.html", context, status=400)


@require_POST
def request_status(request, pk: int):
    def call(obj, data):
        services.change_status(
            obj,
            acting_user=request.user,
            status=data["status"],
            note=data["note"],
            on=data["on"],
            http_request=request,
        )

    return _action(request, pk, StatusForm, "status_form", call)


@require_POST
def request_note(request, pk: int):
    def call(obj, data):
        services.add_note(obj, acting_user=request.user, note=data["note"], http_request=request)

    return _action(request, pk, NoteForm, "note_form", call)


@require_POST
def request_amount(request, pk: int):
    def call(obj, data):
        services.record_amount(obj, acting_user=request.user, http_request=request, **data)

    return _action(request, pk, AmountForm, "amount_form", call)


def _edit(request, obj: CooperationRequest | None):
    form = CooperationRequestForm(request.POST or None, instance=obj, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            if obj is None:
                obj = services.create_request(acting_user=request.user, http_request=request, **values)
            else:
                obj = services.update_request(obj, acting_user=request.user, http_request=request, **values)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": obj})
            return redirect(obj.get_absolute_url())
    if obj is None:
        title, cancel = _("New cooperation request"), "legal_cooperation:request_list"
    else:
        # The form shows the request's particulars (a refused save's log row was rolled back).
        services.log_access(request.user, [obj], AccessAction.VIEW, http_request=request)
        title, cancel = _("Edit: %(object)s") % {"object": obj}, None
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "form_title": title,
            "cancel_url": obj.get_absolute_url() if cancel is None else _reverse(cancel),
        },
    )


def _reverse(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@login_required
def request_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    return _edit(request, None)


@login_required
def request_update(request, pk: int):
    obj = _visible(request, pk)
    if not permissions.can_edit(request.user, obj):
        raise PermissionDenied
    return _edit(request, obj)


CSV_COLUMNS = (
    ("reference_number", gettext_lazy("Reference number")),
    ("kind", gettext_lazy("Kind")),
    ("status", gettext_lazy("Status")),
    ("requesting_state", gettext_lazy("Requesting state")),
    ("requesting_authority", gettext_lazy("Requesting authority")),
    ("requested_state", gettext_lazy("Requested state")),
    ("requested_authority", gettext_lazy("Requested authority")),
    ("instrument", gettext_lazy("Legal basis")),
    ("provision", gettext_lazy("Provision")),
    ("received_on", gettext_lazy("Received on")),
    ("acknowledged_on", gettext_lazy("Acknowledged on")),
    ("answered_on", gettext_lazy("Answered on")),
    ("deadline_on", gettext_lazy("Deadline")),
    ("subject", gettext_lazy("Subject summary")),
)


def _csv_value(obj: CooperationRequest, field: str) -> str:
    if field == "kind":
        return obj.get_kind_display()
    if field == "status":
        return obj.get_status_display()
    if field in ("requesting_state", "requested_state"):
        return getattr(obj, field).iso3
    value = getattr(obj, field)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def request_export(request):
    """The visible requests matching the list's filters, as CSV; every exported row is logged."""
    queryset = _listed(CooperationRequest.objects.visible_to(request.user)).select_related("provision")
    filterset = CooperationRequestFilterSet(request.GET or None, queryset=queryset, request=request)
    rows = list(queryset.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs)
    services.log_access(request.user, rows, AccessAction.EXPORT, http_request=request)
    return csv_response(
        "cooperation-requests",
        [label for _field, label in CSV_COLUMNS],
        ([_csv_value(obj, field) for field, _label in CSV_COLUMNS] for obj in rows),
    )


def request_statistics(request):
    """Public aggregates only, small counts suppressed."""
    stats = compute_statistics()
    sections = [
        (_("By kind"), stats["by_kind"]),
        (_("By year received"), stats["by_year"]),
        (_("Sent, by requesting state"), stats["sent_by_state"]),
        (_("Received, by requested state"), stats["received_by_state"]),
    ]
    context = {"stats": stats, "sections": sections, "threshold": small_count()}
    return render(request, "legal_cooperation/statistics.html", context)


def access_log(request):
    """The secretariat's view of who saw or changed which request; others get 404 (the page does not exist for them).

    Requests are named by their number in Accord, not their reference number:
    reading the log reveals no case, and opening one is itself logged.
    """
    from django.core.paginator import Paginator
    from django.http import Http404

    if not permissions.can_read_access_log(request.user):
        raise Http404
    entries = AccessLog.objects.visible_to(request.user).select_related("user")
    request_id = whole_number(request.GET.get("request"))
    if request_id is not None:
        entries = entries.filter(request_id=request_id)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request, "legal_cooperation/accesslog_list.html", {"page_obj": page, "entries": page.object_list}
    )


request_list = RequestListView.as_view()
