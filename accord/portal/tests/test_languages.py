"""Two languages, each whole: the reference data's short names, group names and depositary per language."""

import re

import pytest
from django.urls import reverse

from accord.instruments.models import Instrument
from accord.portal.addresses import body_url
from accord.registry.models import Organization

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_SHORT_NAMES = ("CoSP", "COP", "GRULAC", "WEOG", "EEG", "APG", "CCPG", "ECO")


def page(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def headings(html: str) -> str:
    """Headings, title and breadcrumbs: where a page names its record by its short name."""
    parts = [text for _, text in re.findall(r"<(h[1-6]|title)[^>]*>(.*?)</\1>", html, re.S)]
    parts += re.findall(r'<li class="breadcrumb-item[^"]*"[^>]*>(.*?)</li>', html, re.S)
    return re.sub(r"<[^>]+>", " ", " ".join(parts))


BODIES = ["cis-prosecutors-council", "cis-anticorruption-council", "eco", "uncac-cosp", "untoc-cop"]


@pytest.mark.parametrize("key", BODIES)
def test_a_body_page_names_the_body_in_the_readers_language(client, reference_data, key):
    body = Organization.objects.get(slug=key)
    english = headings(page(client, body_url(body), "en"))
    assert not CYRILLIC.search(english), english
    russian = headings(page(client, body_url(body), "ru"))
    assert not [short for short in LATIN_SHORT_NAMES if re.search(rf"\b{short}\b", russian)], russian


def test_the_short_names_exist_in_both_languages_where_texts_use_them(reference_data):
    council = Organization.objects.get(slug="cis-prosecutors-council")
    assert (council.abbreviation_ru, council.abbreviation_en) == ("КСГП", "CCPG")
    assert Organization.objects.get(slug="eco").abbreviation_en == "ECO"
    assert Organization.objects.get(slug="uncac-cosp").abbreviation_ru == "КГУ"


def test_the_depositary_is_named_in_the_readers_language(client, reference_data):
    uncac = Instrument.objects.get(slug="uncac")
    url = uncac.get_absolute_url()
    assert "Генеральный секретарь Организации Объединённых Наций" in page(client, url, "ru")
    assert "Secretary-General of the United Nations" not in page(client, url, "ru")
    assert "Secretary-General of the United Nations" in page(client, url, "en")


def test_the_parties_table_names_regional_groups_in_the_readers_language(client, reference_data):
    url = Instrument.objects.get(slug="uncac").get_absolute_url()
    russian = page(client, url, "ru")
    assert "ГРУЛАК" in russian and not re.search(r">\s*(GRULAC|WEOG|EEG|APG)\s*<", russian)
    english = page(client, url, "en")
    assert "GRULAC" in english and "ГРУЛАК" not in english


def test_the_directory_of_bodies_in_english_has_no_russian_abbreviation(client, reference_data):
    english = page(client, reverse("portal:body_list"), "en")
    for short in ("КСГП", "МСПК", "ОЭС", "СНГ", "ШОС"):
        assert short not in english, short
