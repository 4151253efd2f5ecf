"""The registry: states, organizations, people, their posts and memberships."""

from accord.registry.models.aliases import Alias
from accord.registry.models.organizations import Membership, Organization
from accord.registry.models.people import FocalPoint, OrganizationContact, Person, Post
from accord.registry.models.states import RegionalGroup, State

__all__ = [
    "Alias",
    "FocalPoint",
    "Membership",
    "Organization",
    "OrganizationContact",
    "Person",
    "Post",
    "RegionalGroup",
    "State",
]
