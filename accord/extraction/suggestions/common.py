"""What every suggestion builder shares: how names are compared, dates read and texts clipped."""

import datetime
import hashlib
import json
import re
from typing import Any

from django.db.models import Q

#: The longest label, name or alias a suggestion keeps.
MAX_TEXT = 500


def norm(text: str) -> str:
    """Lower case, ё as е, quotes and extra spaces dropped: how names are compared."""
    text = (text or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„']", "", text)
    text = re.sub(r"[\u2013\u2014-]", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def parse_date(value: Any) -> datetime.date | None:
    """A date from a date or an ISO string (its first ten characters), else None."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def event_period(event: dict) -> tuple[datetime.date, datetime.date] | None:
    """An event's first and last day, in order; None when it has no usable start."""
    start = parse_date(event.get("start"))
    if start is None:
        return None
    end = parse_date(event.get("end")) or start
    return min(start, end), max(start, end)


def fingerprint(kind: str, *parts: Any) -> str:
    """A stable identity of what is proposed, so a new run recognizes a decided suggestion."""
    data = json.dumps([kind, *[norm(str(p)) if p is not None else "" for p in parts]], ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def clip(value: Any, limit: int = MAX_TEXT) -> str:
    """A value as text, cut to what a field holds."""
    return str(value or "")[:limit]


def unit(value: Any) -> float:
    """A confidence between 0 and 1; one that is not a number counts as 0.5."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.5
    return min(1.0, max(0.0, number))


def codes(value: Any) -> list[str]:
    """ISO codes from a participants list: strings, or dicts with `iso3`/`state`."""
    if not isinstance(value, list):
        return []
    found = []
    for item in value:
        if isinstance(item, str):
            found.append(item.strip().upper())
        elif isinstance(item, dict):
            found.append(str(item.get("iso3") or item.get("state") or "").upper())
    return found


def pk_filter(key: str) -> Q:
    """A filter on the primary key a gazetteer key spells, or one that matches nothing."""
    return Q(pk=int(key)) if str(key).isdigit() else Q(pk__in=[])
