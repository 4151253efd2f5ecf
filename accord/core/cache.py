"""Public pages from the cache, invalidated whenever a record changes.

A page rendered for an anonymous visitor is kept under a key made of its
host, address, language, htmx-ness and the *generation*: a random token that
every save, delete or many-to-many change of an Accord record replaces
(signals as plumbing, like the audit log), once at once and once more at
commit. A new generation orphans every cached page at once, so a change is
never served stale, and the orphans expire by their timeout. The generation
is read before the page is rendered, so a page built from data that changed
while it was being rendered is stored under the old generation and never
served. A token rather than a counter: a generation lost to eviction or a
restart can never come back as a value old pages are stored under.

The cache is Django's: Redis when `REDIS_URL` is set (shared by every
process). Without it pages live in each process's local memory, and the
generation in a small file (`ACCORD_CACHE_GENERATION_FILE`), so that a change
made by one process (a gunicorn worker, `accord load-samples`) reaches the
pages cached by every other process on the machine.

Public content can also change with no write at all: a news item scheduled
for publication appears when its time comes. Apps say when that next happens
through an AppConfig `cache_horizon` (a dotted path to a function returning
an aware datetime or None), and no page is kept past the earliest one.
"""

import contextlib
import functools
import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "accord:generation"

#: Models whose rows change without changing anything the public sees.
IGNORED_MODELS = {
    "legal_cooperation.accesslog",
    "chairmanship.remindersent",
    "extraction.extraction",
    "core.processheartbeat",
    "core.scheduledrun",
}


def _generation_file() -> Path | None:
    path = getattr(settings, "ACCORD_CACHE_GENERATION_FILE", None)
    return Path(path) if path else None


def _new_token() -> str:
    return secrets.token_hex(8)


def _write_file_token(path: Path, token: str) -> None:
    # Write-and-rename: a reader sees the old token or the new one, never half of one.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".generation-")
    with os.fdopen(fd, "w") as handle:
        handle.write(token)
    os.replace(temporary, path)


def generation() -> str:
    """The current generation, created on first use."""
    path = _generation_file()
    if path is not None:
        try:
            token = path.read_text().strip()
        except FileNotFoundError:
            token = ""
        if not token:
            token = _new_token()
            _write_file_token(path, token)
        return token
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        token = cache.get(GENERATION_KEY) or _new_token()
    return str(token)


def bump_generation() -> None:
    """Make every cached page stale: call it after writes that send no signals (bulk loads)."""
    path = _generation_file()
    if path is not None:
        _write_file_token(path, _new_token())
    else:
        cache.set(GENERATION_KEY, _new_token(), timeout=None)


@functools.cache
def _accord_labels() -> frozenset[str]:
    return frozenset(config.label for config in apps.get_app_configs() if config.name.startswith("accord."))


def _invalidate(using=None) -> None:
    # Now, for the writer's next page, and again at commit, for pages
    # rendered by others from the old data while the transaction was open.
    bump_generation()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump_generation, using=using)


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
