"""Public pages from the cache, invalidated whenever a record changes.

A page rendered for an anonymous visitor is kept under a key made of its
host, address, language, htmx-ness and the *generation*: a random token that
a change of an Accord record (a save, delete or many-to-many change; signals
as plumbing, like the audit log) replaces. A new generation orphans every
cached page at once, so a change is never served stale, and the orphans
expire by their timeout. The generation is read before the page is rendered,
so a page built from data that changed while it was being rendered is stored
under the old generation and never served.

A fresh token rather than `cache.incr`: on a backend whose `incr` is a read
and a write (the file cache below), two processes bumping at once could leave
the count at a value pages were already stored under; a token written in one
`set` cannot, and neither can one lost to eviction or a restart.

When to bump. A change outside a transaction is committed already: bump now.
Inside one, other processes cannot see the change before the commit, so the
bump that matters to them runs once at commit (`on_commit`, registered once
per transaction: loading thousands of reference rows costs one write, not one
per row). The writer's own process may render pages inside its transaction (a
test, a command), so the change also bumps at once, but only when this
process read the generation since its last bump: nothing can be stored under
a generation nobody read.

The pages live in Django's default cache: Redis when `REDIS_URL` is set
(shared by every process), else each process's local memory. The generation
lives in the `generation` cache, which every process on the machine shares:
the same Redis, or without Redis Django's file-based cache in `VAR_DIR`, so
that a change made by one process (a gunicorn worker, the task worker, `accord
load-samples`) reaches the pages cached by every other.

Public content can also change with no write at all: a news item scheduled
for publication appears when its time comes. Apps say when that next happens
through an AppConfig `cache_horizon` (a dotted path to a function returning
an aware datetime or None), and no page is kept past the earliest one.
"""

import contextlib
import functools
import hashlib
import secrets
import weakref
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

#: The cache alias every process shares (settings.CACHES).
GENERATION_CACHE = "generation"
GENERATION_KEY = "accord:generation"

#: Models whose rows change without changing anything the public sees.
IGNORED_MODELS = {
    "legal_cooperation.accesslog",
    "chairmanship.remindersent",
    "extraction.extraction",
    "core.processheartbeat",
    "core.scheduledrun",
}

if TYPE_CHECKING:
    from django.db.models import QuerySet

T = TypeVar("T")
_MISSING = object()

#: Whether this process read the generation since it last bumped it.
_read_since_bump = True
#: Per connection, the list of commit hooks that holds our bump (a new transaction has a new list).
_scheduled: "weakref.WeakKeyDictionary[object, list]" = weakref.WeakKeyDictionary()


def _new_token() -> str:
    return secrets.token_hex(8)


def generation() -> str:
    """The current generation, created on first use."""
    global _read_since_bump
    store = caches[GENERATION_CACHE]
    token = store.get(GENERATION_KEY)
    if token is None:
        store.add(GENERATION_KEY, _new_token(), timeout=None)
        token = store.get(GENERATION_KEY) or _new_token()
    _read_since_bump = True
    return str(token)


def bump_generation() -> None:
    """Make every cached page stale: call it after writes that send no signals (bulk loads)."""
    global _read_since_bump
    _read_since_bump = False  # before the write: a read after it marks the new generation as read
    caches[GENERATION_CACHE].set(GENERATION_KEY, _new_token(), timeout=None)


def _bump_at_commit(using: str | None) -> None:
    """Register one bump at the commit of the current transaction, unless it already holds one.

    Django only ever replaces a connection's list of commit hooks (at commit,
    at rollback, and filtered at a savepoint's rollback), never empties it in
    place: while the list is the one our bump was added to, the bump is in it.
    """
    connection = transaction.get_connection(using)
    hooks = connection.run_on_commit
    if _scheduled.get(connection) is hooks:
        return
    if not any(func is bump_generation for _ids, func, _robust in hooks):
        transaction.on_commit(bump_generation, using=using)
    _scheduled[connection] = connection.run_on_commit


@functools.cache
def _accord_labels() -> frozenset[str]:
    return frozenset(config.label for config in apps.get_app_configs() if config.name.startswith("accord."))


def _invalidate(using=None) -> None:
    """Make pages stale after a write: at once outside a transaction, else once more at its commit."""
    if not transaction.get_connection(using).in_atomic_block:
        bump_generation()  # committed already
        return
    if _read_since_bump:
        bump_generation()  # for this process's own pages inside the transaction
    _bump_at_commit(using)


#: True inside `invalidation_deferred()`: saves make no page stale one by one.
_deferred: ContextVar[bool] = ContextVar("accord_cache_deferred", default=False)


@contextlib.contextmanager
def invalidation_deferred(using=None) -> Iterator[None]:
    """Writes inside the block make every page stale once, when the outermost block ends (and at commit).

    For bulk loads: thousands of saved rows would otherwise replace the generation thousands of times.
    """
    if _deferred.get():
        yield
        return
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        _invalidate(using)


def _changed(sender, using=None, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.label_lower in IGNORED_MODELS or _deferred.get():
        return
    if meta.app_label in _accord_labels() or meta.auto_created:
        _invalidate(using)


def connect_invalidation() -> None:
    """Called once from the core app's `ready`."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"accord-cache-{signal!r}")


def page_key(request, token: str | None = None) -> str:
    """Where the page for this request is kept; the htmx partial of a list is a page of its own."""
    variant = (
        "htmx" if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted") else "page"
    )
    address = hashlib.md5(
        f"{request.get_host()}|{request.get_full_path()}".encode(), usedforsecurity=False
    ).hexdigest()
    return f"accord:page:{token or generation()}:{get_language()}:{variant}:{address}"


def _horizon(token: str):
    """The next moment public content changes by itself (from the apps' `cache_horizon`), or None."""
    import datetime

    from django.utils import timezone

    from accord.core.reference import loaders

    key = f"accord:horizon:{token}"
    value = cache.get(key)
    if value is None or (value != "none" and value <= timezone.now()):
        moments = [moment for hook in loaders("cache_horizon") if (moment := hook())]
        value = min(moments) if moments else "none"
        cache.set(key, value, timeout=settings.ACCORD_PAGE_CACHE_SECONDS)
    return value if isinstance(value, datetime.datetime) else None


def page_timeout(token: str) -> int:
    """Seconds a page may be kept: the configured timeout, or less when content changes by itself sooner."""
    import math

    from django.utils import timezone

    timeout = settings.ACCORD_PAGE_CACHE_SECONDS
    horizon = _horizon(token)
    if horizon is not None:
        timeout = min(timeout, max(1, math.ceil((horizon - timezone.now()).total_seconds())))
    return timeout


def fragment_key(name: str, *vary, token: str | None = None) -> str:
    """Where a shared fragment is kept: its name and what it varies on, under the generation and language."""
    detail = hashlib.md5(repr(vary).encode(), usedforsecurity=False).hexdigest() if vary else "-"
    return f"accord:fragment:{token or generation()}:{get_language()}:{name}:{detail}"


def shared_fragment(name: str, build: Callable[[], T], *vary, user=None) -> T:
    """What many public pages show alike (a filter's choices, a panel), built once per generation and language.

    The page cache keeps whole pages, one per address; a part that the
    calendar's sixty addresses or the news list's pages all draw would still be
    built for each of them. Here it is built once and kept until the next
    change of any record (the same generation as the pages, read before the
    build, so a part built from data changed meanwhile is never served) or the
    next moment content changes by itself. Only what an anonymous visitor may
    see is shared: for a signed-in `user`, who may see more, it is built afresh.
    `vary` is whatever else the part depends on (a body, a page number).
    """
    if user is not None and getattr(user, "is_authenticated", False):
        return build()
    token = generation()
    key = fragment_key(name, *vary, token=token)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout=page_timeout(token))
    return value


def referenced_ids(name: str, rows: Callable[[], "QuerySet"], field: str) -> frozenset[int]:
    """The ids that any of `rows` points to through `field`, read once per change for every reader.

    For a page part that most records lack (a meeting's reviews, a state's
    recommendations): a record not among them skips its query. Only numbers,
    so one copy serves everyone; the rows themselves are still read through
    `visible_to`, so this may say "some" where a reader sees none, never the
    reverse.
    """
    return shared_fragment(
        name,
        lambda: frozenset(
            rows().exclude(**{field: None}).order_by().values_list(field, flat=True).distinct()
        ),
    )


def ids_for_reader(
    name: str,
    user,
    every: Callable[[], "QuerySet"],
    public: Callable[[], "QuerySet"],
    *fields: str,
) -> frozenset[int]:
    """`referenced_ids` as this reader needs them: for the public, only from the rows the public may see.

    A signed-in reader gets the ids that `every` row points to through any of
    `fields`; an anonymous one only those that the `public` rows (the ones the
    panel's own rule lets the public see) point to. So a record named only by
    restricted rows (a state with confidential recommendations alone) costs the
    public no query, and a panel that can show the public nothing asks nothing.
    Each field is read in one query once per change, for every reader of its kind.
    """
    anonymous = not getattr(user, "is_authenticated", False)
    rows, kind = (public, "public") if anonymous else (every, "all")
    found: frozenset[int] = frozenset()
    for field in fields:
        found |= shared_fragment(
            f"ids:{kind}:{name}:{field}",
            lambda field=field: frozenset(
                rows()
                .filter(**{f"{field}__isnull": False})
                .order_by()
                .values_list(field, flat=True)
                .distinct()  # each id once from the database, not once per row
            ),
        )
    return found


def _has_messages(request) -> bool:
    return len(get_messages(request)) > 0 if hasattr(request, "_messages") else False


def _personal(request, response) -> bool:
    """True when the response belongs to this visitor only and must not be shared."""
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(getattr(request, "session", None), "modified", False)
        or _has_messages(request)
    )


def public_page(view):
    """Serve a GET for an anonymous visitor from the cache; anyone signed in gets a fresh page.

    Only a complete 200 page that sets no cookie, uses no CSRF token, changes
    no session and shows no flash message is stored: anything else is
    personal to the visitor or to the moment.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated or _has_messages(request):
            return view(request, *args, **kwargs)
        token = generation()
        key = page_key(request, token)
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not getattr(response, "streaming", False):
            # Pages differ by who is signed in and by the language cookie.
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            if not _personal(request, response):
                cache.set(key, response, timeout=page_timeout(token))
        return response

    return wrapped
