"""Templates follow DESIGN.md §5's layers, as the import-linter contract makes Python follow them.

A lower app's template must not extend, include or link to a higher app's,
nor load a higher app's template tags; a lower app's Python must not name a
higher app's template or URL either (import-linter cannot see strings). A
higher app adds to a lower app's page through a hook (`record_panel`).

The layers are read from the contract in pyproject.toml, so there is one list.
The project's frame (`accord/templates/` outside an app's folder: base.html,
error pages, login) is the wiring's, like `accord/urls.py`: it links to every
app, and every page sits in it.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACCORD = ROOT / "accord"
FRAME = "<frame>"  # accord/templates/ outside an app's folder, and names without an app namespace

TAG = re.compile(r"{%-?\s*(extends|include|url|load)\s+(.*?)\s*-?%}", re.DOTALL)
QUOTED = re.compile(r"""^["']([^"']+)["']""")
PY_URL = re.compile(r"""\b(?:reverse|reverse_lazy|redirect|resolve_url)\(\s*["'](\w+):""")
PY_TEMPLATE = re.compile(r"""["'](\w+)/[\w./-]+\.(?:html|txt|xml)(?:#\w+)?["']""")


@cache
def layers() -> dict[str, int]:
    """Each app's layer, 1 for core: the order of the import-linter `layers` contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    order = list(reversed(contract["layers"]))
    return {name.strip(): depth for depth, layer in enumerate(order, 1) for name in layer.split("|")}


def apps() -> list[str]:
    return sorted(p.name for p in ACCORD.iterdir() if (p / "apps.py").exists())


@cache
def template_files() -> dict[Path, str]:
    """Every template file and the app that owns it (FRAME for the project's own)."""
    owned = {}
    for path in sorted(ACCORD.glob("**/templates/**/*")):
        if not path.is_file():
            continue
        folder = path.relative_to(ACCORD).parts[0]
        if folder == "templates":  # accord/templates/<app>/… belongs to that app
            first = path.relative_to(ACCORD / "templates").parts[0]
            owned[path] = first if first in layers() else FRAME
        else:
            owned[path] = folder
    return owned


def template_owner(name: str) -> str:
    """The app a template name belongs to: its first folder if that is an app, else the frame."""
    first = name.split("/", 1)[0] if "/" in name else ""
    return first if first in layers() else FRAME


def tag_library_owners() -> dict[str, str]:
    return {
        path.stem: path.parts[-3] for path in ACCORD.glob("*/templatetags/*.py") if path.stem != "__init__"
    }


def references(text: str) -> list[tuple[str, str, str]]:
    """(kind, what, owner) for every extends, include, url and load in a template."""
    found = []
    libraries = tag_library_owners()
    for kind, rest in TAG.findall(text):
        if kind == "load":
            for library in rest.split():
                if library == "from":
                    break
                if library in libraries:
                    found.append((kind, library, libraries[library]))
            continue
        match = QUOTED.match(rest)
        if not match:
            continue  # a variable: nothing to check statically
        what = match.group(1)
        if kind == "url":
            namespace = what.split(":", 1)[0] if ":" in what else ""
            found.append((kind, what, namespace if namespace in layers() else FRAME))
        else:
            found.append((kind, what, template_owner(what.split("#", 1)[0])))
    return found


def allowed(owner: str, target: str, kind: str = "include") -> bool:
    """A page may use its own app, the frame and anything below it.

    Extending, including or loading tags is reuse, like an import: never beside
    or above. A link is not an import: it may point beside (DESIGN.md §5 forbids
    only links up), as the portal's front page links to the analytics pages.
    """
    if owner in (FRAME, target) or target == FRAME:
        return True
    if kind == "url":
        return layers()[target] <= layers()[owner]
    return layers()[target] < layers()[owner]


def test_every_app_has_a_layer():
    """A new app must be placed in DESIGN.md §5 and in the contract before it can be checked."""
    assert set(apps()) <= set(layers()), set(apps()) - set(layers())


def test_templates_follow_the_layers():
    breaks = []
    for path, owner in template_files().items():
        if owner == FRAME:
            continue
        for kind, what, target in references(path.read_text(encoding="utf-8")):
            if not allowed(owner, target, kind):
                verb = {"extends": "extends", "include": "includes", "url": "links to", "load": "loads"}[kind]
                breaks.append(f"{path.relative_to(ROOT)} ({owner}) {verb} {what!r} of {target}")
    assert not breaks, "\n".join(breaks)


def test_python_names_no_higher_template_or_url():
    """`reverse("news:…")` or `render(…, "portal/….html")` in a lower app is an import in disguise."""
    breaks = []
    for app in apps():
        for path in sorted((ACCORD / app).glob("**/*.py")):
            if "tests" in path.relative_to(ACCORD).parts or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for namespace in PY_URL.findall(text):
                if namespace in layers() and not allowed(app, namespace, "url"):
                    breaks.append(f"{path.relative_to(ROOT)} ({app}) links to {namespace}")
            for folder in PY_TEMPLATE.findall(text):
                if folder in layers() and not allowed(app, folder):
                    breaks.append(f"{path.relative_to(ROOT)} ({app}) renders a template of {folder}")
    assert not breaks, "\n".join(breaks)


@pytest.mark.parametrize(
    ("owner", "text", "expected"),
    [
        ("meetings", '{% url "documents:document_create" %}', False),
        ("news", '{% extends "portal/base.html" %}', False),
        ("documents", "{% include 'documents/_row.html' %}", True),
        ("reviews", '{% include "followup/_panel.html" with x=1 %}', False),
        ("reviews", '{% url "extraction:suggestion_list" %}', True),  # a link beside, not up
        ("reviews", '{% include "extraction/_row.html" %}', False),  # reuse beside
        ("followup", '{% url "reviews:mechanism_list" pk %}', True),
        ("meetings", '{% extends "base.html" %}', True),
        ("meetings", "{% url 'home' %}", True),
        ("registry", "{% load i18n extraction %}", False),
        ("registry", "{% load i18n accord %}", True),
        ("registry", "{% include template_name %}", True),
    ],
)
def test_the_checker_itself(owner, text, expected):
    assert all(allowed(owner, target, kind) for kind, _, target in references(text)) is expected
