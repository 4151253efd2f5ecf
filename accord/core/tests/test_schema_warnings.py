"""The OpenAPI schema of every app validates without a single warning."""

from django.core.management import call_command


def test_schema_stays_warning_free(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
