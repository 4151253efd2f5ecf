"""Registry pages: thin views over the querysets' visibility rules."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import DetailView

from accord.core.collation import by_name
from accord.core.history import history_for
from accord.core.views import FilteredListView
from accord.registry.filtersets import OrganizationFilterSet, PersonFilterSet, StateFilterSet
from accord.registry.models import Organization, Person, Post, State
from accord.registry.trees import build_tree


def home(request):
    """The workspace start page (/workspace/): what the registry holds, my deadlines; apps above add panels."""
    user = request.user
    context = {
        "state_count": State.objects.visible_to(user).count(),
        "organization_count": Organization.objects.visible_to(user).count(),
        "person_count": Person.objects.visible_to(user).count(),
    }
    return render(request, "registry/home.html", context)


class StateListView(FilteredListView):
    alphabetical = True
    model = State
    filterset_class = StateFilterSet
    queryset = State.objects.select_related("regional_group")
    template_name = "registry/state_list.html"


class StateDetailView(DetailView):
    template_name = "registry/state_detail.html"
    context_object_name = "state"

    def get_object(self, queryset=None) -> State:
        states = State.objects.visible_to(self.request.user).select_related("regional_group")
        return get_object_or_404(states, iso3=self.kwargs["iso3"].upper())

    def get_context_data(self, **kwargs):
        user = self.request.user
        state = self.object
        posts = Post.objects.visible_to(user).select_related("person").order_by("-start_on")
        return super().get_context_data(
            memberships=state.memberships.select_related("body").order_by(by_name("body__"), "-start_on"),
            authorities=state.organizations.visible_to(user)
            .select_related("parent")
            .prefetch_related(Prefetch("posts", queryset=posts)),
            aliases=state.aliases.order_by("language", "kind", "text"),
            history=history_for(user, state),
            today=timezone.localdate(),
            **kwargs,
        )


class OrganizationListView(FilteredListView):
    alphabetical = True
    model = Organization
    filterset_class = OrganizationFilterSet
    queryset = Organization.objects.select_related("parent", "state")
    template_name = "registry/organization_list.html"


def organization_tree(request):
    """Every organization the user may see, as one tree, from a single query."""
    organizations = (
        Organization.objects.visible_to(request.user).select_related("state").order_by(by_name(), "pk")
    )
    return render(request, "registry/organization_tree.html", {"roots": build_tree(organizations)})


class OrganizationDetailView(DetailView):
    template_name = "registry/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return Organization.objects.visible_to(self.request.user).select_related("parent", "state")

    def get_context_data(self, **kwargs):
        user = self.request.user
        organization = self.object
        return super().get_context_data(
            ancestors=organization.ancestors(),
            children=organization.children.visible_to(user).select_related("state"),
            members=organization.memberships.select_related("state", "organization").order_by(
                "role", "-start_on"
            ),
            member_of=organization.member_of.select_related("body"),
            posts=organization.posts.visible_to(user).select_related("person").order_by("-start_on"),
            aliases=organization.aliases.order_by("language", "kind", "text"),
            history=history_for(user, organization),
            today=timezone.localdate(),
            **kwargs,
        )


class PersonListView(FilteredListView):
    model = Person
    filterset_class = PersonFilterSet
    template_name = "registry/person_list.html"

    def get_queryset(self):
        posts = Post.objects.select_related("organization").order_by("-start_on")
        return super().get_queryset().prefetch_related(Prefetch("posts", queryset=posts))


class PersonDetailView(DetailView):
    template_name = "registry/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            timeline=person.posts.select_related("organization", "organization__state").order_by(
                "start_on", "end_on"
            ),
            aliases=person.aliases.order_by("language", "text"),
            history=history_for(self.request.user, person),
            today=timezone.localdate(),
            **kwargs,
        )


state_list = StateListView.as_view()
state_detail = StateDetailView.as_view()
organization_list = OrganizationListView.as_view()
organization_detail = OrganizationDetailView.as_view()
person_list = PersonListView.as_view()
person_detail = PersonDetailView.as_view()
