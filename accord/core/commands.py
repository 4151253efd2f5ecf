"""Pieces shared by management commands that change data."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def add_acting_user_argument(parser) -> None:
    """`--as USERNAME` (or `--user USERNAME`): whom the audit log names for the command's changes."""
    parser.add_argument(
        "--as",
        "--user",
        dest="as_user",
        metavar="USERNAME",
        help=gettext_lazy("Act as this user, named in the audit log (default: the first superuser)."),
    )


def resolve_acting_user(username: str | None):
    """The user a command acts as: `--as USERNAME`, or the first active superuser.

    A command's changes are audited like any other; with no such user it
    refuses to run rather than write changes that name no one.
    """
    users = get_user_model().objects
    if username:
        user = users.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("There is no active user “%(username)s”.") % {"username": username})
        return user
    user = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError(
            _("There is no superuser to act as: pass --as USERNAME or create one (accord createsuperuser).")
        )
    return user
