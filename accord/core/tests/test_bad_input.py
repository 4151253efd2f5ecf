"""Bad input is a 400 (API) or a message (pages), never a 500: numbers, years and ids of every filter.

Issue 15 found `?year=0`, `?year=10000`, `?year=0.0` (a date lookup cannot
build its bounds), `?body_id=99999999999999999999` (SQLite cannot bind the
number) and `/api/cooperation-requests/abc/` answered 500. The rules live in
`accord.core.forms` (numbers), `accord.core.filtersets` (filters) and
`accord.core.api.routers` (ids in paths); these tests hold every endpoint to them.
"""

import functools

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from accord.core.filtersets import AccordApiFilterSet, AccordFilterSet, IntegerFilter, YearFilter
from accord.core.forms import DB_INTEGER_MAX, whole_number
from accord.core.roles import Role
from accord.registry.models import Membership
from conftest import make_user

BAD_NUMBERS = ["0.0", "-5", "10000", "99999999999999999999", "1e30", "²", "abc"]
BAD_YEARS = ["0", "0.0", "-5", "10000", "1.5", "99999999999999999999"]


def assert_error_shape(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["code"], str) and isinstance(body["detail"], str)
    assert isinstance(body["fields"], dict)
    return body


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        (str(DB_INTEGER_MAX), DB_INTEGER_MAX),
        (str(DB_INTEGER_MAX + 1), None),
        ("99999999999999999999", None),
        ("²", None),  # str.isdigit() says yes, int() says no
        ("٣", None),  # an Arabic-Indic digit: int() would read it
        ("-1", None),
        ("1.0", None),
        ("", None),
        (None, None),
    ],
)
def test_whole_number(value, number):
    assert whole_number(value) == number


def test_whole_number_within_a_smaller_bound():
    assert whole_number("365", max_value=365) == 365
    assert whole_number("366", max_value=365) is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999", "1e30", "1.5", "²"])
def test_an_id_filter_refuses_what_the_database_cannot_compare(api_client, value):
    """Issue 15: `/api/memberships/?body_id=99999999999999999999` was a 500 (SQLite OverflowError)."""
    body = assert_error_shape(api_client.get("/api/memberships/", {"body_id": value}), 400)
    assert body["code"] == "validation_error" and "body_id" in body["fields"]


@pytest.mark.django_db
def test_an_id_filter_within_range_filters(api_client):
    from accord.registry.tests.factories import MembershipFactory

    membership = MembershipFactory()
    data = api_client.get("/api/memberships/", {"body_id": membership.body_id}).json()
    assert [row["id"] for row in data["results"]] == [membership.pk]
    assert api_client.get("/api/memberships/", {"body_id": DB_INTEGER_MAX}).json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["meetings", "documents", "news", "agreements", "initiatives"])
@pytest.mark.parametrize("value", BAD_YEARS)
def test_a_year_outside_the_calendar_is_a_400(api_client, english, endpoint, value):
    """Issue 15: `?year=0`, `10000`, `-5`, `0.0` were 500s on these five lists."""
    body = assert_error_shape(api_client.get(f"/api/{endpoint}/", {"year": value}), 400)
    assert body["fields"] == {"year": ["Enter a year between 1 and 9999."]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "meetings:meeting_list",
        "meetings:meeting_month",
        "documents:document_list",
        "news:news_list",
        "cooperation:agreement_list",
        "cooperation:initiative_list",
    ],
)
@pytest.mark.parametrize("value", ["0", "10000", "-5", "0.0"])
def test_a_year_outside_the_calendar_is_explained_on_the_page(client, english, url_name, value):
    response = client.get(reverse(url_name), {"year": value})
    assert response.status_code == 200
    assert "Enter a year between 1 and 9999." in response.content.decode()


@pytest.mark.django_db
def test_a_filter_missing_from_the_page_still_says_what_is_wrong(client, english):
    """`?start_after=` is an API filter the calendar page does not show: its error is shown anyway."""
    page = client.get(reverse("meetings:meeting_list"), {"start_after": "yesterday"}).content.decode()
    assert 'data-testid="filter-error"' in page and "Enter a valid date." in page


def test_filters_derived_from_model_fields_are_bounded():
    """`filterset_fields = ["year"]` on an integer column gets the bounded filter too."""
    for base in (AccordFilterSet, AccordApiFilterSet):

        class Memberships(base):
            class Meta:
                model = Membership
                fields = ["id", "body"]

        assert isinstance(Memberships.base_filters["id"], IntegerFilter)


def test_every_filterset_uses_bounded_number_filters():
    """No FilterSet of the project declares django-filter's Decimal-based NumberFilter for an integer."""
    import django_filters

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    offenders = [
        f"{filterset.__module__}.{filterset.__name__}.{name}"
        for filterset in subclasses(django_filters.FilterSet)
        if filterset.__module__.startswith("accord.")
        for name, declared in filterset.base_filters.items()
        if type(declared) is django_filters.NumberFilter
    ]
    assert offenders == []
    assert YearFilter.field_class.__name__ == "YearField"


# ---- every integer parameter of every list endpoint, as the OpenAPI schema declares them ----


@functools.cache
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _integer_query_parameters() -> list[tuple[str, str]]:
    schema = _schema()
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        for parameter in get.get("parameters", []):
            if parameter["in"] == "query" and parameter.get("schema", {}).get("type") in (
                "integer",
                "number",
            ):
                found.append((path, parameter["name"]))
    return found


@pytest.mark.django_db
def test_no_integer_parameter_of_the_api_answers_a_server_error(api_client):
    """Each integer query parameter, given numbers no column holds or no number at all: 200 or 400."""
    api_client.force_authenticate(make_user("sweeper", Role.SECRETARIAT))
    parameters = _integer_query_parameters()
    assert len(parameters) > 50
    failures = {}
    for path, name in parameters:
        for value in BAD_NUMBERS:
            response = api_client.get(path, {name: value})
            if response.status_code >= 500 or (
                response.status_code >= 400 and not response["Content-Type"].startswith("application/json")
            ):
                failures[f"{path}?{name}={value}"] = response.status_code
    assert failures == {}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("pk", ["abc", "1.5", "²", "-1", "99999999999999999999"])
def test_no_detail_route_takes_an_id_that_is_not_a_record(api_client, method, pk):
    api_client.force_authenticate(make_user("sweeper", Role.SECRETARIAT))
    detail_paths = [path for path in _schema()["paths"] if path.endswith("/{id}/")]
    assert len(detail_paths) > 30
    failures = {}
    for path in detail_paths:
        response = getattr(api_client, method)(path.replace("{id}", pk), {}, format="json")
        if response.status_code not in (403, 404, 405) or not response["Content-Type"].startswith(
            "application/json"
        ):
            failures[path] = response.status_code
    assert failures == {}


# ---- NUL characters: PostgreSQL cannot compare a text holding one ----


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["json", "multipart"])
def test_a_nul_character_in_a_body_is_a_parse_error(api_client, english, format_):
    """Schemathesis: POST /api/recommendations/ with a NUL in `state` (a slug lookup) was a 500 on PostgreSQL."""
    api_client.force_authenticate(make_user("writer", Role.SECRETARIAT))
    response = api_client.post("/api/recommendations/", {"state": "KA\x00Z", "text_en": "x"}, format=format_)
    body = assert_error_shape(response, 400)
    assert body == {
        "code": "parse_error",
        "detail": "The request contains a NUL character, which no field accepts.",
        "fields": {},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/registry/states/KA%00Z/", "/states/KA%00Z/", "/api/chairmanship-reports/?body=a%00&year=2024"]
)
def test_a_nul_character_in_the_address_is_a_400(client, english, path):
    """`<str:iso3>` and keys in query strings reach lookups by text: a NUL there was a 500 on PostgreSQL."""
    client.force_login(make_user("reader", Role.SECRETARIAT))
    response = client.get(path)
    assert response.status_code == 400
    assert "The address contains a NUL character." in response.content.decode()
