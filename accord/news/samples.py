"""Sample news for `make demo` (`accord load-samples`), from `sample_data/news.toml`.

Items are written through the news services, as an editor would: saved
(sanitized, links proposed by extraction), moved through the workflow, and
their declared links confirmed. Loading again changes nothing and says so.
"""

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from accord.core.reference import Counts, ReferenceDataError, read_toml_files
from accord.core.roles import Role, sample_account
from accord.meetings.samples import sample_meetings
from accord.news import services
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem, NewsLink
from accord.news.sanitize import sanitize_html
from accord.registry.models import Organization, Person, State

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"
TEXT_FIELDS = [f for f in services.EDITABLE_FIELDS if f != "lead_image"]
LINK_KINDS = {"states": "state", "organizations": "organization", "persons": "person", "meetings": "meeting"}


class _Loader:
    def __init__(self) -> None:
        self.editor = sample_account("news-editor", Role.SECRETARIAT)
        self.tables = {
            "state": {s.iso3: s for s in State.objects.all()},
            "organization": {o.slug: o for o in Organization.objects.exclude(slug=None)},
            "person": {p.slug: p for p in Person.objects.exclude(slug=None)},
            "meeting": sample_meetings(),
        }
        with translation.override("en"):  # stable report keys whatever the UI language
            self.item_key = str(NewsItem._meta.verbose_name_plural)
            self.link_key = str(NewsLink._meta.verbose_name_plural)
        self.counts = {self.item_key: Counter(), self.link_key: Counter()}

    def ref(self, field: str, key: str, where: str):
        record = self.tables[field].get(key)
        if record is None:
            raise ReferenceDataError(
                [_("%(where)s: unknown %(what)s “%(key)s”.") % {"where": where, "what": field, "key": key}]
            )
        return record

    def item(self, row: dict[str, Any]) -> None:
        where = row["key"]
        status = row.get("status", NewsStatus.DRAFT)
        if status not in NewsStatus.values:
            raise ReferenceDataError(
                [_("%(where)s: unknown status “%(status)s”.") % {"where": where, "status": status}]
            )
        at = row.get("published_at") if status == NewsStatus.PUBLISHED else None
        if status == NewsStatus.PUBLISHED and not isinstance(at, datetime.datetime):
            raise ReferenceDataError(
                [_("%(where)s: a published item needs published_at.") % {"where": where}]
            )
        fields = {f: str(row.get(f, "")).strip() for f in TEXT_FIELDS}
        fields["body_ru"], fields["body_en"] = (
            sanitize_html(fields["body_ru"]),
            sanitize_html(fields["body_en"]),
        )
        item = NewsItem.objects.filter(slug=where).first()
        if item is None:
            item = services.save_news_item(NewsItem(slug=where, **fields), acting_user=self.editor)
            action = "created"
        else:
            changed = {k: v for k, v in fields.items() if getattr(item, k) != v}
            if changed:
                services.update_news_item(item, acting_user=self.editor, **changed)
            action = "updated" if changed else "unchanged"
        if (item.status, item.published_at) != (status, at):
            self.move(item, status, at)
            action = "updated" if action == "unchanged" else action
        self.counts[self.item_key][action] += 1
        for kind, keys in (row.get("links") or {}).items():
            if kind not in LINK_KINDS:
                raise ReferenceDataError(
                    [_("%(where)s: unknown kind of link “%(kind)s”.") % {"where": where, "kind": kind}]
                )
            for key in keys:
                self.link(item, self.ref(LINK_KINDS[kind], key, where))

    def move(self, item: NewsItem, status: str, at) -> None:
        if item.status != NewsStatus.DRAFT:
            services.return_to_draft(item, acting_user=self.editor)
        if status in (NewsStatus.REVIEW, NewsStatus.PUBLISHED):
            services.submit_for_review(item, acting_user=self.editor)
        if status == NewsStatus.PUBLISHED:
            services.publish(item, acting_user=self.editor, at=at)

    def link(self, item: NewsItem, target) -> None:
        existing = item.links.filter(**{NewsLink.field_for(target): target}).first()
        if existing is not None and existing.status == LinkStatus.CONFIRMED:
            self.counts[self.link_key]["unchanged"] += 1
            return
        services.add_link(item, acting_user=self.editor, target=target)
        self.counts[self.link_key]["created" if existing is None else "updated"] += 1


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample news; reference data and sample meetings must be loaded first."""
    rows = read_toml_files(directory, ("news",))["news"].get("item", [])
    loader = _Loader()
    try:
        for row in rows:
            loader.item(row)
    except KeyError as exc:
        raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
    return {name: dict(counter) for name, counter in loader.counts.items() if counter}
