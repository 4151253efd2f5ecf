"""The meetings' public tables in the open-data package (its AppConfig `opendata_tables`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Table, anonymous, col, model_table, url_col, visible_fk


def tables() -> list[Table]:
    """Public meetings and who took part in them."""
    from accord.meetings.models import Meeting, Participation
    from accord.registry.models import Person

    public = anonymous()
    people = Person.objects.visible_to(public)
    meetings = Meeting.objects.visible_to(public)
    return [
        model_table(
            "meetings",
            _("Meetings"),
            _("Public sessions, meetings, visits and seminars; sittings name their session as parent."),
            [
                col(Meeting, "id"),
                col(Meeting, "kind"),
                col(Meeting, "body_id"),
                col(Meeting, "ordinal"),
                col(Meeting, "title_ru"),
                col(Meeting, "title_en"),
                col(Meeting, "start_on", required=True),
                col(Meeting, "end_on"),
                col(Meeting, "city_ru"),
                col(Meeting, "city_en"),
                col(Meeting, "country_id"),
                col(Meeting, "format"),
                col(Meeting, "status"),
                col(Meeting, "parent_id", source="public_parent_id"),
                col(Meeting, "web_page"),
                url_col("meetings:meeting_detail"),
            ],
            lambda: Meeting.objects.visible_to(public).annotate(
                public_parent_id=visible_fk("parent", meetings)
            ),
            foreign_keys=(
                ("body_id", "organizations", "id"),
                ("country_id", "states", "id"),
                ("parent_id", "", "id"),
            ),
        ),
        model_table(
            "participations",
            _("Participations"),
            _("Who took part in a public meeting (a state, an organization or a public person), how."),
            [
                col(Participation, "id"),
                col(Participation, "meeting_id"),
                col(Participation, "state_id"),
                col(Participation, "organization_id"),
                col(Participation, "person_id"),
                col(Participation, "role"),
                col(Participation, "mode"),
                col(Participation, "note"),
            ],
            lambda: Participation.objects.visible_to(public).filter(
                Q(person__isnull=True) | Q(person__in=people.values("pk"))
            ),
            foreign_keys=(
                ("meeting_id", "meetings", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
                ("person_id", "people", "id"),
            ),
        ),
    ]
