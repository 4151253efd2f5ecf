"""Writing news: the secretariat's saves, the editorial workflow and the links to registry records.

Every function here guarantees the same things: only the secretariat writes
(`PermissionDenied` otherwise); bodies are stored sanitized; a row is saved
only after `full_clean()`; a refused change leaves nothing behind. Each save
asks extraction which states, bodies, people and meetings the text names and
proposes links to those not yet linked; a proposal the editor rejected stays
rejected and is not proposed again.
"""

import logging

from auditlog.context import disable_auditlog
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from slugify import slugify

from accord.core.roles import is_secretariat
from accord.core.services import service
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import LINK_TARGETS, NewsAttachment, NewsItem, NewsLink
from accord.news.sanitize import sanitize_html

logger = logging.getLogger(__name__)

#: The fields an editor writes; status, time, author and address follow from the services.
EDITABLE_FIELDS = (
    "title_ru",
    "title_en",
    "lead_ru",
    "lead_en",
    "body_ru",
    "body_en",
    "lead_image",
    "lead_image_alt_ru",
    "lead_image_alt_en",
)
#: Addresses taken by the news pages themselves (/news/manage/, /news/feed/…).
RESERVED_SLUGS = {"manage", "feed", "files", "new"}
SLUG_LENGTH = 80


def _require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat writes news."))


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """An address from the title, Russian transliterated («Заседание совета» → zasedanie-soveta), unique."""
    base = slugify(title or "", max_length=SLUG_LENGTH, word_boundary=True) or "news"
    taken = set(
        NewsItem.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@service
def save_news_item(item: NewsItem, *, acting_user) -> NewsItem:
    """Sanitize the bodies, give a new item its address and author, validate, save, propose links."""
    _require_secretariat(acting_user)
    for field in ("title_ru", "title_en", "lead_ru", "lead_en", "lead_image_alt_ru", "lead_image_alt_en"):
        setattr(item, field, (getattr(item, field) or "").strip())
    item.body_ru = sanitize_html(item.body_ru)
    item.body_en = sanitize_html(item.body_en)
    if not item.slug:
        item.slug = unique_slug(item.title_ru or item.title_en, exclude_pk=item.pk)
    if item.pk is None and item.author_id is None and acting_user.is_authenticated:
        item.author = acting_user
    item.full_clean()
    item.save()
    propose_links(item)
    return item


def create_news_item(*, acting_user, **fields) -> NewsItem:
    """A new draft from the editable fields."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return save_news_item(NewsItem(status=NewsStatus.DRAFT, **fields), acting_user=acting_user)


def update_news_item(item: NewsItem, *, acting_user, **fields) -> NewsItem:
    """Change the editable fields of an item, whatever its status; its address stays."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(item, name, value)
    return save_news_item(item, acting_user=acting_user)


# ---- workflow -------------------------------------------------------------------------------------


def _locked(item: NewsItem) -> NewsItem:
    """The row as stored, locked: two editors cannot both move it."""
    return NewsItem.objects.select_for_update().get(pk=item.pk)


def _move(item: NewsItem, current: NewsItem, status: str, published_at) -> NewsItem:
    current.status, current.published_at = status, published_at
    current.full_clean()
    current.save(update_fields=["status", "published_at", "updated_at"])
    item.status, item.published_at, item.updated_at = current.status, current.published_at, current.updated_at
    return item


@service
def submit_for_review(item: NewsItem, *, acting_user) -> NewsItem:
    """Draft → review."""
    _require_secretariat(acting_user)
    current = _locked(item)
    if current.status != NewsStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be sent for review; this item is “%(status)s”.")
            % {"status": current.get_status_display()},
            code="invalid_transition",
        )
    return _move(item, current, NewsStatus.REVIEW, None)


@service
def publish(item: NewsItem, *, acting_user, at=None) -> NewsItem:
    """Review → published at `at` (now by default); a time to come schedules the item."""
    _require_secretariat(acting_user)
    current = _locked(item)
    if current.status != NewsStatus.REVIEW:
        raise ValidationError(
            _("Only an item in review can be published; this item is “%(status)s”.")
            % {"status": current.get_status_display()},
            code="invalid_transition",
        )
    at = at or timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    return _move(item, current, NewsStatus.PUBLISHED, at)


@service
def return_to_draft(item: NewsItem, *, acting_user) -> NewsItem:
    """Review or published (or scheduled) → draft: the item leaves the public pages and feeds."""
    _require_secretariat(acting_user)
    current = _locked(item)
    if current.status == NewsStatus.DRAFT:
        raise ValidationError(_("This item is already a draft."), code="invalid_transition")
    return _move(item, current, NewsStatus.DRAFT, None)


# ---- links -------------------------------------------------------------------------------------------


def propose_links(item: NewsItem) -> dict[str, int]:
    """Make the item's proposed links those its text names now; confirmed and rejected links stay as decided.

    Extraction is a help, not a condition of saving: if it fails, the item is
    saved without new proposals and the failure is logged.
    """
    from accord.news.proposals import named_records

    try:
        with transaction.atomic():
            named = named_records(item)
    except Exception:
        logger.exception("Extraction failed for news item %s", item.pk)
        return {"proposed": 0, "removed": 0}
    links = {(link.field, link.target.pk): link for link in item.links.select_related(*LINK_TARGETS)}
    wanted, created = set(), 0
    with disable_auditlog():  # machine-written proposals; the editor's decisions are what the log keeps
        for found in named:
            key = (found.field, found.record.pk)
            wanted.add(key)
            if key in links:
                continue
            link = NewsLink(
                news=item,
                status=LinkStatus.PROPOSED,
                matched_text=found.matched_text,
                **{found.field: found.record},
            )
            link.full_clean(validate_unique=False)
            link.save()
            created += 1
        stale = [
            link.pk for key, link in links.items() if key not in wanted and link.status == LinkStatus.PROPOSED
        ]
        if stale:
            NewsLink.objects.filter(pk__in=stale).delete()
    return {"proposed": created, "removed": len(stale)}


@service
def confirm_links(item: NewsItem, *, acting_user, link_ids=None) -> int:
    """Confirm the item's proposed links, all of them (one click) or those of `link_ids`; returns how many."""
    _require_secretariat(acting_user)
    links = item.links.filter(status=LinkStatus.PROPOSED)
    if link_ids is not None:
        ids = {int(i) for i in link_ids}
        links = links.filter(pk__in=ids)
        if len(links) != len(ids):
            raise ValidationError(
                _("Some of the chosen links are not proposals of this item (already decided?)."),
                code="unknown_links",
            )
    count = 0
    for link in links:
        link.status = LinkStatus.CONFIRMED
        link.save(update_fields=["status", "updated_at"])
        count += 1
    return count


@service
def reject_link(link: NewsLink, *, acting_user) -> NewsLink:
    """Reject a proposal or remove a confirmed link; either way it is not proposed again."""
    _require_secretariat(acting_user)
    if link.status == LinkStatus.REJECTED:
        raise ValidationError(_("This link is already rejected."), code="invalid_transition")
    link.status = LinkStatus.REJECTED
    link.save(update_fields=["status", "updated_at"])
    return link


@service
def add_link(item: NewsItem, *, acting_user, target, matched_text: str = "") -> NewsLink:
    """Link the item to a state, organization, person or meeting by hand (confirmed at once)."""
    _require_secretariat(acting_user)
    field = NewsLink.field_for(target) if target is not None else None
    if field is None:
        raise ValidationError(_("News links to a state, an organization, a person or a meeting."))
    link = item.links.filter(**{field: target}).first()
    if link is None:
        link = NewsLink(news=item, **{field: target})
    link.status = LinkStatus.CONFIRMED
    link.matched_text = (matched_text or link.matched_text)[:300]
    link.full_clean(validate_unique=False)
    link.save()
    return link


# ---- files ---------------------------------------------------------------------------------------------


@service
def add_attachment(
    item: NewsItem, *, acting_user, file, title_ru: str = "", title_en: str = ""
) -> NewsAttachment:
    """A file published with the item; its type and size are checked before anything is stored."""
    _require_secretariat(acting_user)
    attachment = NewsAttachment(news=item, file=file, title_ru=title_ru.strip(), title_en=title_en.strip())
    attachment.full_clean()
    attachment.save()
    return attachment


@service
def remove_attachment(attachment: NewsAttachment, *, acting_user) -> None:
    """Remove a file from its item, and from storage once the removal is committed."""
    _require_secretariat(acting_user)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name) if stored.name else None)
