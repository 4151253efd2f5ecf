"""Changes to a chairmanship programme that the secretariat makes from the year page."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accord.chairmanship.models import ProgrammeItem
from accord.core.roles import is_secretariat
from accord.core.services import service
from accord.meetings.models import Meeting


@service
def set_item_status(
    item: ProgrammeItem, status: str, *, acting_user, meeting: Meeting | None = None
) -> ProgrammeItem:
    """Record that a planned item was held, cancelled or moved; the item stays valid or nothing changes."""
    if not is_secretariat(acting_user):
        raise PermissionDenied(_("Only the secretariat changes chairmanship programmes."))
    item.status = status
    if meeting is not None:
        item.meeting = meeting
    item.full_clean()
    item.save()
    return item
