"""News text as HTML safe to show (an allow-list, by nh3), and as plain text for extraction."""

import html
import re

import nh3

#: The markup an editor may use: paragraphs, emphasis, lists, links, headings, quotes, simple tables.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
#: Tags whose content is dropped together with the tag, not kept as text.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "textarea", "select"}

_BLOCK_END = re.compile(r"(?i)(<br\s*/?>|</(p|li|h[1-6]|blockquote|tr|th|td|caption|div)>)")


def sanitize_html(value: str) -> str:
    """Only the allowed tags and attributes survive; scripts and event handlers are removed, links get rel=noopener."""
    if not value or not value.strip():
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(value: str) -> str:
    """The words of an HTML fragment, a paragraph a line, as the extraction pipeline reads them."""
    if not value:
        return ""
    text = _BLOCK_END.sub(lambda m: m.group(0) + "\n", value)
    text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT))
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()
