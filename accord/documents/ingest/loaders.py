"""One loader per format: the text and the metadata a file carries about itself.

Each takes bytes and returns an `Extracted`, or raises `IngestError` with a
reason a person can act on. The format comes from the content first (magic
bytes), the file name second, so a PDF named `.txt` is still read as a PDF.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from accord.documents.ingest.errors import IngestError
from accord.documents.ingest.text import decode

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and legacy .doc


@dataclass
class Extracted:
    text: str
    format: str
    title: str = ""
    author: str = ""
    published_on: datetime.date | None = None
    source_url: str = ""


def sniff(name: str, data: bytes) -> str:
    """'pdf', 'docx', 'rtf', 'html' or 'text'."""
    head = data[:2048].lstrip()
    lower_name = name.lower()
    if head.startswith(b"%PDF") or lower_name.endswith(".pdf"):
        return "pdf"
    if data.startswith(OLE_MAGIC) or head.startswith(b"PK\x03\x04") or lower_name.endswith(".docx"):
        return "docx"
    if head.startswith(b"{\\rtf") or lower_name.endswith(".rtf"):
        return "rtf"
    if lower_name.endswith((".html", ".htm", ".xhtml")) or re.match(
        rb"(?is)\s*(<!doctype html|<html|<head|<body)", head
    ):
        return "html"
    return "text"


# What `accord ingest` reads; a file without a suffix is judged by its content.
SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx", ".rtf", ""}


def extract(name: str, data: bytes) -> Extracted:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and data[:5] not in (b"%PDF-", b"{\\rtf"):
        raise IngestError(
            _("Unsupported file type “%(suffix)s”: text, HTML, PDF, DOCX and RTF are read.")
            % {"suffix": suffix}
        )
    kind = sniff(name, data)
    return {"pdf": _pdf, "docx": _docx, "rtf": _rtf, "html": _html, "text": _text}[kind](data)


def _text(data: bytes) -> Extracted:
    return Extracted(text=decode(data), format="text")


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(_("The PDF is encrypted with a password."))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestError(_("The PDF is encrypted with a password.")) from exc
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError, AssertionError) as exc:
        raise IngestError(
            _("The PDF is damaged or truncated (%(error)s).") % {"error": type(exc).__name__}
        ) from exc
    text = "\n\n".join(pages).strip()
    if not text:
        raise IngestError(_("The PDF has no text layer (a scan?)."))
    created = getattr(info, "creation_date", None) if hasattr(info, "creation_date") else None
    return Extracted(
        text=text,
        format="pdf",
        title=str(info.get("/Title") or "").strip(),
        author=str(info.get("/Author") or "").strip(),
        published_on=created.date() if isinstance(created, datetime.datetime) else None,
    )


def _docx(data: bytes) -> Extracted:
    if data.startswith(OLE_MAGIC):
        raise IngestError(_("The Word file is password-protected or in the old .doc format."))
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(_("The DOCX file is damaged.")) from exc
    except Exception as exc:  # python-docx raises its own and lxml's errors on broken parts
        raise IngestError(_("The DOCX file is damaged (%(error)s).") % {"error": type(exc).__name__}) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    properties = document.core_properties
    created = properties.created
    return Extracted(
        text="\n".join(parts),
        format="docx",
        title=(properties.title or "").strip(),
        author=(properties.author or "").strip(),
        published_on=created.date() if isinstance(created, datetime.datetime) else None,
    )


def _rtf(data: bytes) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin_1")
    if not raw.lstrip().startswith("{\\rtf"):
        raise IngestError(_("The RTF file is damaged."))
    codepage = re.search(r"\\ansicpg(\d+)", raw[:2000])
    encoding = f"cp{codepage.group(1)}" if codepage else "cp1251"
    try:
        text = rtf_to_text(raw, encoding=encoding, errors="replace")
    except (LookupError, IndexError, ValueError) as exc:
        raise IngestError(_("The RTF file is damaged.")) from exc
    return Extracted(text=text, format="rtf")


def _html(data: bytes) -> Extracted:
    import trafilatura

    html = decode(data)
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura wraps lxml; a broken page must not stop the run
        raise IngestError(
            _("The HTML page could not be read (%(error)s).") % {"error": type(exc).__name__}
        ) from exc
    if result is None:
        raise IngestError(_("The HTML page has no readable text."))
    data_dict = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data_dict.get("text") or ""
    if not text.strip():
        raise IngestError(_("The HTML page has no readable text."))
    published = None
    if date := data_dict.get("date"):
        try:
            published = datetime.date.fromisoformat(str(date)[:10])
        except ValueError:
            published = None
    return Extracted(
        text=text,
        format="html",
        title=(data_dict.get("title") or "").strip(),
        author=(data_dict.get("author") or "").strip(),
        published_on=published,
        source_url=(data_dict.get("url") or "").strip(),
    )
