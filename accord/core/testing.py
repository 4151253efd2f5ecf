"""The role matrix: one table of role × resource × action → allowed, run over every API endpoint and page.

NetBox tests each model's API and views under users granted exactly one
permission (`utilities/testing/api.py`). Accord's permissions follow from
data (a focal point's state, an expert's review), so a row of the table names
the record each role acts on and the roles allowed to act; what every role
must get follows from one rule:

- allowed: 2xx (a page: 200, or a redirect after a POST);
- a record the role may not see: 404, on pages and in the API alike;
- any other refusal: 403 (anonymous API callers may get 401; anonymous
  visitors of a members' page are sent to the login page);
- a refused write changes nothing.

The tables live in `tests/test_role_matrix.py`; this module holds the rule,
the roles, the shared test data and the lists of endpoints and pages that a
table must cover, so that a new endpoint without a row fails the suite.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.urls import URLPattern, URLResolver, get_resolver

ANONYMOUS = "anonymous"
NO_ROLE = "no_role"
SECRETARIAT = "secretariat"
FOCAL_POINT = "focal_point"  # bound to the state the records of the world belong to
OTHER_FOCAL_POINT = "other_focal_point"  # bound to another state
REVIEWER = "reviewer"  # an expert named on the world's country review
ANALYST = "analyst"
ORGANIZATION_CONTACT = "organization_contact"  # bound to the world's intergovernmental organization

#: The columns of the matrix, in the order failures are reported.
ROLES = (
    ANONYMOUS,
    NO_ROLE,
    SECRETARIAT,
    FOCAL_POINT,
    OTHER_FOCAL_POINT,
    REVIEWER,
    ANALYST,
    ORGANIZATION_CONTACT,
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
#: The network's roles read restricted data; an organization's contact reads what the public reads.
MEMBERS = SIGNED_IN - {NO_ROLE, ORGANIZATION_CONTACT}
NOBODY: frozenset[str] = frozenset()

#: Page kinds: a named page URL ending in one of these must have a row in the page table.
PAGE_KINDS = ("_list", "_detail", "_create", "_update", "_edit", "_delete")

World = Any  # a namespace of records built by the table's module
Builder = Callable[[World], Any]


def only(*roles: str) -> frozenset[str]:
    return frozenset(roles)


@dataclass(frozen=True)
class Action:
    """A viewset's own action (`accept`, `move`): who may call it, on which record, with what."""

    allowed: frozenset[str]
    payload: Builder | None = None
    subject: Builder | None = None  # detail actions: defaults to the row's subject
    query: Builder | None = None  # GET actions: query parameters


@dataclass(frozen=True)
class Resource:
    """One API viewset's row: who reads its record and who creates, changes or deletes one.

    `None` for a write means the resource does not offer it (everyone is refused).
    """

    read: frozenset[str]
    subject: Builder | None = None
    create: frozenset[str] | None = None
    create_payload: Builder | None = None
    update: frozenset[str] | None = None
    update_payload: Builder | None = None
    delete: frozenset[str] | None = None
    delete_subject: Builder | None = None  # when the subject is protected by references
    listed: frozenset[str] = EVERYONE  # who may call the list at all
    list_query: Builder | None = None
    actions: dict[str, Action] = field(default_factory=dict)


@dataclass(frozen=True)
class View:
    """An API view that is not a viewset (`popolo.json`, `search/`): who may GET it."""

    allowed: frozenset[str]
    query: Builder | None = None
    checked_by: str = ""  # a test elsewhere calls it (the schema takes long to generate)


@dataclass(frozen=True)
class Page:
    """A page: who gets it; who may see its record at all (others: 404); whether the public may come.

    A list page may name a `marker` (a text of a restricted record) that only
    the roles `shown_to` find on it.
    """

    allowed: frozenset[str]
    args: Builder | None = None
    read: frozenset[str] | None = None  # default: the allowed roles
    public: bool = False  # anonymous visitors get 404 for a hidden record, not the login page
    anonymous: int | None = None  # what anonymous visitors get when the page sends them elsewhere
    method: str = "get"
    subject: Builder | None = None  # POST pages: the record that must survive a refusal
    data: Builder | None = None
    marker: Builder | None = None
    shown_to: frozenset[str] = NOBODY


# ---- the rule ----------------------------------------------------------------------------------


ALLOWED = frozenset({200, 201, 204})


def refused(role: str, visible: bool) -> frozenset[int]:
    """What a refused API call may answer: 403; 404 (or 400, "no such record" for a reference
    in the body) when the role cannot see the record."""
    codes = {403} if visible else {400, 403, 404}
    if role == ANONYMOUS:
        codes.add(401)
    return frozenset(codes)


def expected_api(row: Resource, action: str, role: str) -> frozenset[int]:
    """The answers allowed for `role` calling `action` (list, retrieve, create, update, delete) of `row`."""
    visible = role in row.read
    if action == "list":
        return frozenset({200}) if role in row.listed else refused(role, True)
    if role not in row.listed:
        return refused(role, True)
    if action == "retrieve":
        return frozenset({200}) if visible else frozenset({404})
    allowed = getattr(row, action)
    if allowed is None:  # not offered: the method is refused before anything else
        return refused(role, visible) | {405}
    if role in allowed:
        return ALLOWED
    return refused(role, visible)


def expected_action(row: Resource, action: Action, role: str) -> frozenset[int]:
    if role in action.allowed:
        return ALLOWED
    return refused(role, role in row.read)


def expected_page(page: Page, role: str, login_url: str, *, write: bool = False) -> frozenset[int | str]:
    """What `role` may get from `page`: 200 (or a redirect after a POST), 404, 403, or the login page.

    A role that may not see the page's record gets 404; on a create, edit or
    delete page (`write`) a 403 leaks nothing either. Anonymous visitors of a
    members' page are sent to the login page, or told the record is not found.
    """
    if role in page.allowed:
        return frozenset({200}) if page.method == "get" else frozenset({200, 302})
    hidden = role not in (page.allowed if page.read is None else page.read)
    if role == ANONYMOUS:
        if page.anonymous is not None:
            return frozenset({page.anonymous})
        if page.public:
            return frozenset({404})
        codes: set[int | str] = {login_url}
        if hidden:
            codes.add(404)
        if page.method == "post":
            codes.add(403)
        return frozenset(codes)
    if hidden:
        return frozenset({403, 404}) if write else frozenset({404})
    return frozenset({403})


# ---- what must be covered ----------------------------------------------------------------------


@dataclass
class ApiEndpoint:
    """A viewset as the routers serve it: the standard actions it offers and its own actions."""

    viewset: type
    list_name: str | None = None
    detail_name: str | None = None
    standard: set[str] = field(default_factory=set)
    extra: dict[str, str] = field(default_factory=dict)  # action → URL name


STANDARD_ACTIONS = {
    "list": "list",
    "retrieve": "retrieve",
    "create": "create",
    "update": "update",
    "partial_update": "update",
    "destroy": "delete",
}


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, URLPattern, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), pattern, namespace or ""


@functools.cache
def api_endpoints() -> tuple[dict[str, ApiEndpoint], set[str]]:
    """Every viewset under /api/ by its basename, and the names of the other API views."""
    viewsets: dict[type, ApiEndpoint] = {}
    views: set[str] = set()
    for route, pattern, _namespace in _walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "cls", None)
        if not route.startswith("api/") or view_class is None or not pattern.name:
            continue
        actions = getattr(pattern.callback, "actions", None)
        if actions is None:
            views.add(pattern.name)
            continue
        endpoint = viewsets.setdefault(view_class, ApiEndpoint(view_class))
        offered = {a for m, a in actions.items() if m in view_class.http_method_names}
        extra = {a for a in offered if a not in STANDARD_ACTIONS}
        if extra:
            endpoint.extra.update(dict.fromkeys(extra, pattern.name))
        elif offered & {"list", "create"}:
            endpoint.list_name = pattern.name
        elif offered:
            endpoint.detail_name = pattern.name
        endpoint.standard |= {STANDARD_ACTIONS[a] for a in offered if a in STANDARD_ACTIONS}
    by_basename = {}
    for endpoint in viewsets.values():
        name = endpoint.list_name or endpoint.detail_name
        by_basename[name.rsplit("-", 1)[0]] = endpoint
    return by_basename, views - {"api-root"}


def page_names() -> set[str]:
    """The named pages of the kinds the matrix covers (`app:thing_list`, `…_detail`, `…_create`, …)."""
    names = set()
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        if route.startswith(("api/", "admin/")) or not pattern.name or not namespace:
            continue
        if pattern.name.endswith(PAGE_KINDS):
            names.add(f"{namespace}:{pattern.name}")
    return names


# ---- running one call without leaving a trace ----------------------------------------------------


def snapshot(record: models.Model | None) -> dict | None:
    """The stored state of a record (None once deleted): compared before and after a refused write."""
    if record is None:
        return None
    return type(record)._base_manager.filter(pk=record.pk).values().first()


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Whatever the call writes is undone, so that each role meets the same data."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@contextlib.contextmanager
def shared_test_data(django_db_blocker) -> Iterator[None]:
    """Rows built once for a whole test module, inside a transaction rolled back after it.

    Each test still runs in its own savepoint (pytest-django's `db`), so the
    tests cannot disturb one another; building the world once keeps the matrix
    of a few thousand calls within its time budget. (A `durable=True` atomic
    block would refuse to run inside it; Accord has none.)
    """
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


# ---- reference data: loaded once per test session, restored in each test that reads it ----------


@dataclass
class Snapshot:
    """Rows a load added, table by table, and the INSERT statements that put them back.

    A row may point to a row the load did not add (a content type, a
    permission): those are kept by natural key, because a transactional test's
    flush recreates them under other keys.
    """

    rows: dict[type[models.Model], list[models.Model]]
    _inserts: list[tuple[str, list[tuple], list[tuple[int, type[models.Model], dict]]]] | None = None

    def __post_init__(self) -> None:
        # Read now, while the rows pointed to still have the keys the snapshot holds.
        self._references = {model: self._outside(model, rows) for model, rows in self.rows.items()}

    def _outside(self, model: type[models.Model], rows: list[models.Model]) -> list[tuple]:
        """(column index, target model, {key: natural key}) of the foreign keys to rows outside the snapshot."""
        found = []
        for index, column in enumerate(model._meta.local_concrete_fields):
            target = column.related_model if column.is_relation else None
            if target is None or target in self.rows or not hasattr(target, "natural_key"):
                continue
            keys = {getattr(row, column.attname) for row in rows} - {None}
            stored = target._base_manager.in_bulk(keys)
            found.append((index, target, {pk: stored[pk].natural_key() for pk in keys}))
        return found

    def inserts(
        self, connection
    ) -> list[tuple[str, list[tuple], list[tuple[int, type[models.Model], dict]]]]:
        """One statement per table with every row's values, prepared once: a restore is a plain insert."""
        if self._inserts is None:
            quote = connection.ops.quote_name
            self._inserts = []
            for model, rows in self.rows.items():
                fields = model._meta.local_concrete_fields
                sql = "INSERT INTO {} ({}) VALUES ({})".format(
                    quote(model._meta.db_table),
                    ", ".join(quote(f.column) for f in fields),
                    ", ".join(["%s"] * len(fields)),
                )
                values = [
                    tuple(f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields)
                    for row in rows
                ]
                self._inserts.append((sql, values, self._references[model]))
        return self._inserts


def _translated(values: list[tuple], outside: list[tuple[int, type[models.Model], dict]]) -> list[tuple]:
    """The rows with their references outside the snapshot pointed at today's keys of the same rows."""
    moves = {}
    for index, target, natural in outside:
        manager = target._default_manager
        now = {pk: manager.get_by_natural_key(*key).pk for pk, key in natural.items()}
        if any(old != new for old, new in now.items()):
            moves[index] = now
    if not moves:
        return values
    return [tuple(moves[i].get(v, v) if i in moves else v for i, v in enumerate(row)) for row in values]


def _tables() -> list[type[models.Model]]:
    from django.apps import apps
    from django.db import connection

    existing = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
    ]


def rows_added_by(load: Callable[[], object]) -> Snapshot:
    """Run `load` in a transaction rolled back at once; return the rows it added, table by table.

    The session's one real load: each test that reads the data gets these rows
    back with `restore_rows`, a plain insert, rather than loading again.
    """
    tables = _tables()
    with transaction.atomic():
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in tables}
        load()
        added = {
            model: [row for row in model._base_manager.all() if row.pk not in before[model]]
            for model in tables
        }
        transaction.set_rollback(True)
    return Snapshot({model: rows for model, rows in added.items() if rows})


def restore_rows(snapshot: Snapshot) -> None:
    """Insert the rows again, with their keys, in one transaction (foreign keys are checked at its end).

    PostgreSQL's sequences are moved past the keys; the pages cache and the
    search name index hear of the change as after a real load.
    """
    from django.core.management.color import no_style
    from django.db import connection

    from accord.core.cache import invalidation_deferred
    from accord.core.reference import records_written

    with transaction.atomic(), invalidation_deferred(), connection.cursor() as cursor:
        for sql, values, outside in snapshot.inserts(connection):
            cursor.executemany(sql, _translated(values, outside))
        if connection.vendor == "postgresql":
            for statement in connection.ops.sequence_reset_sql(no_style(), list(snapshot.rows)):
                cursor.execute(statement)
    for model in snapshot.rows:
        records_written.send(sender=model, using=connection.alias)


# ---- skips CI accepts ---------------------------------------------------------------------------


def allowed_skip_patterns(path) -> list[re.Pattern]:
    """The patterns of `tests/allowed_skips.txt`: one regular expression a line, under a comment saying why.

    A pattern with no comment in its paragraph above it is refused (ValueError).
    """
    patterns: list[re.Pattern] = []
    explained = False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text:  # a blank line ends a paragraph and its comment
            explained = False
            continue
        if text.startswith("#"):
            explained = True
            continue
        if not explained:
            raise ValueError(f"{path}:{number}: say why this skip is allowed in a comment above it")
        patterns.append(re.compile(text))
    return patterns


def unexpected_skips(skips: Iterable[tuple[str, str]], patterns: list[re.Pattern]) -> list[tuple[str, str]]:
    """The (test, reason) pairs whose reason no allowed pattern matches."""
    return [(test, reason) for test, reason in skips if not any(p.search(reason) for p in patterns)]


def skip_reason(report) -> str:
    """The reason of a skipped test report, without pytest's "Skipped: " prefix."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def mismatches(
    observed: dict[str, Any], expected: dict[str, frozenset], details: dict[str, str] | None = None
) -> dict[str, str]:
    """Calls whose answer is not an expected one, as `who: got X, expected Y (what the body said)`."""
    found = {}
    for key, value in observed.items():
        if value not in expected[key]:
            options = " or ".join(sorted(map(str, expected[key])))
            said = (details or {}).get(key, "")
            found[key] = f"got {value}, expected {options}" + (f" ({said})" if said else "")
    return found


def short_body(response) -> str:
    """The start of a response's body, for failure messages."""
    content = getattr(response, "content", b"") or b""
    return content[:160].decode("utf-8", "replace")


# ---- PostgreSQL for tests that create their own databases -----------------------------------------

POSTGRES_ADMIN_URL = os.environ.get("ACCORD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def postgres_admin_connection():
    """An autocommit connection to the server's admin database; the test skips with a reason without one."""
    import pytest

    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(
            f"No PostgreSQL server at {POSTGRES_ADMIN_URL} ({exc.__class__.__name__}); "
            "set ACCORD_TEST_POSTGRES_URL"
        )
