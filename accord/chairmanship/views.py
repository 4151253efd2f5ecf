"""Chairmanship pages: bodies and their chairs by year, one year with its programme and results."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.chairmanship import outputs
from accord.chairmanship.forms import ItemStatusForm
from accord.chairmanship.models import ProgrammeItem
from accord.chairmanship.reports import MAX_YEAR, MIN_YEAR, chairmanship_years, year_report
from accord.chairmanship.services import set_item_status
from accord.core.collation import collated
from accord.core.roles import is_secretariat
from accord.registry.models import Organization


def chairmanship_list(request):
    """Each body with a chair, year by year; `?body=<id>` narrows to one body (htmx swaps the table)."""
    entries = chairmanship_years()
    bodies = {e.body.pk: e.body for e in entries}
    chosen = request.GET.get("body", "")
    if chosen:
        entries = [e for e in entries if str(e.body.pk) == chosen]
    context = {"entries": entries, "bodies": collated(bodies.values()), "chosen": chosen}
    template = "chairmanship/chairmanship_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _body_and_year(request, body: int, year: int) -> Organization:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(
            _("Give a year between %(first)s and %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}
        )
    return get_object_or_404(Organization.objects.visible_to(request.user), pk=body)


def _year_context(request, organization: Organization, year: int, **extra) -> dict:
    report = year_report(organization, year, user=request.user)
    can_edit = is_secretariat(request.user)
    return {
        "report": report,
        "can_edit": can_edit,
        # Each programme item with the secretariat's form for it (None for other readers).
        "programme_rows": [
            (item, ItemStatusForm(item=item, user=request.user) if can_edit else None)
            for item in report.items
        ],
        "previous_year": year - 1,
        "next_year": year + 1,
        **extra,
    }


def chairmanship_year(request, body: int, year: int):
    """Chair and co-chairs, the programme with its status and the generated results report."""
    organization = _body_and_year(request, body, year)
    return render(request, "chairmanship/chairmanship_year.html", _year_context(request, organization, year))


def report_docx(request, body: int, year: int):
    """The results report as a Word file, in `?language=` or the UI language."""
    organization = _body_and_year(request, body, year)
    language = request.GET.get("language") or (get_language() or "ru")[:2]
    if language not in ("ru", "en"):
        raise Http404(_("Choose the report language: ru or en."))
    content, filename = outputs.report_docx(organization, year, user=request.user, language=language)
    response = HttpResponse(content, content_type=outputs.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def item_status(request, pk: int):
    """The secretariat marks an item held, cancelled or moved; htmx gets the programme section back."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    item = get_object_or_404(ProgrammeItem.objects.select_related("programme__body"), pk=pk)
    programme = item.programme
    form = ItemStatusForm(request.POST, item=item, user=request.user)
    errors: list[str] = []
    if form.is_valid():
        try:
            set_item_status(
                item,
                form.cleaned_data["status"],
                acting_user=request.user,
                meeting=form.cleaned_data["meeting"],
            )
        except ValidationError as exc:
            errors = exc.messages
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
    if request.htmx:
        context = _year_context(
            request, programme.body, programme.year, error_item=item.pk, item_errors=errors
        )
        return render(
            request, "chairmanship/chairmanship_year.html#programme", context, status=400 if errors else 200
        )
    if errors:
        context = _year_context(
            request, programme.body, programme.year, error_item=item.pk, item_errors=errors
        )
        return render(request, "chairmanship/chairmanship_year.html", context, status=400)
    return redirect(programme.get_absolute_url() + "#programme")
