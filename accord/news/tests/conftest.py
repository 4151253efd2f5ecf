"""News fixtures: files go to a temporary media root; a small registry the gazetteer can find."""

import datetime

import pytest

from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import AliasFactory, OrganizationFactory, PersonFactory, StateFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db):
    """Kyrgyzstan (with its long name as an alias), the prosecutors' council, a prosecutor and its meeting."""
    kyrgyzstan = StateFactory(iso3="KGZ", iso2="KG", name_ru="Киргизия", name_en="Kyrgyzstan")
    AliasFactory(state=kyrgyzstan, text="Кыргызская Республика", language="ru")
    AliasFactory(state=kyrgyzstan, text="Kyrgyz Republic", language="en")
    council = OrganizationFactory(
        slug="cis-prosecutors-council",
        kind="body",
        name_ru="Координационный совет генеральных прокуроров",
        name_en="Coordination Council of Prosecutors General",
        abbreviation_ru="КСГП",
    )
    person = PersonFactory(
        family_name_ru="Краснов", given_name_ru="Игорь", family_name_en="Krasnov", given_name_en="Igor"
    )
    meeting = MeetingFactory(
        body=council,
        kind="meeting",
        start_on=datetime.date(2024, 5, 16),
        end_on=datetime.date(2024, 5, 16),
        city_ru="Бишкек",
        city_en="Bishkek",
        country=kyrgyzstan,
    )
    return {"KGZ": kyrgyzstan, "council": council, "person": person, "meeting": meeting}


NEWS_BODY_RU = (
    "<p>16 мая 2024 года в Бишкеке состоялось заседание Координационного совета генеральных прокуроров.</p>"
    "<p>В заседании принял участие <strong>Игорь Краснов</strong>. "
    "Делегация Кыргызской Республики представила доклад.</p>"
)
