"""The type-ahead endpoint (/autocomplete/<kind>/): who is offered what, how names match, how forms use it."""

import pytest
from django.contrib.auth.models import AnonymousUser
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


# Issue 20: the forms that still listed every record in a plain select.
PICKED_MODELS = {"State", "Organization", "Person", "Meeting", "Document", "Instrument"}


def _picker_forms(user):
    """One instance of each form of suggestions, chairmanship, follow-up and analytics filters."""
    from accord.analytics.forms import NetworkForm, ParticipationForm
    from accord.chairmanship.forms import ItemStatusForm
    from accord.chairmanship.tests.factories import ProgrammeItemFactory
    from accord.extraction.payloads import FORMS
    from accord.extraction.tests.factories import SuggestionFactory
    from accord.followup.forms import ProgressForm, RecommendationForm
    from accord.legal_cooperation.forms import CooperationRequestForm

    forms = [form_class(suggestion=SuggestionFactory(), user=user) for form_class in FORMS.values()]
    forms += [
        ItemStatusForm(item=ProgrammeItemFactory(), user=user),
        RecommendationForm(user=user),
        ProgressForm(user=user),
        ParticipationForm(user=user),
        NetworkForm(user=user),
        CooperationRequestForm(user=user),
    ]
    return forms


def test_no_form_of_suggestions_chairmanship_followup_or_analytics_lists_records_in_a_plain_select(
    secretariat_user,
):
    from django import forms as django_forms

    from accord.core.pickers import PickerWidgetMixin

    checked = []
    for form in _picker_forms(secretariat_user):
        for name, form_field in form.fields.items():
            if (
                isinstance(form_field, django_forms.ModelChoiceField)
                and form_field.queryset.model.__name__ in PICKED_MODELS
            ):
                assert isinstance(form_field.widget, PickerWidgetMixin), (type(form).__name__, name)
                assert "data-picker" in str(form[name]), (type(form).__name__, name)
                checked.append(f"{type(form).__name__}.{name}")
    assert {"PostPayloadForm.person", "ItemStatusForm.meeting", "ProgressForm.documents"} <= set(checked)
    assert {"RecommendationForm.authority", "ParticipationForm.body", "NetworkForm.state"} <= set(checked)
    assert "CooperationRequestForm.requested_authority" in checked


def test_the_follow_up_register_filters_by_state_and_authority_by_typing(client, secretariat_user):
    StateFactory(name_ru="Казахстан", iso3="KAZ")
    ministry = NationalAuthorityFactory(name_ru="Министерство юстиции")
    client.force_login(secretariat_user)
    page = client.get(reverse("followup:recommendation_list"), {"state": "KAZ", "authority": ministry.pk})
    html = page.content.decode()
    assert (
        'data-picker="/autocomplete/state/?key=iso3"' in html
        and 'data-picker="/autocomplete/authority/"' in html
    )
    assert '<option value="KAZ" selected>Казахстан</option>' in html
    assert offered(client, "authority", "юстиц") == [str(ministry)]


def test_these_forms_refuse_records_their_user_may_not_see(analyst_user, secretariat_user):
    """A picker offers only visible records; an id sent by hand past it is refused as well."""
    from accord.analytics.forms import NetworkForm
    from accord.chairmanship.forms import ItemStatusForm
    from accord.chairmanship.tests.factories import ProgrammeItemFactory
    from accord.extraction.payloads import PostPayloadForm
    from accord.extraction.tests.factories import SuggestionFactory

    hidden_person = PersonFactory(is_public=False)
    secret = MeetingFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    organization = OrganizationFactory()
    post = {"person": hidden_person.pk, "organization": organization.pk, "title": "Министр", "role": "head"}
    suggestion = SuggestionFactory(kind="post", payload={})
    assert not PostPayloadForm(post, suggestion=suggestion, user=AnonymousUser()).is_valid()
    assert PostPayloadForm(post, suggestion=suggestion, user=secretariat_user).is_valid()
    item = ProgrammeItemFactory()
    status = {"status": "held", "meeting": secret.pk}
    assert "meeting" in ItemStatusForm(status, item=item, user=analyst_user).errors
    assert ItemStatusForm(status, item=item, user=secretariat_user).is_valid()
    StateFactory(iso3="KAZ")
    assert NetworkForm({"state": "kaz"}, user=analyst_user).is_valid()
    unknown = NetworkForm({"state": "ZZZ"}, user=analyst_user)
    assert unknown.has_error("state", code="invalid_choice") and "ZZZ" in unknown.errors["state"][0]


def test_a_kind_may_put_some_records_first_and_a_bad_value_changes_nothing(client):
    from datetime import date

    early = MeetingFactory(title_ru="Совещание раннее", start_on=date(2021, 3, 1), end_on=date(2021, 3, 2))
    MeetingFactory(title_ru="Совещание позднее", start_on=date(2023, 3, 1), end_on=date(2023, 3, 2))
    assert offered(client, "meeting", "совещание")[0].startswith("Совещание позднее")  # newest first
    assert offered(client, "meeting", "совещание", year="2021")[0].startswith(early.title)
    for bad in ("x", "0", "99999999999999", "-1", "２０２１"):
        assert offered(client, "meeting", "совещание", year=bad)[0].startswith("Совещание позднее"), bad
    ivanov = PersonFactory(family_name_ru="Яковлев", given_name_ru="Юрий")
    PersonFactory(family_name_ru="Абрамов", given_name_ru="Андрей")
    assert offered(client, "person")[0] == "Андрей Абрамов"
    assert offered(client, "person", family="ЯКОВЛЕВ")[0] == str(ivanov)
    # An extracted post's person box opens on the people of the family name the text gave.
    from urllib.parse import quote

    from accord.extraction.payloads import unbound_form_for
    from accord.extraction.tests.factories import SuggestionFactory

    post = SuggestionFactory(kind="post", payload={"family_name": "Яковлев", "title": "Министр"})
    assert f'data-picker="/autocomplete/person/?family={quote("Яковлев")}"' in str(
        unbound_form_for(post)["person"]
    )
    widget = PickerSelect("document", key="", first={"state": 7, "empty": None})
    widget.choices = []
    assert 'data-picker="/autocomplete/document/?state=7"' in widget.render("documents", None)
