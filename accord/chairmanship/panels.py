"""What chairmanship adds to the workspace start page (via the core `workspace_panels` tag).

The start page is the registry's, below chairmanship (DESIGN.md §5), so this
app adds the CIS chairs of the year and the way to its own pages itself.
"""

from django.template.loader import render_to_string

from accord.registry.models import Membership


def workspace_panel(request) -> str:
    """Who chairs and co-chairs the CIS today, with a link to the chairmanship by year; nothing when nobody does."""
    chairs = list(
        Membership.objects.current()
        .filter(body__slug="cis", role__in=["chair", "co_chair"])
        .select_related("state", "body")
        .order_by("role")
    )
    if not chairs:
        return ""
    return render_to_string("chairmanship/_workspace_panel.html", {"chairs": chairs}, request=request)
