"""Spreadsheet import of recommendations into the follow-up register: one recommendation per row.

A row is written by `create_recommendation`, or `edit_recommendation` when
the register already holds the same text for the same state (the import can
be run again after correcting the file); status is never imported: it
follows the reports and assessments. Reading, dry run and all-or-nothing
are core's (`accord.core.imports`).
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.choices import Confidentiality
from accord.core.imports import (
    CHANGED,
    CREATED,
    UNCHANGED,
    Column,
    ImportKind,
    RowError,
    parse_choice,
    parse_date,
)
from accord.followup.choices import Priority, SourceKind, Theme
from accord.followup.models import Recommendation
from accord.followup.services import create_recommendation, edit_recommendation
from accord.registry.imports import find_organization, find_state


class RecommendationImport(ImportKind):
    """One recommendation per row, addressed to a state (and, if given, one of its authorities)."""

    name = "recommendations"
    title = gettext_lazy("Recommendations")
    model = Recommendation
    columns = (
        Column("state", gettext_lazy("Addressee state: ISO code (KAZ) or name."), required=True),
        Column("authority", gettext_lazy("Addressee authority of that state: its abbreviation or name.")),
        Column(
            "source_kind",
            gettext_lazy(
                "Source: country_review, integrity_review, evaluation, meeting_decision, agreement."
            ),
            required=True,
        ),
        Column("source_title_ru", gettext_lazy("Title of the source in Russian.")),
        Column("source_title_en", gettext_lazy("Title of the source in English.")),
        Column("body", gettext_lazy("Body that made the recommendation.")),
        Column(
            "text_ru", gettext_lazy("The recommendation in Russian (this or the English text is required).")
        ),
        Column("text_en", gettext_lazy("The recommendation in English.")),
        Column("themes", gettext_lazy("Themes, separated by commas (codes or names).")),
        Column("priority", gettext_lazy("Priority: high, medium, low (medium if empty).")),
        Column("due_on", gettext_lazy("Deadline (2026-12-31).")),
        Column("confidentiality", gettext_lazy("public, restricted or confidential (restricted if empty).")),
    )
    example = (
        {
            "state": "KAZ",
            "authority": "Anti-Corruption Agency",
            "source_kind": "integrity_review",
            "source_title_en": "Integrity review, second round",
            "text_ru": "Утвердить порядок проверки деклараций об имуществе.",
            "text_en": "Adopt a procedure to check asset declarations.",
            "themes": "corruption",
            "priority": "high",
            "due_on": "2026-06-30",
        },
    )

    def import_row(self, values: dict[str, str], *, acting_user) -> tuple[str, str]:
        get = values.get
        state = find_state(get("state", ""), "state")
        if state is None:
            raise RowError(_("%(column)s is required.") % {"column": "state"})
        if not (get("text_ru") or get("text_en")):
            raise RowError(_("Write the recommendation in Russian or in English."))
        themes = [
            parse_choice(theme, Theme, "themes")
            for theme in re.split(r"[,;]", get("themes", ""))
            if theme.strip()
        ]
        fields = {
            "state": state,
            "authority": find_organization(get("authority", ""), "authority", state),
            "source_kind": parse_choice(get("source_kind", ""), SourceKind, "source_kind"),
            "source_title_ru": get("source_title_ru", ""),
            "source_title_en": get("source_title_en", ""),
            "body": find_organization(get("body", ""), "body"),
            "text_ru": get("text_ru", ""),
            "text_en": get("text_en", ""),
            "themes": themes,
            "priority": parse_choice(get("priority", ""), Priority, "priority", default=Priority.MEDIUM),
            "due_on": parse_date(get("due_on", ""), "due_on"),
            "confidentiality": parse_choice(
                get("confidentiality", ""),
                Confidentiality,
                "confidentiality",
                default=Confidentiality.RESTRICTED,
            ),
        }
        field, text = ("text_ru", fields["text_ru"]) if fields["text_ru"] else ("text_en", fields["text_en"])
        existing = Recommendation.objects.filter(state=state, **{f"{field}__iexact": text}).first()
        label = f"{state.iso3}: {text[:80]}"
        if existing is None:
            create_recommendation(acting_user=acting_user, **fields)
            return CREATED, label
        if all(getattr(existing, name) == value for name, value in fields.items()):
            return UNCHANGED, label
        edit_recommendation(existing, acting_user=acting_user, **fields)
        return CHANGED, label


KINDS = [RecommendationImport]
