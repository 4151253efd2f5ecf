"""What cooperation adds to a state's and a meeting's page (via the core `record_panels` tag)."""

from django.template.loader import render_to_string

from accord.cooperation.models import Agreement, Initiative
from accord.core.cache import referenced_ids
from accord.meetings.models import Meeting
from accord.registry.models import State

PANEL_LIMIT = 50


def record_panel(request, obj) -> str:
    """A state's agreements and initiatives, or those a meeting saw proposed or signed; only what the reader may see."""
    if isinstance(obj, Meeting) and obj.pk not in _meetings_with_any():
        return ""
    user = getattr(request, "user", None)
    initiatives = Initiative.objects.visible_to(user).select_related("proposer_state", "meeting")
    agreements = Agreement.objects.visible_to(user)
    if isinstance(obj, State):
        initiatives = initiatives.of_state(obj)
        agreements = agreements.of_state(obj)
    elif isinstance(obj, Meeting):
        initiatives = initiatives.filter(meeting=obj)
        agreements = agreements.filter(signed_at_meeting=obj)
    else:
        return ""
    initiatives, agreements = list(initiatives[:PANEL_LIMIT]), list(agreements[:PANEL_LIMIT])
    if not (initiatives or agreements):
        return ""
    return render_to_string(
        "cooperation/_record_panel.html",
        {"initiatives": initiatives, "agreements": agreements, "obj": obj},
        request=request,
    )


def _meetings_with_any() -> frozenset[int]:
    """Meetings that saw an initiative proposed or an agreement signed: the few whose page asks which."""
    return referenced_ids("initiative-meetings", Initiative.objects.all, "meeting_id") | referenced_ids(
        "agreement-meetings", Agreement.objects.all, "signed_at_meeting_id"
    )
