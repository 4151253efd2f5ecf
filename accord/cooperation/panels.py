"""What cooperation adds to a state's and a meeting's page (via the core `record_panels` tag)."""

from django.template.loader import render_to_string

from accord.cooperation.models import Agreement, Initiative
from accord.core.cache import ids_for_reader
from accord.meetings.models import Meeting
from accord.registry.models import State

PANEL_LIMIT = 50


def record_panel(request, obj) -> str:
    """A state's agreements and initiatives, or those a meeting saw proposed or signed; only what the reader may see.

    Each list is read only for a record that some initiative or agreement the
    reader may see names (most states and meetings: none).
    """
    user = getattr(request, "user", None)
    if isinstance(obj, State):
        initiative_fields, agreement_fields = INITIATIVE_STATE_FIELDS, AGREEMENT_STATE_FIELDS
    elif isinstance(obj, Meeting):
        initiative_fields, agreement_fields = ("meeting_id",), ("signed_at_meeting_id",)
    else:
        return ""
    initiatives = agreements = []
    if obj.pk in _ids(user, Initiative, *initiative_fields):
        found = Initiative.objects.visible_to(user).select_related("proposer_state", "meeting")
        found = found.of_state(obj) if isinstance(obj, State) else found.filter(meeting=obj)
        initiatives = list(found[:PANEL_LIMIT])
    if obj.pk in _ids(user, Agreement, *agreement_fields):
        found = Agreement.objects.visible_to(user)
        found = found.of_state(obj) if isinstance(obj, State) else found.filter(signed_at_meeting=obj)
        agreements = list(found[:PANEL_LIMIT])
    if not (initiatives or agreements):
        return ""
    return render_to_string(
        "cooperation/_record_panel.html",
        {"initiatives": initiatives, "agreements": agreements, "obj": obj},
        request=request,
    )


#: How an initiative and an agreement name a state, itself or through its authorities (as their `of_state`).
INITIATIVE_STATE_FIELDS = (
    "proposer_state_id",
    "proposer_organization__state_id",
    "supports__state_id",
    "supports__organization__state_id",
)
AGREEMENT_STATE_FIELDS = ("parties__state_id", "parties__organization__state_id")


def _ids(user, model, *fields: str) -> frozenset[int]:
    """What any initiative or agreement (for the public, a public one) points to through `fields`."""
    return ids_for_reader(
        f"cooperation-{model._meta.model_name}",
        user,
        model.objects.all,
        lambda: model.objects.visible_to(None),
        *fields,
    )
