"""Request plumbing shared by every app."""

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.utils.functional import SimpleLazyObject


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, with the actor read when a change is logged.

    The stock middleware reads `request.user` as the request arrives, before the
    REST framework has authenticated an API token, so token writes were logged
    with no actor. The framework sets the user it authenticates on the Django
    request too; reading it lazily, when the first log entry is saved, names
    whoever the request finally turned out to be, however they signed in.
    """

    @staticmethod
    def _get_actor(request):
        # An anonymous visitor resolves to AnonymousUser, which auditlog ignores.
        return SimpleLazyObject(lambda: request.user)
