"""What a news item's files may be: a lead image and attachments of known kinds, not too large."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")
ATTACHMENT_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "ppt",
    "pptx",
)
MAX_IMAGE_BYTES = 10 * 1024 * 1024


def _extension(value) -> str:
    return Path(getattr(value, "name", "") or "").suffix.lower().lstrip(".")


def _check(value, allowed: tuple[str, ...], limit: int) -> None:
    extension = _extension(value)
    if extension not in allowed:
        raise ValidationError(
            _("Files of type “%(extension)s” are not accepted; use one of: %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    try:
        size = value.size
    except (AttributeError, OSError):  # a stored file gone missing is not the editor's error
        size = None
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_size",
        )


def validate_lead_image(value) -> None:
    """A picture the browser shows (JPEG, PNG, WebP, GIF) of at most 10 MB."""
    _check(value, IMAGE_EXTENSIONS, min(MAX_IMAGE_BYTES, settings.ACCORD_MAX_UPLOAD_BYTES))


def validate_attachment(value) -> None:
    """A document or table (PDF, Word, Excel, OpenDocument, text) within the upload limit."""
    _check(value, ATTACHMENT_EXTENSIONS, settings.ACCORD_MAX_UPLOAD_BYTES)
