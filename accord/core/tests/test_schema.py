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
