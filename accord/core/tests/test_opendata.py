"""The open-data declaration pieces apps build their tables from (`accord.core.opendata`)."""

import pytest

from accord.core import opendata
from accord.core.opendata import Column, col, model_table, semicolon_list, url_col, visible_fk
from accord.registry.models import Organization, State
from accord.registry.tests.factories import OrganizationFactory, StateFactory


def test_a_column_takes_its_type_enum_and_description_from_the_model():
    assert col(State, "id").schema()["constraints"] == {"required": True}
    assert col(Organization, "state_id").type == "integer"
    assert col(Organization, "founded_on").type == "date"
    assert col(Organization, "website").format == "uri"
    kind = col(Organization, "kind")
    assert kind.type == "string" and "igo" in kind.enum
    assert col(Organization, "state_id", "Own words.").description == "Own words."
    assert col(Organization, "state_id", source="other").key == "other"


def test_the_url_column_builds_public_addresses_and_leaves_none_empty(settings):
    settings.ACCORD_BASE_URL = "https://example.org/"
    url = url_col("registry:state_detail", "iso3", "iso3", "ZZZ")
    assert url.key == "iso3"
    assert url.convert("KAZ").startswith("https://example.org/") and url.convert("KAZ").endswith("/KAZ/")
    assert url.convert(None) is None


def test_a_list_becomes_one_cell():
    assert semicolon_list(["a", "b"]) == "a;b"
    assert semicolon_list(None) == ""


@pytest.mark.django_db
def test_a_model_table_reads_its_rows_only_when_written_in_key_order(monkeypatch):
    calls = []

    def queryset():
        calls.append(1)
        return State.objects.all()

    table = model_table("states", "States", "All", [col(State, "id"), col(State, "iso3")], queryset)
    assert calls == []
    first, second = StateFactory(), StateFactory()
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 1)
    assert [r["id"] for r in table.rows()] == [first.pk, second.pk]
    assert isinstance(table.columns, tuple) and calls == [1]


@pytest.mark.django_db
def test_a_visible_reference_is_empty_when_the_public_cannot_see_the_record():
    state = StateFactory()
    shown, hidden = OrganizationFactory(state=state), OrganizationFactory(state=StateFactory())
    rows = Organization.objects.annotate(
        public_state_id=visible_fk("state", State.objects.filter(pk=state.pk))
    )
    values = dict(rows.filter(pk__in=[shown.pk, hidden.pk]).values_list("pk", "public_state_id"))
    assert values == {shown.pk: state.pk, hidden.pk: None}


def test_a_table_schema_names_its_keys():
    table = opendata.Table(
        name="t",
        title="T",
        description="D",
        columns=(Column("id", "integer", "Id", required=True),),
        rows=list,
        foreign_keys=(("parent_id", "", "id"),),
    )
    schema = table.schema()
    assert schema["primaryKey"] == ["id"]
    assert schema["foreignKeys"] == [
        {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}
    ]
