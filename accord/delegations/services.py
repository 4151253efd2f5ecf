"""Writes of registration: the one path by which delegations, delegates, letters and credentials change.

Pages, the API, the sample loader and tests call these. Each runs in one
transaction with the actor in the audit log (`@service`) and `full_clean()`
before saving. The rules that span rows live here once:

* caps per delegation and mode, counted over pending and approved delegates;
* after the deadline a nomination or a change is still taken, marked as a
  late request the secretariat decides;
* when registration requires credentials, a delegate is approved only once
  the delegation's credentials are recorded (formal, or a copy);
* an approved delegate is a participation of the meeting (the person's, and
  the state's or organization's once), written through the meetings service;
  a withdrawal removes what registration added and nothing else.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accord.core.roles import is_secretariat
from accord.core.services import save_validated, service
from accord.delegations.choices import (
    HOLDS_PLACE,
    ORGANIZATION_KINDS,
    STATE_CATEGORIES,
    Credentials,
    DelegateStatus,
    DelegationCategory,
    LetterKind,
)
from accord.delegations.models import Delegate, Delegation, Letter, Registration
from accord.meetings import services as meetings
from accord.meetings.choices import ParticipantRole
from accord.meetings.models import Participation
from accord.registry.models import Organization, Person, State
from accord.registry.querysets import contact_organization_id, focal_state_id
from accord.registry.services import save_registry_record

#: What a delegation must have presented, when registration requires credentials, before its delegates
#: are approved: formal credentials, or a copy (or a note verbale) on which the delegation takes part
#: provisionally until the originals arrive, as the rules of procedure allow.
CREDENTIALS_ADMIT = (Credentials.FORMAL, Credentials.COPY)

LETTER_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".jpg", ".jpeg", ".png")


def _check_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat decides on registration."))


def can_manage(user, delegation: Delegation) -> bool:
    """The secretariat, the focal point of the delegation's own state, or its own organization's contact."""
    if is_secretariat(user):
        return True
    if delegation.state_id is not None:
        return delegation.state_id == focal_state_id(user)
    return delegation.organization_id is not None and delegation.organization_id == contact_organization_id(
        user
    )


def _check_person(user, delegate: Delegate) -> None:
    """The registry person named must be one `user` may nominate (`Person.objects.nominable_by`)."""
    if delegate.person_id and not Person.objects.nominable_by(user).filter(pk=delegate.person_id).exists():
        raise ValidationError(
            {"person": _("Choose a person of your own state or organization, or give a new person's name.")}
        )


def check_manage(user, delegation: Delegation) -> None:
    """The user answers for the delegation, and may see its meeting: no registration by an id sent by hand
    to a meeting hidden from the sender (a restricted one from a contact, a confidential one from a focal point)."""
    if not can_manage(user, delegation) or not (
        is_secretariat(user)
        or Registration.objects.visible_to(user).filter(pk=delegation.registration_id).exists()
    ):
        raise PermissionDenied(
            _("Only the delegation's focal point or contact and the secretariat register it.")
        )


def own_sender(user) -> State | Organization | None:
    """Whom `user` registers: a focal point its state, an organization's contact its organization; else None."""
    state_id = focal_state_id(user)
    if state_id is not None:
        return State.objects.get(pk=state_id)
    organization_id = contact_organization_id(user)
    if organization_id is not None:
        return Organization.objects.get(pk=organization_id)
    return None


def category_for(registration: Registration, sender: State | Organization) -> str | None:
    """The category `sender` registers under (the first the registration is open to that fits); None if none."""
    if isinstance(sender, State):
        fitting = set(STATE_CATEGORIES)
    else:
        fitting = {category for category, kinds in ORGANIZATION_KINDS.items() if sender.kind in kinds}
    return next((category for category in registration.categories if category in fitting), None)


def _check_open(registration: Registration) -> None:
    if not registration.is_open:
        raise ValidationError(_("Registration for this meeting is closed."))


# ---- the secretariat opens registration ------------------------------------------------------------


@service
def open_registration(registration: Registration, *, acting_user) -> Registration:
    """Open registration for a meeting; focal points hear of it through the reminders (`deadlines`)."""
    _check_secretariat(acting_user)
    if registration.pk is not None:
        raise ValueError("open_registration opens new registrations only")
    registration.opened_at = timezone.now()
    return save_validated(registration)


@service
def update_registration(registration: Registration, *, acting_user) -> Registration:
    """Change who may register, the caps, the deadline, the documents; close or reopen."""
    _check_secretariat(acting_user)
    return save_validated(registration)


@service
def publish_list(registration: Registration, *, acting_user, published: bool = True) -> Registration:
    """Show (or hide) the approved delegates on the meeting's public page."""
    _check_secretariat(acting_user)
    registration.is_list_published = published
    return save_validated(registration)


@service
def finalize_list(registration: Registration, *, acting_user, final: bool = True) -> Registration:
    """Mark the list of participants final; it is provisional until the session has begun."""
    _check_secretariat(acting_user)
    if final and registration.meeting.start_on > timezone.localdate():
        raise ValidationError(_("The list of participants becomes final once the session has begun."))
    registration.is_list_final = final
    return save_validated(registration)


# ---- focal points and organizations' contacts register -------------------------------------------


@service
def register_delegation(delegation: Delegation, *, acting_user) -> Delegation:
    """Start a state's or an organization's delegation: its focal point or contact registers its own only."""
    if delegation.pk is not None:
        raise ValueError("register_delegation saves new delegations only")
    check_manage(acting_user, delegation)
    _check_open(delegation.registration)
    return save_validated(delegation)


def delegation_of(registration: Registration, sender: State | Organization, *, acting_user) -> Delegation:
    """The state's or organization's delegation, registered on first use under the category that fits it."""
    field = "state" if isinstance(sender, State) else "organization"
    found = registration.delegations.filter(**{field: sender}).first()
    if found is not None:
        check_manage(acting_user, found)
        return found
    category = category_for(registration, sender)
    if category is None:
        if field == "state":
            raise ValidationError(_("Registration for this meeting is not open to states."))
        raise ValidationError(_("Registration for this meeting is not open to organizations of this kind."))
    return register_delegation(
        Delegation(registration=registration, category=category, **{field: sender}), acting_user=acting_user
    )


def _check_cap(delegate: Delegate) -> None:
    registration = delegate.delegation.registration
    cap = registration.cap(delegate.mode)
    if cap is None:
        return
    taken = (
        delegate.delegation.delegates.filter(mode=delegate.mode, status__in=HOLDS_PLACE)
        .exclude(pk=delegate.pk)
        .count()
    )
    if taken >= cap:
        raise ValidationError(
            {
                "mode": _(
                    "The delegation already has %(count)s delegates taking part %(mode)s, "
                    "the most this meeting allows; withdraw one or choose another mode."
                )
                % {"count": taken, "mode": delegate.get_mode_display().lower()}
            }
        )


@service
def nominate_delegate(delegate: Delegate, *, acting_user) -> Delegate:
    """Add a delegate, pending the secretariat's decision; after the deadline, as a late request."""
    if delegate.pk is not None:
        raise ValueError("nominate_delegate adds new delegates only")
    check_manage(acting_user, delegate.delegation)
    _check_open(delegate.delegation.registration)
    _check_person(acting_user, delegate)
    delegate.status = DelegateStatus.PENDING
    delegate.is_late = delegate.delegation.registration.is_late()
    _check_cap(delegate)
    return save_validated(delegate)


@service
def change_delegate(delegate: Delegate, *, acting_user) -> Delegate:
    """Change a pending or returned nomination; it goes back to the secretariat (late after the deadline)."""
    check_manage(acting_user, delegate.delegation)
    _check_open(delegate.delegation.registration)
    stored = Delegate.objects.get(pk=delegate.pk)
    if delegate.person_id != stored.person_id:
        _check_person(acting_user, delegate)
    if stored.status not in (DelegateStatus.PENDING, DelegateStatus.RETURNED):
        raise ValidationError(
            _("An approved or withdrawn nomination cannot be changed; withdraw it instead.")
        )
    delegate.status = DelegateStatus.PENDING
    delegate.reason = ""
    delegate.is_late = delegate.is_late or delegate.delegation.registration.is_late()
    _check_cap(delegate)
    return save_validated(delegate)


@service
def upload_letter(letter: Letter, *, acting_user) -> Letter:
    """Store a note verbale, credentials or another letter of the delegation."""
    check_manage(acting_user, letter.delegation)
    upload = letter.file
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    if not name:
        raise ValidationError({"file": _("Choose a file.")})
    if not name.lower().endswith(LETTER_EXTENSIONS):
        raise ValidationError(
            {"file": _("Send the letter as PDF, a Word or OpenDocument file, or a scan (JPEG, PNG).")}
        )
    if upload.size > settings.ACCORD_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than the limit of %(limit)s MB.")
                % {"limit": settings.ACCORD_MAX_UPLOAD_BYTES // (1024 * 1024)}
            }
        )
    letter.name = name[:300]
    letter.uploaded_by = acting_user if getattr(acting_user, "pk", None) else None
    return save_validated(letter)


# ---- the secretariat decides ----------------------------------------------------------------------


def _participant_role(delegation: Delegation) -> str:
    if delegation.category == DelegationCategory.MEMBER_STATE:
        return ParticipantRole.MEMBER
    return ParticipantRole.OBSERVER


def _person_of(delegate: Delegate, *, acting_user) -> Person:
    """The registry person of the delegate, added to the registry on approval when new."""
    if delegate.person_id:
        return delegate.person
    person = Person(
        family_name_ru=delegate.family_name_ru,
        given_name_ru=delegate.given_name_ru,
        family_name_en=delegate.family_name_en,
        given_name_en=delegate.given_name_en,
        is_public=False,
        added_by_state=delegate.delegation.state,
    )
    return save_registry_record(person, acting_user=acting_user)


def _participate(delegate: Delegate, *, acting_user) -> None:
    """Make the approved delegate (and their delegation, once) the meeting's participants."""
    delegation = delegate.delegation
    meeting = delegation.registration.meeting
    role = _participant_role(delegation)
    sender = {"state": delegation.state} if delegation.state_id else {"organization": delegation.organization}
    if not meeting.participations.filter(**sender).exists():
        delegation.participation = meetings.add_participation(
            Participation(meeting=meeting, role=role, mode=delegate.mode, **sender), acting_user=acting_user
        )
        save_validated(delegation)
    if not meeting.participations.filter(person=delegate.person).exists():
        with override("ru"):
            note = f"{delegate.get_function_display()}, {delegation.sender}"
        delegate.participation = meetings.add_participation(
            Participation(
                meeting=meeting, person=delegate.person, role=role, mode=delegate.mode, note=note[:500]
            ),
            acting_user=acting_user,
        )


@service
def approve_delegate(delegate: Delegate, *, acting_user) -> Delegate:
    """Approve a pending delegate: they become the meeting's participant, with role and mode."""
    _check_secretariat(acting_user)
    if delegate.status != DelegateStatus.PENDING:
        raise ValidationError(_("Only a pending nomination can be approved."))
    registration = delegate.delegation.registration
    if (
        registration.requires_note_verbale
        and not delegate.delegation.letters.filter(kind=LetterKind.NOTE_VERBALE).exists()
    ):
        raise ValidationError(_("The delegation has not uploaded its note verbale yet."))
    # Read from the database: the credentials may have been recorded since this delegate was loaded.
    presented = Delegation.objects.filter(pk=delegate.delegation_id, credentials__in=CREDENTIALS_ADMIT)
    if registration.requires_credentials and not presented.exists():
        raise ValidationError(
            _(
                "This meeting requires credentials: record the delegation's credentials "
                "(formal, or a copy) before approving its delegates."
            )
        )
    delegate.person = _person_of(delegate, acting_user=acting_user)
    delegate.status = DelegateStatus.APPROVED
    delegate.reason = ""
    delegate.decided_at = timezone.now()
    delegate.decided_by = acting_user
    _participate(delegate, acting_user=acting_user)
    return save_validated(delegate)


@service
def return_delegate(delegate: Delegate, *, acting_user, reason: str) -> Delegate:
    """Return a pending nomination to the focal point with the reason; they may change and resend it."""
    _check_secretariat(acting_user)
    if delegate.status != DelegateStatus.PENDING:
        raise ValidationError(_("Only a pending nomination can be returned."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the nomination is returned.")})
    delegate.status = DelegateStatus.RETURNED
    delegate.reason = reason.strip()
    delegate.decided_at = timezone.now()
    delegate.decided_by = acting_user
    return save_validated(delegate)


@service
def record_credentials(
    delegation: Delegation, *, acting_user, credentials: str, note: str = ""
) -> Delegation:
    """Record what credentials the delegation presented: formal, a copy (or a note), or none."""
    _check_secretariat(acting_user)
    if credentials not in Credentials.values:
        raise ValidationError({"credentials": _("Choose formal credentials, a copy, or none.")})
    delegation.credentials = credentials
    delegation.credentials_note = note.strip()
    delegation.credentials_recorded_at = timezone.now()
    return save_validated(delegation)


def _leave(delegate: Delegate, *, acting_user) -> None:
    """Remove the participations registration added for the delegate (and the delegation when none is left)."""
    if delegate.participation_id:
        meetings.remove_participation(delegate.participation, acting_user=acting_user)
        delegate.participation = None
    delegation = delegate.delegation
    others = delegation.delegates.filter(status=DelegateStatus.APPROVED).exclude(pk=delegate.pk)
    if delegation.participation_id and not others.exists():
        meetings.remove_participation(delegation.participation, acting_user=acting_user)
        delegation.participation = None
        save_validated(delegation)


@service
def withdraw_delegate(delegate: Delegate, *, acting_user, reason: str = "") -> Delegate:
    """Withdraw a nomination.

    A focal point withdraws a pending or returned one at once; an approved
    delegate is already a participant, so their withdrawal is a request the
    secretariat carries out (the meetings service is the secretariat's).
    """
    check_manage(acting_user, delegate.delegation)
    if delegate.status == DelegateStatus.WITHDRAWN:
        raise ValidationError(_("The nomination is already withdrawn."))
    reason = (reason or "").strip()
    if delegate.status == DelegateStatus.APPROVED and not is_secretariat(acting_user):
        delegate.is_withdrawal_requested = True
        delegate.reason = reason
        return save_validated(delegate)
    if delegate.status == DelegateStatus.APPROVED:
        _leave(delegate, acting_user=acting_user)
    delegate.status = DelegateStatus.WITHDRAWN
    delegate.is_withdrawal_requested = False
    delegate.reason = reason
    delegate.decided_at = timezone.now()
    return save_validated(delegate)
