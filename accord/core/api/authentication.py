"""API tokens: django-rest-knox's hashed, expiring tokens, refused with a 401."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions, status


class TokenRejected(exceptions.APIException):
    """A token that is unknown, revoked or expired: 401 with `WWW-Authenticate: Token`.

    Not an `AuthenticationFailed`: the REST framework turns that into a 403
    whenever the first authentication class (the session) names no scheme,
    and a script must be able to tell "renew your token" from "your role
    may not do this".
    """

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = _("The token is invalid, expired or revoked.")
    default_code = "authentication_failed"
    auth_header = "Token"


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token accord_…`; an expired token is deleted and refused."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as exc:
            raise TokenRejected() from exc


class TokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema: `Authorization: Token …`, as before knox."""

    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
