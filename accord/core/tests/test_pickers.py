"""The type-ahead endpoint (/autocomplete/<kind>/): who is offered what, how names match, how forms use it."""

import pytest
from django.urls import reverse

from accord.core.choices import Confidentiality
from accord.core.pickers import PAGE_SIZE, PickerSelect, fold, use_pickers
from accord.documents.tests.factories import DocumentFactory
from accord.instruments.tests.factories import InstrumentFactory
from accord.meetings.forms import MeetingForm
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import (
    AliasFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


def offered(client, kind: str, q: str = "", **params) -> list[str]:
    response = client.get(reverse("autocomplete", args=[kind]), {"q": q, **params})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return [row["text"] for row in response.json()["results"]]


def test_fold_sets_aside_case_accents_and_yo():
    assert fold("  Ёлкин  CÔTE d’Ivoire ") == "елкин cote d’ivoire"


def test_a_state_is_found_by_any_name_or_alias_whatever_the_case_and_accents(client):
    state = StateFactory(name_ru="Кыргызская Республика", name_en="Kyrgyz Republic", iso3="KGZ")
    AliasFactory(state=state, text="Киргизия", language="ru")
    StateFactory(name_ru="Казахстан", name_en="Kazakhstan")
    for typed in ("киргизия", "КИРГИЗ", "kyrgyz", "кырг респ", "Kyrgyz Republic", "kgz"):
        assert offered(client, "state", typed) == ["Кыргызская Республика"], typed
    côte = StateFactory(name_ru="Кот-д’Ивуар", name_en="Côte d’Ivoire")
    assert côte.name_ru in offered(client, "state", "cote")


def test_names_are_in_the_readers_language_and_sorted_by_them(client, settings):
    StateFactory(name_ru="Армения", name_en="Zeta Armenia")
    StateFactory(name_ru="Япония", name_en="Alpha Japan")
    StateFactory(name_ru="Бразилия", name_en="")  # no English name: the Russian one stands in
    assert offered(client, "state") == ["Армения", "Бразилия", "Япония"]
    settings.LANGUAGE_CODE = "en"
    assert offered(client, "state") == ["Alpha Japan", "Zeta Armenia", "Бразилия"]


def test_a_person_is_found_by_a_latin_spelling_of_a_cyrillic_name(client):
    PersonFactory(family_name_ru="Жумабеков", given_name_ru="Ерлан", family_name_en="", given_name_en="")
    PersonFactory(family_name_ru="Сидоров", given_name_ru="Пётр", family_name_en="", given_name_en="")
    assert offered(client, "person", "Zhumabekov") == ["Ерлан Жумабеков"]
    assert offered(client, "person", "erlan zhuma") == ["Ерлан Жумабеков"]


def test_restricted_records_are_never_offered_to_those_who_cannot_see_them(
    client, secretariat_user, focal_point_user
):
    PersonFactory(family_name_ru="Открытов", family_name_en="Otkrytov")
    PersonFactory(family_name_ru="Скрытов", family_name_en="Skrytov", is_public=False)
    MeetingFactory(title_ru="Совещание открытое", confidentiality=Confidentiality.PUBLIC)
    MeetingFactory(title_ru="Совещание для членов", confidentiality=Confidentiality.RESTRICTED)
    MeetingFactory(title_ru="Совещание секретное", confidentiality=Confidentiality.CONFIDENTIAL)
    DocumentFactory(title="Доклад открытый", confidentiality=Confidentiality.PUBLIC)
    DocumentFactory(title="Доклад закрытый", confidentiality=Confidentiality.RESTRICTED)

    def everything() -> set[str]:
        return {
            *offered(client, "person", "ов"),
            *offered(client, "meeting", "совещание"),
            *offered(client, "document", "доклад"),
        }

    public = {"Иван Открытов", "Доклад открытый"}
    anonymous = everything()
    assert {name for name in anonymous if "Совещание" not in name} == public
    assert [m for m in anonymous if "Совещание" in m] == [m for m in anonymous if "открытое" in m] != []
    client.force_login(focal_point_user)
    member = everything()
    assert "Иван Скрытов" in member and "Доклад закрытый" in member
    assert any("для членов" in m for m in member) and not any("секретное" in m for m in member)
    client.force_login(secretariat_user)
    assert any("секретное" in m for m in everything())


def test_answers_are_paged_and_bad_input_is_no_error(client):
    for n in range(PAGE_SIZE + 3):
        OrganizationFactory(name_ru=f"Орган {n:02d}", name_en=f"Body {n:02d}")
    first = client.get(reverse("autocomplete", args=["organization"]), {"q": "орган"}).json()
    assert len(first["results"]) == PAGE_SIZE and first["more"] is True
    second = client.get(reverse("autocomplete", args=["organization"]), {"q": "орган", "page": "2"}).json()
    assert len(second["results"]) == 3 and second["more"] is False
    assert (
        client.get(
            reverse("autocomplete", args=["organization"]), {"page": "x²", "q": "я" * 5000}
        ).status_code
        == 200
    )
    assert client.get(reverse("autocomplete", args=["nonsense"])).status_code == 404


def test_the_endpoint_is_rate_limited(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "picker": "2/minute"},
    }
    url = reverse("autocomplete", args=["state"])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_instruments_and_organizations_by_abbreviation(client):
    InstrumentFactory(
        name_ru="Конвенция против коррупции", name_en="Convention against Corruption", abbreviation_en="UNCAC"
    )
    OrganizationFactory(name_ru="Управление по наркотикам", abbreviation_en="UNODC")
    assert offered(client, "instrument", "uncac") == ["Конвенция против коррупции"]
    assert offered(client, "instrument", "КОНВЕНЦИЯ") == ["Конвенция против коррупции"]
    assert offered(client, "organization", "unodc") == ["Управление по наркотикам"]


def test_a_picker_renders_only_the_chosen_options_and_still_validates(secretariat_user):
    body, other = OrganizationFactory(), OrganizationFactory()
    meeting = MeetingFactory(body=body)
    form = MeetingForm(instance=meeting)
    html = str(form["body"])
    assert isinstance(form.fields["body"].widget, PickerSelect)
    assert 'data-picker="/autocomplete/organization/"' in html
    assert f'value="{body.pk}" selected' in html and f'value="{other.pk}"' not in html
    bad = MeetingForm(
        {"kind": "session", "start_on": "2025-01-01", "body": "999999", "version": meeting.version},
        instance=meeting,
    )
    assert not bad.is_valid() and "body" in bad.errors
    assert 'value="999999"' not in str(bad["body"])


def test_use_pickers_passes_over_fields_a_form_does_not_have():
    form = MeetingForm()
    use_pickers(form, nonexistent="state")
    assert "nonexistent" not in form.fields


def test_filters_choose_a_state_by_its_code_and_offer_bodies_only(client):
    from accord.registry.choices import OrganizationKind

    StateFactory(name_ru="Казахстан", name_en="Kazakhstan", iso3="KAZ")
    OrganizationFactory(name_ru="Совет министров", kind=OrganizationKind.BODY)
    NationalAuthorityFactory(name_ru="Совет безопасности страны")
    answer = client.get(reverse("autocomplete", args=["state"]), {"q": "казах", "key": "iso3"}).json()
    assert answer["results"] == [{"value": "KAZ", "text": "Казахстан"}]
    assert client.get(reverse("autocomplete", args=["state"]), {"key": "password"}).status_code == 404
    assert offered(client, "body", "совет") == ["Совет министров"]
    page = client.get(reverse("meetings:meeting_list"), {"state": "KAZ"}).content.decode()
    assert 'data-picker="/autocomplete/state/?key=iso3"' in page
    assert '<option value="KAZ" selected>Казахстан</option>' in page
