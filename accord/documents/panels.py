"""What documents add to a meeting's page (via the core `record_panels` tag).

`meetings` sits below `documents` (DESIGN.md §5), so the meeting page does not
list documents itself: this panel does, through the `record_panel` hook.
"""

from django.template.loader import render_to_string

from accord.core.roles import is_secretariat
from accord.documents.models import Document
from accord.meetings.models import Meeting


def record_panel(request, obj) -> str:
    """A meeting's documents the reader may see, and the secretariat's way to add one."""
    if not isinstance(obj, Meeting):
        return ""
    user = getattr(request, "user", None)
    documents = list(
        Document.objects.visible_to(user)
        .filter(meeting=obj)
        .select_related("agenda_item")
        .defer("text", "minhash")  # the panel lists them: not their (long) texts
    )
    can_edit = is_secretariat(user)
    if not documents and not can_edit:
        return ""  # a section with nothing to show is left out; the secretariat keeps it, to add one
    return render_to_string(
        "documents/_record_panel.html",
        {"documents": documents, "meeting": obj, "can_edit": can_edit},
        request=request,
    )
