"""Who reads the analytics pages: signed-in users with a role; the figures then follow each one's visibility."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accord.core.roles import is_member_user


def member_required(view: Callable) -> Callable:
    """Anonymous readers go to the login page; signed-in users without a role get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
