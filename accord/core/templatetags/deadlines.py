"""`{% my_deadlines %}`: the signed-in user's overdue and coming deadlines, from every app."""

from django import template
from django.utils import timezone

from accord.core.deadlines import deadlines_for

register = template.Library()


@register.inclusion_tag("core/_my_deadlines.html", takes_context=True)
def my_deadlines(context, within_days: int = 14) -> dict:
    """The same list the reminder e-mails send, so the home page and the mailbox agree."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    if user is None or not user.is_authenticated:
        return {"deadlines": None, "today": today}
    found = deadlines_for(user, today=today, within_days=within_days)
    rows = [(d, d.days_left(today), -d.days_left(today)) for d in found]
    return {"deadlines": found, "rows": rows, "today": today, "within_days": within_days}
