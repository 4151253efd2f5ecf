"""The secretariat's spreadsheet imports: upload → dry-run report of every row → confirm.

The checked file waits in the session between the report and the
confirmation (a fingerprint in the form proves it is the same file), so the
confirmation writes exactly what the report showed, or nothing if a row is
refused by then.
"""

import base64
import hashlib

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from accord.core.forms import ImportUploadForm
from accord.core.imports import FORMATS, ImportFileError, ImportKind, check_size, import_file, import_kinds
from accord.core.middleware import accepts_uploads

SESSION_KEY = "accord_pending_import"


def _kinds_for(request) -> dict[str, ImportKind] | HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    kinds = {name: kind for name, kind in import_kinds().items() if kind.may_import(request.user)}
    if not kinds:
        raise PermissionDenied
    return kinds


def _page(
    request, kinds: dict, form: ImportUploadForm, *, report=None, fingerprint: str = "", status: int = 200
):
    context = {"kinds": kinds, "form": form, "report": report, "fingerprint": fingerprint, "formats": FORMATS}
    return render(request, "core/import.html", context, status=status)


@accepts_uploads
def import_start(request):
    """The form (GET); the dry run of the uploaded file and its report (POST)."""
    kinds = _kinds_for(request)
    if isinstance(kinds, HttpResponse):
        return kinds
    if request.method != "POST":
        return _page(request, kinds, ImportUploadForm(kinds=kinds, initial={"kind": request.GET.get("kind")}))
    form = ImportUploadForm(request.POST, request.FILES, kinds=kinds)
    if not form.is_valid():
        return _page(request, kinds, form, status=400)
    kind = kinds[form.cleaned_data["kind"]]
    upload = form.cleaned_data["file"]
    try:
        check_size(upload.size)
        content = upload.read()
        report = import_file(kind, content, upload.name, acting_user=request.user, dry_run=True)
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return _page(request, kinds, form, status=400)
    fingerprint = hashlib.sha256(content).hexdigest()
    if report.refused:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = {
            "kind": kind.name,
            "name": upload.name,
            "sha256": fingerprint,
            "content": base64.b64encode(content).decode("ascii"),
        }
    return _page(request, kinds, form, report=report, fingerprint=fingerprint)


@require_POST
def import_confirm(request):
    """Write the file the report was made from: every row in one transaction, or none."""
    kinds = _kinds_for(request)
    if isinstance(kinds, HttpResponse):
        return kinds
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or pending.get("sha256") != request.POST.get("fingerprint")
        or pending["kind"] not in kinds
    ):
        messages.error(request, _("There is no checked file to import: upload it again for a dry run."))
        return redirect("import_start")
    kind = kinds[pending["kind"]]
    content = base64.b64decode(pending["content"])
    form = ImportUploadForm(kinds=kinds, initial={"kind": kind.name})
    try:
        report = import_file(kind, content, pending["name"], acting_user=request.user, dry_run=False)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("import_start")
    request.session.pop(SESSION_KEY, None)
    if not report.written:
        return _page(request, kinds, form, report=report, status=409)
    counts = report.counts
    messages.success(
        request,
        _("Imported %(name)s: %(created)s created, %(changed)s changed, %(unchanged)s unchanged.")
        % {
            "name": pending["name"],
            **{key: counts.get(key, 0) for key in ("created", "changed", "unchanged")},
        },
    )
    return redirect(f"{reverse('import_start')}?kind={kind.name}")


def import_template(request, kind: str, fmt: str):
    """The empty template of a kind, with example rows (and, in XLSX, a sheet explaining the columns)."""
    kinds = _kinds_for(request)
    if isinstance(kinds, HttpResponse):
        return kinds
    if kind not in kinds or fmt not in FORMATS:
        raise Http404
    content_type = CSV_CONTENT_TYPE if fmt == "csv" else XLSX_CONTENT_TYPE
    response = HttpResponse(kinds[kind].template(fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="accord-{kind}-template.{fmt}"'
    return response
