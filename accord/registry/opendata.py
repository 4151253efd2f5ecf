"""The registry's public tables in the open-data package (its AppConfig `opendata_tables`)."""

from django.utils.translation import gettext_lazy as _

from accord.core.opendata import PERIOD, Column, Table, anonymous, col, model_table, url_col


def tables() -> list[Table]:
    """States, organizations, people, posts and memberships, in an order where references point backwards."""
    from accord.registry.models import Membership, Organization, Person, Post, State

    public = anonymous()
    return [
        model_table(
            "states",
            _("States"),
            _("States: UN members and observers, with their ISO 3166-1 and M49 codes."),
            [
                col(State, "id"),
                col(State, "iso2"),
                col(State, "iso3"),
                col(State, "m49"),
                col(State, "name_ru"),
                col(State, "name_en"),
                col(State, "official_name_ru"),
                col(State, "official_name_en"),
                Column(
                    "regional_group",
                    "string",
                    _("UN regional group (its code)."),
                    source="regional_group__code",
                ),
                col(State, "un_status"),
                url_col("registry:state_detail", "iso3", "iso3", "ZZZ"),
            ],
            lambda: State.objects.visible_to(public),
        ),
        model_table(
            "organizations",
            _("Organizations and bodies"),
            _("Intergovernmental organizations, their bodies, national authorities and others, as a tree."),
            [
                col(Organization, "id"),
                col(Organization, "slug"),
                col(Organization, "kind"),
                col(Organization, "parent_id"),
                col(Organization, "state_id", _("State of a national authority.")),
                col(Organization, "name_ru"),
                col(Organization, "name_en"),
                col(Organization, "abbreviation_ru"),
                col(Organization, "abbreviation_en"),
                col(Organization, "founded_on"),
                col(Organization, "dissolved_on"),
                col(Organization, "website"),
                col(Organization, "description_ru"),
                col(Organization, "description_en"),
                url_col("registry:organization_detail"),
            ],
            lambda: Organization.objects.visible_to(public),
            foreign_keys=(("parent_id", "", "id"), ("state_id", "states", "id")),
        ),
        model_table(
            "people",
            _("People"),
            _("Officials, delegates and experts the registry shows in public."),
            [
                col(Person, "id"),
                col(Person, "slug"),
                col(Person, "family_name_ru"),
                col(Person, "given_name_ru"),
                col(Person, "patronymic_ru"),
                col(Person, "family_name_en"),
                col(Person, "given_name_en"),
                url_col("registry:person_detail"),
            ],
            lambda: Person.objects.visible_to(public),
        ),
        model_table(
            "posts",
            _("Posts"),
            _("Who held which position in which organization, and when (public people only)."),
            [
                col(Post, "id"),
                col(Post, "person_id"),
                col(Post, "organization_id"),
                col(Post, "title_ru"),
                col(Post, "title_en"),
                col(Post, "role"),
                *(col(Post, name) for name in PERIOD),
                col(Post, "note"),
            ],
            lambda: Post.objects.visible_to(public),
            foreign_keys=(("person_id", "people", "id"), ("organization_id", "organizations", "id")),
        ),
        model_table(
            "memberships",
            _("Memberships"),
            _("States and organizations in bodies: members, observers, parties, chairs, with dates."),
            [
                col(Membership, "id"),
                col(Membership, "body_id"),
                col(Membership, "state_id"),
                col(Membership, "organization_id"),
                col(Membership, "role"),
                *(col(Membership, name) for name in PERIOD),
                col(Membership, "note"),
            ],
            lambda: Membership.objects.visible_to(public),
            foreign_keys=(
                ("body_id", "organizations", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
            ),
        ),
    ]
