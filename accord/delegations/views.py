"""Registration pages: the secretariat's setup and review board, the focal point's nomination page,
the credentials report, and the lists and tables as files. Views parse, check, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.exports import xlsx_response
from accord.core.roles import is_member_user, is_secretariat
from accord.delegations import outputs, services
from accord.delegations.choices import DelegateStatus
from accord.delegations.forms import (
    CredentialsForm,
    DelegateForm,
    LetterForm,
    RegistrationForm,
)
from accord.delegations.models import Delegate, Delegation, Letter, Registration
from accord.delegations.querysets import registers_own_delegation
from accord.meetings.models import Meeting
from accord.registry.models import Organization, Person, State


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _registration(request, meeting: int) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(request.user).select_related("meeting"), meeting_id=meeting
    )


def _secretariat(request) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


@login_required
def registration_list(request):
    """Registrations members may see, open ones first."""
    if not (is_member_user(request.user) or registers_own_delegation(request.user)):
        raise PermissionDenied
    registrations = list(
        Registration.objects.visible_to(request.user)
        .select_related("meeting")
        .order_by("-is_open", "-deadline_on")
    )
    sender = services.own_sender(request.user)
    for registration in registrations:  # the way in only where registration is open to the user's kind
        registration.registers = (
            sender is not None and services.category_for(registration, sender) is not None
        )
    context = {"registrations": registrations, "secretariat": is_secretariat(request.user)}
    return render(request, "delegations/registration_list.html", context)


@login_required
def registration_setup(request, meeting: int):
    """Open registration for a meeting, or change its terms."""
    _secretariat(request)
    meeting_obj = get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting)
    existing = Registration.objects.filter(meeting=meeting_obj).first()
    form = RegistrationForm(request.POST or None, instance=existing or Registration(meeting=meeting_obj))
    if request.method == "POST" and form.is_valid():
        save = services.update_registration if existing else services.open_registration
        try:
            registration = save(form.instance, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Registration saved."))
            return redirect(registration.get_absolute_url())
    return render(request, "delegations/registration_setup.html", {"form": form, "meeting": meeting_obj})


def _board(registration: Registration) -> dict:
    """What the review board shows: the delegations in the order of the list, their letters, delegates, count."""
    delegations = registration.delegations.select_related("state", "organization").prefetch_related(
        Prefetch("delegates", queryset=Delegate.objects.select_related("person")), "letters"
    )
    return {
        "registration": registration,
        "meeting": registration.meeting,
        "delegations": sorted(delegations, key=lambda d: outputs.collation_key(d.sender.name)),
        "credentials_form": CredentialsForm(),
        "pending": Delegate.objects.filter(
            delegation__registration=registration, status=DelegateStatus.PENDING
        ).count(),
    }


@login_required
def registration_detail(request, meeting: int):
    """The secretariat's review board: every delegation, its letters, its delegates and their status."""
    registration = _registration(request, meeting)
    _secretariat(request)
    return render(request, "delegations/registration_detail.html", _board(registration))


def _after_decision(request, registration: Registration) -> HttpResponse:
    """htmx from the board gets the board back (with the decision's message); a plain form a redirect."""
    if request.htmx and is_secretariat(request.user):
        return render(request, "delegations/registration_detail.html#board", _board(registration))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(registration.get_absolute_url())


def _own_delegation(request, registration: Registration) -> tuple[State | Organization, Delegation | None]:
    """The state or organization the user registers, and its delegation (None before the first nomination)."""
    sender = services.own_sender(request.user)
    if sender is None:
        raise PermissionDenied
    field = "state" if isinstance(sender, State) else "organization"
    return sender, registration.delegations.filter(**{field: sender}).first()


@login_required
def nomination(request, meeting: int):
    """A focal point's or contact's page: its delegation, each delegate's status, the nomination and letter forms."""
    registration = _registration(request, meeting)
    sender, delegation = _own_delegation(request, registration)
    people = Person.objects.nominable_by(request.user)
    form = DelegateForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a first nomination refused leaves no empty delegation behind
                form.instance.delegation = delegation or services.delegation_of(
                    registration, sender, acting_user=request.user
                )
                services.nominate_delegate(form.instance, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The delegate is nominated; the secretariat will decide."))
            return redirect("delegations:nomination", meeting=meeting)
    context = {
        "registration": registration,
        "meeting": registration.meeting,
        "sender": sender,
        "delegation": delegation,
        "delegates": delegation.delegates.select_related("person") if delegation else [],
        "letters": delegation.letters.all() if delegation else [],
        "delegate_form": form,
        "letter_form": LetterForm(),
    }
    return render(request, "delegations/nomination.html", context)


@login_required
@require_POST
def letter_upload(request, meeting: int):
    """Upload the delegation's note verbale, credentials or another letter; errors come back as a message."""
    registration = _registration(request, meeting)
    sender, delegation = _own_delegation(request, registration)
    form = LetterForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        with transaction.atomic():
            delegation = delegation or services.delegation_of(registration, sender, acting_user=request.user)
            services.upload_letter(
                Letter(delegation=delegation, **form.cleaned_data), acting_user=request.user
            )
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, _("The letter is uploaded."))
    return redirect("delegations:nomination", meeting=meeting)


def _decide(request, pk: int, action) -> HttpResponse:
    delegate = get_object_or_404(
        Delegate.objects.managed_by(request.user).select_related("delegation__registration__meeting"), pk=pk
    )
    try:
        action(delegate)
    except ValidationError as error:
        messages.error(request, _messages(error))
    return _after_decision(request, delegate.delegation.registration)


@login_required
@require_POST
def delegate_approve(request, pk: int):
    _secretariat(request)
    return _decide(request, pk, lambda d: services.approve_delegate(d, acting_user=request.user))


@login_required
@require_POST
def delegate_return(request, pk: int):
    _secretariat(request)
    reason = request.POST.get("reason", "")
    return _decide(
        request, pk, lambda d: services.return_delegate(d, acting_user=request.user, reason=reason)
    )


@login_required
@require_POST
def delegate_withdraw(request, pk: int):
    reason = request.POST.get("reason", "")
    return _decide(
        request, pk, lambda d: services.withdraw_delegate(d, acting_user=request.user, reason=reason)
    )


@login_required
@require_POST
def delegation_credentials(request, pk: int):
    _secretariat(request)
    delegation = get_object_or_404(
        Delegation.objects.managed_by(request.user).select_related("registration__meeting"), pk=pk
    )
    form = CredentialsForm(request.POST)
    if form.is_valid():
        services.record_credentials(
            delegation,
            acting_user=request.user,
            credentials=form.cleaned_data["credentials"],
            note=form.cleaned_data["note"],
        )
    else:
        messages.error(request, _("Choose formal credentials, a copy, or none."))
    return _after_decision(request, delegation.registration)


@login_required
@require_POST
def registration_publish(request, meeting: int):
    registration = _registration(request, meeting)
    _secretariat(request)
    services.publish_list(
        registration, acting_user=request.user, published=request.POST.get("published") == "1"
    )
    return redirect(registration.get_absolute_url())


@login_required
@require_POST
def registration_finalize(request, meeting: int):
    registration = _registration(request, meeting)
    _secretariat(request)
    try:
        services.finalize_list(registration, acting_user=request.user, final=request.POST.get("final") == "1")
    except ValidationError as error:
        messages.error(request, _messages(error))
    return redirect(registration.get_absolute_url())


@login_required
def credentials_report(request, meeting: int):
    """Which states presented formal credentials, which copies or notes only, which none; as a page or a file."""
    registration = _registration(request, meeting)
    _secretariat(request)
    fmt = request.GET.get("format")
    if fmt:
        return _file(outputs.credentials_document(registration, _language(request)), fmt)
    context = {
        "registration": registration,
        "meeting": registration.meeting,
        "rows": outputs.credentials_rows(registration),
    }
    return render(request, "delegations/credentials_report.html", context)


def _language(request) -> str:
    language = request.GET.get("lang", "ru")
    if language not in ("ru", "en"):
        raise Http404
    return language


def _file(document, fmt: str) -> HttpResponse:
    try:
        output = outputs.render(document, fmt)
    except ValueError:
        raise Http404 from None
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response


def participants(request, meeting: int, fmt: str):
    """The list of participants as PDF or DOCX: the secretariat's at any time, everyone's once published."""
    registration = _registration(request, meeting)
    if not (is_secretariat(request.user) or registration.is_list_published):
        raise Http404
    return _file(outputs.participants_document(registration, _language(request)), fmt)


@login_required
def badges(request, meeting: int):
    registration = _registration(request, meeting)
    _secretariat(request)
    header, rows = outputs.badge_rows(registration)
    return xlsx_response(f"badges-{meeting}", _("Badges"), header, rows)


@login_required
def delegation_table(request, meeting: int):
    registration = _registration(request, meeting)
    _secretariat(request)
    header, rows = outputs.delegation_rows(registration)
    return xlsx_response(f"delegations-{meeting}", _("Delegations"), header, rows)


@login_required
def letter_download(request, pk: int):
    """A letter, to the secretariat and the delegation's own focal point or contact only."""
    letter = get_object_or_404(Letter.objects.visible_to(request.user), pk=pk)
    try:
        handle = letter.file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=letter.name)
