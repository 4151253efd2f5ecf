"""Template context shared by every page."""

from accord.core.roles import MEMBER_ROLES, Role, roles_of


def roles(request) -> dict:
    """`user_roles`: the network roles of a member (empty for the public and organizations' contacts)."""
    all_roles = roles_of(getattr(request, "user", None))
    user_roles = all_roles & MEMBER_ROLES
    return {
        "user_roles": user_roles,
        "is_secretariat": Role.SECRETARIAT in user_roles,
        "is_organization_contact": Role.ORGANIZATION_CONTACT in all_roles,
    }
