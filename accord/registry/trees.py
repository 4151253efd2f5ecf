"""The organization tree, built in memory from one query."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from accord.registry.models import Organization


@dataclass
class TreeNode:
    organization: Organization
    children: list["TreeNode"] = field(default_factory=list)


def build_tree(organizations: Iterable[Organization]) -> list[TreeNode]:
    """Roots with nested children; an organization whose parent is hidden becomes a root."""
    nodes = {o.pk: TreeNode(o) for o in organizations}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.organization.parent_id)
        (parent.children if parent and parent is not node else roots).append(node)
    return roots
