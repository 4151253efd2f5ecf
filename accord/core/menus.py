"""Menu entries that apps above add to a frame core draws (the public pages' menu).

The public frame (`core/public_base.html`) cannot link to `news` or `portal`,
which sit above core (DESIGN.md §5); each of them offers its entries through
its AppConfig `public_menu`, a function of the request.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class MenuItem:
    """One link of a menu; `section` marks it current on every page under its address."""

    url: str
    label: str
    testid: str
    section: bool = False

    def is_current(self, path: str) -> bool:
        return path.startswith(self.url) if self.section else path == self.url


def menu(attribute: str, request) -> list[tuple[MenuItem, bool]]:
    """The entries every installed app offers under `attribute`, in dependency order, each with whether it is current."""
    from accord.core.reference import loaders

    path = getattr(request, "path", "")
    return [(item, item.is_current(path)) for entries in loaders(attribute) for item in entries(request)]
