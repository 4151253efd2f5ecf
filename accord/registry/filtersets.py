"""One FilterSet per list, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.filtersets import AccordFilterSet, IntegerFilter, SearchFilterSet
from accord.registry.choices import MembershipRole, OrganizationKind, PostRole, UnStatus
from accord.registry.models import (
    Alias,
    Membership,
    Organization,
    Person,
    Post,
    RegionalGroup,
    State,
)


class StateFilterSet(SearchFilterSet):
    regional_group = django_filters.ModelChoiceFilter(
        queryset=RegionalGroup.objects.all(), to_field_name="code", label=_("Regional group")
    )
    un_status = django_filters.ChoiceFilter(choices=UnStatus.choices, label=_("UN status"))
    member_of = django_filters.ModelChoiceFilter(
        # Only bodies have members; national authorities would swamp the list.
        queryset=Organization.objects.filter(kind__in=[OrganizationKind.IGO, OrganizationKind.BODY]),
        field_name="memberships__body",
        label=_("Member of"),
        distinct=True,
    )

    class Meta:
        model = State
        fields = ["q", "regional_group", "un_status", "member_of", "iso2", "iso3"]


class OrganizationFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO code)")
    )
    state_id = IntegerFilter(field_name="state_id", label=_("State (id)"))
    parent_id = IntegerFilter(field_name="parent_id", label=_("Parent (id)"))
    is_root = django_filters.BooleanFilter(
        field_name="parent", lookup_expr="isnull", label=_("Top level only")
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "state", "state_id", "parent_id", "is_root"]


class PersonFilterSet(SearchFilterSet):
    organization_id = IntegerFilter(
        field_name="posts__organization_id", label=_("Organization (id)"), distinct=True
    )
    state = django_filters.CharFilter(
        field_name="posts__organization__state__iso3",
        lookup_expr="iexact",
        label=_("State (ISO code)"),
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["q", "organization_id", "state", "is_public"]


class PostFilterSet(AccordFilterSet):
    person_id = IntegerFilter(field_name="person_id", label=_("Person (id)"))
    organization_id = IntegerFilter(field_name="organization_id", label=_("Organization (id)"))
    state = django_filters.CharFilter(
        field_name="organization__state__iso3", lookup_expr="iexact", label=_("State (ISO code)")
    )
    role = django_filters.ChoiceFilter(choices=PostRole.choices, label=_("Role"))
    held_on = django_filters.DateFilter(method="filter_held_on", label=_("Held on"))
    title = django_filters.CharFilter(method="filter_title", label=_("Title contains"))

    class Meta:
        model = Post
        fields = ["person_id", "organization_id", "state", "role", "held_on", "title"]

    def filter_held_on(self, queryset, name, value):
        return queryset.held_on(value)

    def filter_title(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title_ru__icontains=value) | Q(title_en__icontains=value))


class MembershipFilterSet(AccordFilterSet):
    body_id = IntegerFilter(field_name="body_id", label=_("Body (id)"))
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO code)")
    )
    state_id = IntegerFilter(field_name="state_id", label=_("State (id)"))
    organization_id = IntegerFilter(field_name="organization_id", label=_("Member organization (id)"))
    role = django_filters.ChoiceFilter(choices=MembershipRole.choices, label=_("Role"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Active on"))

    class Meta:
        model = Membership
        fields = ["body_id", "state", "state_id", "organization_id", "role", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class AliasFilterSet(AccordFilterSet):
    class Meta:
        model = Alias
        fields = ["language", "kind", "state_id", "organization_id", "person_id"]
