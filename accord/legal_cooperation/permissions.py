"""What a user may do on one cooperation request; the querysets decide what they see."""

from accord.core.roles import is_secretariat
from accord.legal_cooperation.models import CooperationRequest
from accord.legal_cooperation.querysets import focal_state_id


def can_create(user) -> bool:
    """The secretariat, or a focal point (for requests their own state sends)."""
    return is_secretariat(user) or focal_state_id(user) is not None


def can_create_from(user, requesting_state_id: int | None) -> bool:
    return is_secretariat(user) or (
        requesting_state_id is not None and focal_state_id(user) == requesting_state_id
    )


def can_edit(user, request: CooperationRequest) -> bool:
    """The particulars (dates, legal basis, subject): the secretariat and the requesting state."""
    return is_secretariat(user) or focal_state_id(user) == request.requesting_state_id


def can_change_status(user, request: CooperationRequest) -> bool:
    """The requested state executes the request, so it (or the secretariat) reports its status."""
    return is_secretariat(user) or focal_state_id(user) == request.requested_state_id


def can_record_amounts(user, request: CooperationRequest) -> bool:
    """Either state may report what was traced, frozen, confiscated or returned."""
    state_id = focal_state_id(user)
    return is_secretariat(user) or (
        state_id is not None and state_id in (request.requesting_state_id, request.requested_state_id)
    )


def can_add_note(user, request: CooperationRequest) -> bool:
    return can_record_amounts(user, request)


def can_read_access_log(user) -> bool:
    return is_secretariat(user)
