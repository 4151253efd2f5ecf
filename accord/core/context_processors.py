"""Template context shared by every page."""

from accord.core.roles import Role, roles_of


def roles(request) -> dict:
    user_roles = roles_of(getattr(request, "user", None))
    return {
        "user_roles": user_roles,
        "is_secretariat": Role.SECRETARIAT in user_roles,
    }
