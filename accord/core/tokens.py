"""API tokens: issued, listed and revoked here, for the pages, the API and the CLI alike.

The tokens are django-rest-knox's: only a hash is stored, each expires after
`ACCORD_TOKEN_DAYS`, a user may hold several (one per script), and the first
characters (`token_key`, e.g. `accord_1a2b3c4d`) name a token without giving it away.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from knox.models import AuthToken

from accord.core.roles import is_secretariat

logger = logging.getLogger("accord.security")


def tokens_visible_to(user) -> QuerySet[AuthToken]:
    """The live tokens a user may see and revoke: their own; the secretariat's, everyone's."""
    live = AuthToken.objects.filter(expiry__gt=timezone.now()).select_related("user")
    if not user.is_authenticated:
        return live.none()
    if is_secretariat(user):
        return live
    return live.filter(user=user)


def issue_token(user, *, acting_user, days: int | None = None) -> tuple[AuthToken, str]:
    """A new token for `user`, valid for `days` (default `ACCORD_TOKEN_DAYS`).

    Returns the stored token and its secret, which exists nowhere else: show
    it once. `acting_user` is None when the command line issues it.
    """
    lifetime = datetime.timedelta(days=days or settings.ACCORD_TOKEN_DAYS)
    token, secret = AuthToken.objects.create(user=user, expiry=lifetime)
    logger.info(
        "API token %s issued to %s by %s, expires %s",
        token.token_key,
        user.get_username(),
        acting_user.get_username() if acting_user else "the command line",
        token.expiry.isoformat(),
    )
    return token, secret


def revoke_tokens(tokens: QuerySet[AuthToken], *, acting_user) -> int:
    """Delete the tokens (they stop working at once); the number revoked."""
    keys = [(token.token_key, token.user.get_username()) for token in tokens.select_related("user")]
    tokens.delete()
    for key, owner in keys:
        logger.info(
            "API token %s of %s revoked by %s",
            key,
            owner,
            acting_user.get_username() if acting_user else "the command line",
        )
    return len(keys)
