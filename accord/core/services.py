"""What every write service shares: one transaction, the actor in the audit log, validation before saving.

An app's `services.py` is the one write path of its records (CONVENTIONS.md):

    @service
    def add_participation(participation, *, acting_user):
        check_secretariat(acting_user)
        return save_validated(participation)

`@service` runs the function in one transaction with `acting_user` named in
the audit log (keeping the request's address, `accord.core.audit.acting_as`),
so a service cannot forget either; `save_validated` is `full_clean()` then
`save()`.
"""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import models, transaction

from accord.core.audit import acting_as

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=models.Model)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """Run a write service in one transaction, its writes audited as `acting_user`'s (keyword-only)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if "acting_user" not in kwargs:
            raise TypeError(f"{func.__qualname__}() needs the keyword argument acting_user")
        actor = kwargs["acting_user"]
        with transaction.atomic():
            if actor is None:  # a system run: the caller's own audit context (a command's `set_actor`) stands
                return func(*args, **kwargs)
            with acting_as(actor):
                return func(*args, **kwargs)

    return wrapper


def save_validated(instance: M, **save_options) -> M:
    """`full_clean()` (the model's own rules), then `save()`: a service never stores an invalid row."""
    instance.full_clean()
    instance.save(**save_options)
    return instance
