"""What registration adds to a meeting's page (via the core `record_panels` tag).

`meetings` sits below `delegations` (DESIGN.md §5), so the meeting page does
not know about registration: this panel shows the published list of
participants to everyone, and the way in to the secretariat, focal points and organizations' contacts.
"""

from django.template.loader import render_to_string

from accord.core.cache import ids_for_reader
from accord.core.roles import is_secretariat
from accord.delegations.models import Registration
from accord.delegations.outputs import approved_by_delegation
from accord.delegations.querysets import registers_own_delegation
from accord.delegations.services import category_for, own_sender
from accord.meetings.models import Meeting


def record_panel(request, obj) -> str:
    """The published list (names, functions, states), and links for those who register or review."""
    if not isinstance(obj, Meeting):
        return ""
    user = getattr(request, "user", None)
    secretariat = is_secretariat(user)
    registration = None
    if obj.pk in meetings_with_registration(user):  # most meetings have none: no query for them
        registration = Registration.objects.visible_to(user).filter(meeting=obj).first()
    if registration is None:
        if not secretariat:
            return ""
        return render_to_string(
            "delegations/_record_panel.html", {"meeting": obj, "can_open": True}, request=request
        )
    published = approved_by_delegation(registration) if registration.is_list_published else []
    return render_to_string(
        "delegations/_record_panel.html",
        {
            "meeting": obj,
            "registration": registration,
            "groups": published,
            "secretariat": secretariat,
            "registers": registers_own_delegation(user) and _open_to(registration, user),
        },
        request=request,
    )


def _open_to(registration: Registration, user) -> bool:
    """Registration is open to the category of the user's state or organization."""
    return category_for(registration, own_sender(user)) is not None


def meetings_with_registration(user) -> frozenset[int]:
    """Meetings with a registration this reader's panel may show (for the public: a published list)."""
    return ids_for_reader(
        "delegations-meetings",
        user,
        lambda: Registration.objects.all(),
        lambda: Registration.objects.filter(is_list_published=True),
        "meeting_id",
    )
