"""One write path per record: meetings, their agenda items and participations, posts, organizations and
people are written by their own app's services, and by nothing else.

The scan reads the source (no ORM, no import of the scanned modules) and
finds writes by shape: a manager write on a guarded model
(`Meeting.objects.create(`, `…filter(…).update(`, `bulk_create`), a write
through a related manager of guarded rows (`meeting.participations.create(`),
`.save(`/`.delete(` on an instance of a guarded model (built there, or named
after the model: `meeting.save()`), a reference loader's `upsert(Meeting, …)`,
and a generic edit view over a guarded model that does not call a service.
The API is checked on the viewsets themselves: every writable resource of a
guarded model saves through services.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import get_resolver

ROOT = Path(__file__).resolve().parents[2]  # accord/

# Model → the app whose services.py alone writes it.
OWNERS = {
    "Meeting": "meetings",
    "AgendaItem": "meetings",
    "Participation": "meetings",
    "Post": "registry",
    "Organization": "registry",
    "Person": "registry",
}

# Outside services.py, the owning app's sample loader writes demo data through
# `core.reference.RecordWriter` (idempotent, `full_clean()`), like the reference data.
ALLOWED_ELSEWHERE = {"samples.py"}

MANAGER_WRITES = {
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "bulk_update",
}
INSTANCE_WRITES = {"save", "delete"}
# Receivers that may hold any record: in a module that imports a guarded model, a write on one is suspect.
GENERIC = {"obj", "instance", "record", "item", "row", "part", "form", "serializer"}
SNAKE = {name: re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() for name in OWNERS}
# A variable named after a model (`meeting`, `new_post`, `agenda_item_2`) holds one.
NAMED = re.compile(r"(?:^|_)(" + "|".join(SNAKE.values()) + r")(?:$|_|\d)")


def _related_accessors() -> dict[str, str]:
    """Reverse accessor names (`participations`, `agenda_items`, `posts`…) → the guarded model they hold."""
    accessors = {}
    for label in ("meetings", "registry"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__ not in OWNERS:
                continue
            for field in model._meta.get_fields():
                if field.is_relation and field.many_to_one and field.concrete:
                    accessors[field.remote_field.get_accessor_name()] = model.__name__
    return accessors


def _chain(node: ast.AST) -> list[ast.AST]:
    """`a.b(x).c` → [a, b, c] nodes from the root outwards (calls skipped)."""
    parts = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            parts.append(node)
            node = node.value
        else:
            parts.append(node)
            return parts[::-1]


class _Scanner(ast.NodeVisitor):
    def __init__(self, accessors: dict[str, str]):
        self.accessors = accessors
        self.found: list[tuple[int, str, str]] = []  # (line, model, what)
        self.built: list[dict[str, str]] = [{}]  # per function: variable → model built there
        self.imported: set[str] = set()  # guarded models this module imports
        self.generic: list[tuple[int, str]] = []  # writes on generic receivers, judged at the end

    def visit_ImportFrom(self, node):
        if (node.module or "").startswith("accord.") and (node.module or "").endswith(".models"):
            self.imported |= {alias.name for alias in node.names if alias.name in OWNERS}

    def finish(self) -> list[tuple[int, str, str]]:
        """The writes found, those on generic receivers counted only when a guarded model is imported."""
        for line, what in self.generic:
            for model in sorted(self.imported):
                self.found.append((line, model, what))
        return self.found

    def _model_of_call(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in OWNERS:
            return node.func.id
        return None

    def visit_FunctionDef(self, node):
        # A parameter annotated with a model's name holds one of those: `item: ProgrammeItem` is no guarded row.
        known = {}
        for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
            if isinstance(arg.annotation, ast.Name):
                known[arg.arg] = arg.annotation.id if arg.annotation.id in OWNERS else ""
        self.built.append(known)
        self.generic_visit(node)
        self.built.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 (ast.NodeVisitor's naming)

    def visit_Assign(self, node):
        value = node.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id[:1].isupper():
            # Built here: a guarded model's row, or (another class) certainly not one.
            model = value.func.id if value.func.id in OWNERS else ""
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.built[-1][target.id] = model
        self.generic_visit(node)

    def _instance_model(self, receiver: ast.AST) -> str | None:
        model = self._model_of_call(receiver)
        if model:
            return model
        if isinstance(receiver, ast.Name):
            if receiver.id in self.built[-1]:
                return self.built[-1][receiver.id] or None
            match = NAMED.search(receiver.id)
            if match:
                return next(m for m, snake in SNAKE.items() if snake == match.group(1))
        return None

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute):
            chain = _chain(func.value)
            root = chain[0]
            names = [p.attr for p in chain if isinstance(p, ast.Attribute)]
            if func.attr in MANAGER_WRITES:
                if (
                    isinstance(root, ast.Name)
                    and root.id in OWNERS
                    and names
                    and names[0]
                    in (
                        "objects",
                        "_base_manager",
                        "_default_manager",
                    )
                ):
                    self.found.append((node.lineno, root.id, f"{root.id}.{'.'.join(names)}.{func.attr}()"))
                for name in names:
                    if name in self.accessors:
                        self.found.append((node.lineno, self.accessors[name], f"….{name}….{func.attr}()"))
                        break
            if func.attr in INSTANCE_WRITES:
                model = self._instance_model(func.value) if len(chain) == 1 else None
                if model:
                    self.found.append((node.lineno, model, f".{func.attr}() on a {model}"))
                elif isinstance(root, ast.Name) and root.id in GENERIC and root.id not in self.built[-1]:
                    self.generic.append((node.lineno, f"{root.id}.{func.attr}()"))
                elif isinstance(root, ast.Name) and root.id == "get_object_or_404":
                    self.generic.append((node.lineno, f"get_object_or_404(…).{func.attr}()"))
            if func.attr == "bulk_create" and node.args:
                items = node.args[0]
                elts = items.elts if isinstance(items, ast.List | ast.Tuple) else []
                for elt in elts:
                    model = self._model_of_call(elt)
                    if model:
                        self.found.append((node.lineno, model, f"bulk_create of {model}"))
            first = node.args[0] if node.args else None
            if func.attr == "upsert" and isinstance(first, ast.Name) and first.id in OWNERS:
                self.found.append((node.lineno, first.id, f"upsert({first.id}, …)"))
        elif isinstance(func, ast.Name) and func.id in ("_saved", "saved", "save_validated") and node.args:
            model = self._instance_model(node.args[0])
            if model:
                self.found.append((node.lineno, model, f"{func.id}() of a {model}"))
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        if bases & {"CreateView", "UpdateView", "DeleteView"}:
            assigned = {
                t.id: stmt.value.id
                for stmt in node.body
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
            methods = {stmt.name for stmt in node.body if isinstance(stmt, ast.FunctionDef)}
            model = assigned.get("model")
            if model in OWNERS and not methods & {"save_object", "form_valid"}:
                self.found.append((node.lineno, model, f"{node.name} saves its form itself"))
        self.generic_visit(node)


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path, parts


def second_write_paths(accessors: dict[str, str]) -> list[str]:
    problems = []
    for path, parts in _sources():
        scanner = _Scanner(accessors)
        scanner.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for line, model, what in scanner.finish():
            owner = OWNERS[model]
            if parts[0] == owner and (parts[-1] == "services.py" or parts[-1] in ALLOWED_ELSEWHERE):
                continue
            problem = f"accord/{'/'.join(parts)}:{line}: {what} (write it through {owner}.services)"
            if problem not in problems:
                problems.append(problem)
    return problems


def test_no_second_write_path_for_meetings_posts_organizations_and_people():
    problems = second_write_paths(_related_accessors())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Meeting.objects.create(kind='x')", "Meeting.objects.create()"),
        ("Post.objects.filter(pk=1).update(note='')", "update()"),
        ("def f():\n    m = Meeting()\n    m.save()", ".save() on a Meeting"),
        ("def f(meeting):\n    meeting.save()", ".save() on a Meeting"),
        ("def f(new_organization):\n    _saved(new_organization)", "_saved() of a Organization"),
        ("def f(meeting):\n    meeting.participations.create(state=s)", "participations"),
        ("Participation.objects.bulk_create([Participation()])", "bulk_create"),
        ("self.upsert(Person, {}, {})", "upsert(Person"),
        ("class V(EditPageMixin, CreateView):\n    model = Meeting", "saves its form itself"),
        ("from accord.meetings.models import AgendaItem\nform.save()", "form.save()"),
        ("from accord.registry.models import Post\ndef f(record):\n    record.obj.save()", "record.save()"),
        (
            "from accord.meetings.models import Outcome, Participation\nget_object_or_404(m).delete()",
            "delete()",
        ),
    ],
)
def test_the_scan_finds_each_shape_of_write(source, expected):
    scanner = _Scanner({"participations": "Participation"})
    scanner.visit(ast.parse(source))
    found = scanner.finish()
    assert any(expected in what for _line, _model, what in found), found


def test_the_scan_leaves_reads_and_other_records_alone():
    source = (
        "def f(meeting, suggestion, item: ProgrammeItem):\n"
        "    item.save()\n"
        "    Meeting.objects.filter(pk=1).first()\n"
        "    meeting.participations.filter(state=s).exists()\n"
        "    suggestion.save()\n"
        "    create_meeting(Meeting(), acting_user=u)\n"
        "class V(EditPageMixin, CreateView):\n"
        "    model = Meeting\n"
        "    def save_object(self, form):\n"
        "        return create_meeting(form.instance, acting_user=self.request.user)\n"
    )
    scanner = _Scanner({"participations": "Participation"})
    scanner.visit(ast.parse(source))
    assert scanner.finish() == []


def _viewsets():
    seen = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns)
                continue
            cls = getattr(getattr(pattern, "callback", None), "cls", None)
            if cls is not None and cls not in seen:
                seen.add(cls)
                yield cls

    yield from walk(get_resolver().url_patterns)


def test_the_api_writes_guarded_records_through_services():
    from rest_framework import mixins

    from accord.core.api.viewsets import AccordModelViewSet

    unsafe = []
    for viewset in _viewsets():
        queryset = getattr(viewset, "queryset", None)
        if queryset is None or queryset.model.__name__ not in OWNERS:
            continue
        for method, mixin in (
            ("perform_create", mixins.CreateModelMixin),
            ("perform_update", mixins.UpdateModelMixin),
            ("perform_destroy", mixins.DestroyModelMixin),
        ):
            if not issubclass(viewset, mixin):
                continue
            implementation = getattr(viewset, method)
            if implementation in (getattr(mixin, method), getattr(AccordModelViewSet, method)):
                unsafe.append(f"{viewset.__module__}.{viewset.__name__}.{method}")
    assert not unsafe, unsafe
