"""The OpenAPI schema is valid, warning-free, and served with its docs."""

import pytest
from django.core.management import call_command


def test_schema_is_valid_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "/api/states/" in (tmp_path / "schema.yml").read_text()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/", "/api/redoc/"])
def test_schema_and_docs_are_served(client, url):
    assert client.get(url).status_code == 200


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_errors_are_described_in_their_one_shape(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["code", "detail", "fields"]
    detail = schema["paths"]["/api/meetings/{id}/"]
    assert detail["get"]["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert {"400", "403", "404", "413"} <= set(detail["patch"]["responses"])
    assert "400" in schema["paths"]["/api/meetings/"]["get"]["responses"]  # it takes filters


def test_answers_are_described_as_they_are(schema):
    """Schemathesis' response_schema_conformance found these: empty values the schema did not allow."""
    components = schema["components"]["schemas"]
    assert components["Mention"]["properties"]["state"]["nullable"] is True
    assert components["Suggestion"]["properties"]["decided_by"]["nullable"] is True
    assert components["NewsItem"]["properties"]["lead_image"]["nullable"] is True
    blank = {"$ref": "#/components/schemas/BlankEnum"}
    assert blank in components["RequestEvent"]["properties"]["from_status"]["oneOf"]
    assert blank in components["ResponseVersion"]["properties"]["implementation"]["oneOf"]
    statistics = schema["paths"]["/api/cooperation-request-statistics/"]["get"]["responses"]["200"]
    assert statistics["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Statistics"}
