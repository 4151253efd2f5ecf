"""Public pages from the cache, invalidated whenever a record changes.

A page rendered for an anonymous visitor is kept under a key made of its
address, its language and the *generation*: a counter that every committed
save or delete of an Accord record bumps (signals as plumbing, like the audit
log). A new generation orphans every cached page at once, so a change is never
served stale, and the orphans expire by their timeout. The generation is read
before the page is rendered, so a page built from data that changed while it
was being rendered is stored under the old generation and never served.

The cache is Django's: Redis when `REDIS_URL` is set (shared by every
process), local memory otherwise (one process, as `runserver`).
"""

import functools
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

GENERATION_KEY = "accord:generation"

#: Models whose rows change without changing anything the public sees.
IGNORED_MODELS = {
    "legal_cooperation.accesslog",
    "chairmanship.remindersent",
    "extraction.extraction",
}


def generation() -> int:
    """The current generation; starts at 1 when the cache holds none."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump_generation() -> None:
    """Make every cached page stale: call it after writes that send no signals (bulk loads)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _accord_labels() -> set[str]:
    return {config.label for config in apps.get_app_configs() if config.name.startswith("accord.")}


def _changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.label_lower in IGNORED_MODELS:
        return
    if meta.app_label in _accord_labels() or meta.auto_created:
        # Now, for the writer's next page, and again at commit, for pages
        # rendered from the old data while the transaction was open.
        bump_generation()
        transaction.on_commit(bump_generation)


def connect_invalidation() -> None:
    """Called once from the core app's `ready`."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"accord-cache-{signal!r}")


def page_key(request) -> str:
    address = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"accord:page:{generation()}:{get_language()}:{address}"


def public_page(view):
    """Serve a GET for an anonymous visitor from the cache; anyone signed in gets a fresh page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = page_key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
            patch_cache_control(response, public=True, max_age=settings.ACCORD_PAGE_CACHE_SECONDS)
            cache.set(key, response, timeout=settings.ACCORD_PAGE_CACHE_SECONDS)
        return response

    return wrapped
