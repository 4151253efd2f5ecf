"""The three locks under requirements/: exact pins, a runtime free of test and bench tools, every import
satisfied by the lock that installs it, and no pin that nothing needs.

`make demo` installs runtime.lock only, `make test` test.lock (which includes it), `make bench` bench.lock.
The PDF font that replaced matplotlib renders in accord/core/tests/test_pdf.py; here, it ships in the package.
"""

import ast
import re
import sys
import tomllib
from collections.abc import Iterable
from fnmatch import fnmatch
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!-]+)$")

# Tools that run the tests or the benchmarks: none may reach production through runtime.lock.
# (freezegun is not here: rq-scheduler, which django-tasks-rq requires, requires it at run time.)
TEST_AND_BENCH_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "execnet",
    "factory-boy",
    "faker",
    "hypothesis",
    "playwright",
    "axe-playwright-python",
    "schemathesis",
    "moto",
    "responses",
    "ruff",
    "frictionless",
    "feedparser",
    "locust",
    "flask",
    "gevent",
    "geventhttpclient",
    "pyzmq",
}
# Pins no import names but Accord uses: whitenoise writes Brotli copies of static files when brotli is
# installed (docs/deployment.md); the test tools are run as commands, plugins or through importorskip.
RUNTIME_BY_CONFIGURATION = {"brotli"}
TEST_BY_CONFIGURATION = {
    "ruff",
    "import-linter",
    "pytest-django",
    "pytest-xdist",
    "moto[s3]",
}  # lint-imports runs in make lint


def lock_lines(name: str) -> list[str]:
    """The requirement lines of a lock, its `-r` includes first, comments stripped."""
    lines = []
    for raw in (LOCKS / name).read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r "):
            lines += lock_lines(line[3:].strip())
        elif line:
            lines.append(line)
    return lines


@cache
def pins(name: str) -> dict[str, str]:
    """Canonical name -> version, for a lock with its includes."""
    found = {}
    for line in lock_lines(name):
        match = PIN.match(line)
        assert match, f"{name}: not an exact pin: {line!r}"
        found[canonicalize_name(match["name"])] = match["version"]
    return found


def own_pins(name: str) -> dict[str, str]:
    """The pins written in the lock itself, without its includes."""
    own = {}
    for raw in (LOCKS / name).read_text().splitlines():
        match = PIN.match(raw.split("#", 1)[0].strip())
        if match:
            own[canonicalize_name(match["name"])] = match["version"]
    return own


def python_files(*roots: str) -> Iterable[Path]:
    for root in roots:
        path = ROOT / root
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def is_test_file(path: Path) -> bool:
    """Tests and their helpers (`accord/core/testing.py` is imported by tests only)."""
    relative = path.relative_to(ROOT)
    return "tests" in relative.parts or relative.name in {"conftest.py", "testing.py"}


@cache
def module_map() -> dict[str, list[str]]:
    """importlib's top-level module -> distributions map (slow to build: once per session)."""
    return packages_distributions()


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), str(path))


def imported_modules(paths: Iterable[Path]) -> dict[str, set[str]]:
    """Top-level module -> files importing it: import statements and `pytest.importorskip("x")`."""
    found: dict[str, set[str]] = {}
    for path in paths:
        for node in ast.walk(parsed(path)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", None) == "importorskip"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names = [node.args[0].value]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def configured_modules() -> dict[str, set[str]]:
    """Top-level modules settings.py names as dotted strings (apps, middleware, backends, formatters)."""
    tree = ast.parse((ROOT / "accord" / "settings.py").read_text())
    dotted = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
    found: dict[str, set[str]] = {}
    known = module_map()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and dotted.match(node.value):
            top = node.value.split(".")[0]
            if top in known and top not in sys.stdlib_module_names:
                found.setdefault(top, set()).add("accord/settings.py")
    return found


def local_modules() -> set[str]:
    """Modules that are the project's own: accord, and the scripts and conftests beside the importers."""
    local = {"accord", "conftest"}
    for folder in ("bench", "tests"):
        local |= {path.stem for path in (ROOT / folder).rglob("*.py")} | {folder}
    return local


def distributions_of(module: str, lock: dict[str, str]) -> set[str]:
    """The pinned distributions that can provide `module` (by installed metadata, else by name)."""
    names = {canonicalize_name(name) for name in module_map().get(module, [])}
    names.add(canonicalize_name(module))
    return names & set(lock)


def unsatisfied(modules: dict[str, set[str]], lock: dict[str, str]) -> dict[str, list[str]]:
    local = local_modules()
    return {
        module: sorted(files)[:3]
        for module, files in sorted(modules.items())
        if module not in local and not distributions_of(module, lock)
    }


def requirement_closure(roots: set[str], lock: dict[str, str]) -> set[str]:
    """The pins reachable from `roots` through installed metadata (markers and extras evaluated)."""
    wanted = [(canonicalize_name(Requirement(root).name), set(Requirement(root).extras)) for root in roots]
    reached: dict[str, set[str]] = {}
    while wanted:
        name, extras = wanted.pop()
        if name not in lock or (name in reached and extras <= reached[name]):
            continue
        reached[name] = reached.get(name, set()) | extras
        for text in distribution(name).requires or []:
            requirement = Requirement(text)
            environments = [{"extra": extra} for extra in reached[name]] or [{"extra": ""}]
            if requirement.marker and not any(requirement.marker.evaluate(env) for env in environments):
                continue
            wanted.append((canonicalize_name(requirement.name), set(requirement.extras)))
    return set(reached)


def roots_for(modules: dict[str, set[str]], lock: dict[str, str]) -> set[str]:
    roots: set[str] = set()
    for module in modules:
        roots |= distributions_of(module, lock)
    return roots


def runtime_modules() -> dict[str, set[str]]:
    modules = imported_modules(path for path in python_files("accord") if not is_test_file(path))
    for module, files in configured_modules().items():
        modules.setdefault(module, set()).update(files)
    return modules


def modules_of_the_tests() -> dict[str, set[str]]:
    paths = [path for path in python_files("accord") if is_test_file(path)]
    return imported_modules([*paths, *python_files("tests", "conftest.py")])


@pytest.mark.parametrize("lock", ["runtime.lock", "test.lock", "bench.lock"])
def test_every_lock_pins_exactly(lock):
    assert pins(lock), f"{lock} pins nothing"
    versions = pins("runtime.lock") | pins("test.lock")
    for name, version in pins(lock).items():
        assert versions.get(name, version) == version, f"{name} is pinned at two versions"


def test_the_test_and_bench_locks_start_from_the_runtime():
    for lock in ("test.lock", "bench.lock"):
        assert "-r runtime.lock" in (LOCKS / lock).read_text().splitlines(), lock
        assert set(pins("runtime.lock")) <= set(pins(lock))


def test_the_runtime_lock_holds_no_test_or_bench_tool():
    assert not TEST_AND_BENCH_TOOLS & set(pins("runtime.lock"))
    assert "matplotlib" not in pins("runtime.lock") and "polib" not in pins("test.lock")


def test_the_test_and_bench_tools_are_where_their_targets_install_them():
    assert {"pytest", "pytest-django", "playwright", "ruff", "hypothesis", "freezegun"} <= set(
        own_pins("test.lock")
    )
    assert {"locust", "flask", "gevent"} <= set(own_pins("bench.lock"))
    assert not {"locust", "flask", "gevent"} & set(pins("test.lock"))


def test_every_import_under_accord_is_satisfied_by_the_runtime_lock():
    assert unsatisfied(runtime_modules(), pins("runtime.lock")) == {}


def test_every_import_of_the_tests_is_satisfied_by_the_test_lock():
    assert unsatisfied(modules_of_the_tests(), pins("test.lock")) == {}


def test_every_import_of_the_benchmarks_is_satisfied_by_the_bench_lock():
    assert unsatisfied(imported_modules(python_files("bench")), pins("bench.lock")) == {}


def test_the_installed_versions_are_the_pinned_ones():
    """What `make test` installed is what the locks say (bench.lock's own tools need not be installed)."""
    for name, version in pins("test.lock").items():
        try:
            installed = distribution(name).version
        except PackageNotFoundError:
            pytest.fail(f"{name} is pinned in test.lock but not installed")
        assert installed == version, name


def test_the_runtime_lock_pins_only_what_accord_needs():
    """Every runtime pin is imported or configured by accord/, declared in pyproject, or required by one that is."""
    lock = pins("runtime.lock")
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    roots = declared | roots_for(runtime_modules(), lock) | RUNTIME_BY_CONFIGURATION
    assert set(lock) - requirement_closure(roots, lock) == set()


def test_the_test_lock_pins_only_what_the_tests_need():
    lock = pins("test.lock")
    runtime = set(pins("runtime.lock"))
    roots = runtime | roots_for(modules_of_the_tests(), lock) | TEST_BY_CONFIGURATION
    assert set(lock) - requirement_closure(roots, lock) == set()


def test_pyproject_declares_no_dropped_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [
        dep for deps in project["optional-dependencies"].values() for dep in deps
    ]
    names = {canonicalize_name(Requirement(dep).name) for dep in declared}
    assert not names & {"matplotlib", "polib"}
    assert names <= set(pins("test.lock")) | set(pins("bench.lock"))


def test_the_pdf_font_ships_in_the_package():
    """`pip install .` (docs/deployment.md) must carry accord/core/fonts: PDFs need no system font."""
    from accord.core.pdf import FONT_DIR, FONT_FILES

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    for name in [*FONT_FILES.values(), "LICENSE"]:
        relative = (FONT_DIR / name).relative_to(ROOT / "accord" / "core").as_posix()
        assert (FONT_DIR / name).is_file() and any(fnmatch(relative, pattern) for pattern in patterns), name
