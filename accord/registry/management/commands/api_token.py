"""`accord api-token USER`: issue, list and revoke a user's API tokens."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from knox.models import AuthToken

from accord.core.tokens import issue_token, revoke_tokens


class Command(BaseCommand):
    help = _(
        "Issue a new API token for a user and print it (--reset revokes the user's other tokens "
        "first); --list shows the user's tokens, --revoke KEY revokes one."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--reset", action="store_true", help=_("Revoke the user's tokens, then issue a new one.")
        )
        action.add_argument("--list", action="store_true", help=_("List the user's tokens."))
        action.add_argument("--revoke", metavar="KEY", help=_("Revoke the token that starts with KEY."))
        action.add_argument("--revoke-all", action="store_true", help=_("Revoke all the user's tokens."))
        parser.add_argument(
            "--days", type=int, help=_("Lifetime of the new token in days (default: ACCORD_TOKEN_DAYS).")
        )

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user “%(username)s”.") % {"username": username})
        days = options.get("days")
        if days is not None and days < 1:
            raise CommandError(_("--days must be a positive number of days."))
        tokens = AuthToken.objects.filter(user=user)
        if options.get("list"):
            for token in tokens.order_by("created"):
                self.stdout.write(
                    f"{token.token_key}\t{token.created:%Y-%m-%d %H:%M}\t{token.expiry:%Y-%m-%d %H:%M}"
                )
            return
        if options.get("revoke"):
            key = options["revoke"].rstrip(".…")
            if not revoke_tokens(tokens.filter(token_key=key), acting_user=None):
                raise CommandError(
                    _("“%(username)s” has no token %(key)s.") % {"username": username, "key": key}
                )
            self.stderr.write(_("Revoked."))
            return
        if options.get("revoke_all"):
            count = revoke_tokens(tokens, acting_user=None)
            self.stderr.write(_("Revoked: %(count)d.") % {"count": count})
            return
        if options.get("reset"):
            revoke_tokens(tokens, acting_user=None)
        token, secret = issue_token(user, acting_user=None, days=days)
        self.stdout.write(secret)
        self.stderr.write(_("Expires %(expiry)s.") % {"expiry": f"{token.expiry:%Y-%m-%d %H:%M} UTC"})
