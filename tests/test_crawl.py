"""Every page kind, as the public and as each demo role, at a laptop's and a phone's width, in both languages.

One Chromium for the module and one test and context per reader (so that a
parallel run shares the readers between its workers): each page is loaded
once per language and measured at both widths (the viewport is resized, the
page is not reloaded). A page fails on horizontal overflow
(`document.documentElement.scrollWidth > innerWidth`) and on the other
language's interface words in the navigation and the headings: Cyrillic in
the English navigation, an English interface string (a msgid with a Russian
translation) as a Russian navigation entry or heading, a Russian translation
as an English heading. Data (names, titles) is not judged here.

axe-core (the copy `tests/test_accessibility.py` uses) fails a page on a
serious or critical violation. It takes about a second a page on a loaded
machine, so it runs once per page kind and reader, at the laptop's width, in
one language, alternating so that consecutive readers check each page kind
in both languages.

The sample ids come from the sample data `make demo` loads (the session's
one load, `sample_data`), and the readers are `accord demo-users`. Pages a
role may not open (403, 404, the login page) are not measured for that role.

CI runs the SQLite and the PostgreSQL suites side by side and shares the
readers between them: ACCORD_CRAWL_READERS names the readers a run crawls
(`public` for the public), the others are skipped with a reason saying so.
Unset, the SQLite suite crawls every reader and the PostgreSQL one none.
"""

import os
import re
from io import StringIO

import pytest

from conftest import BROWSER_MARKS, serious_accessibility_violations

pytestmark = BROWSER_MARKS

PASSWORD = "pass-12345"
#: The public (None) and one `accord demo-users` login per role: `admin` is a secretariat user too, and
#: `focal-uzb` a focal point like `focal-kaz`, so they would add time and no new page.
READERS = (None, "secretariat", "analyst", "focal-kaz", "reviewer")
WIDTHS = ((1366, 900), (390, 844))
LANGUAGES = ("ru", "en")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

#: One evaluation per width: the overflow and, when there is one, the widest offenders.
MEASURE = """() => {
  const width = window.innerWidth;
  const overflow = document.documentElement.scrollWidth > width;
  const culprits = [];
  if (overflow) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0) {
        let parent = el.parentElement, inner = false;
        while (parent) { if (getComputedStyle(parent).overflowX !== 'visible') { inner = true; break; } parent = parent.parentElement; }
        if (!inner) culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
          ' (' + Math.round(box.right) + 'px)');
      }
      if (culprits.length > 4) break;
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, overflow, culprits};
}"""

#: The interface's words on the page: navigation entries (hidden dropdown items too) and headings.
WORDS = """() => {
  const text = el => el.textContent.replace(/\\s+/g, ' ').trim();
  const nav = [...document.querySelectorAll('nav.navbar a, nav.navbar button')]
    .filter(el => !el.closest('[lang]:not(html)') && !el.matches('.navbar-brand, [data-testid=current-user]'))
    .map(text).filter(Boolean);
  const headings = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]
    .map(text).filter(Boolean);
  return {nav, headings};
}"""


def interface_words() -> tuple[set[str], set[str]]:
    """(English msgids with a different Russian translation, their Russian translations), from the catalog."""
    from django.utils.translation import trans_real

    english, russian = set(), set()
    for msgid, msgstr in trans_real.translation("ru")._catalog.items():
        if not isinstance(msgid, str) or not isinstance(msgstr, str) or "\x04" in msgid:
            continue
        if msgstr and msgstr != msgid and re.search(r"[A-Za-z]", msgid):
            english.add(msgid)
            russian.add(msgstr)
    return english, russian


def page_kinds() -> list[str]:
    """One address per kind of page, with ids from the sample data."""
    from django.urls import reverse

    from accord.chairmanship.models import Programme
    from accord.cooperation.models import Agreement, Initiative
    from accord.documents.models import Document
    from accord.followup.models import Recommendation
    from accord.instruments.models import Instrument, Mandate
    from accord.legal_cooperation.models import CooperationRequest
    from accord.meetings.models import Meeting
    from accord.news.models import NewsItem
    from accord.portal.addresses import body_url, person_url
    from accord.portal.profiles import public_people
    from accord.registry.choices import OrganizationKind
    from accord.registry.models import Organization
    from accord.reviews.models import CountryReview, Cycle

    def first(queryset):
        found = queryset.order_by("pk").first()
        assert found is not None, f"the sample data has no {queryset.model.__name__}"
        return found

    meeting = first(Meeting.objects.filter(confidentiality="public", documents__isnull=False).distinct())
    document = first(Document.objects.filter(confidentiality="public"))
    review = first(CountryReview.objects.all())
    programme = first(Programme.objects.all())
    pages = [
        reverse("login"),
        reverse("portal:home"),
        reverse("portal:body_list"),
        body_url(first(Organization.objects.filter(slug="cis"))),
        reverse("portal:state_list"),
        reverse("portal:state_detail", kwargs={"iso3": "kaz"}),
        person_url(first(public_people(None))),
        reverse("portal:calendar"),
        reverse("portal:calendar") + f"?view=month&month={meeting.start_on:%Y-%m}",
        reverse("portal:opendata"),
        reverse("news:news_list"),
        first(NewsItem.objects.published()).get_absolute_url(),
        reverse("home"),
        reverse("registry:state_list"),
        reverse("registry:organization_tree"),
        reverse("registry:organization_list"),
        first(Organization.objects.filter(kind=OrganizationKind.NATIONAL_AUTHORITY)).get_absolute_url(),
        reverse("registry:person_list"),
        reverse("instruments:instrument_list"),
        first(Instrument.objects.all()).get_absolute_url(),
        reverse("instruments:mandate_list"),
        first(Mandate.objects.all()).get_absolute_url(),
        reverse("meetings:meeting_list"),
        reverse("meetings:meeting_month") + f"?month={meeting.start_on:%Y-%m}",
        meeting.get_absolute_url(),
        reverse("meetings:meeting_update", args=[meeting.pk]),
        reverse("documents:document_list"),
        document.get_absolute_url(),
        reverse("documents:document_search") + "?q=коррупция",
        reverse("portal:search") + "?q=UNODC",
        reverse("portal:search") + "?q=Qwzrtx",
        reverse("documents:upload"),
        reverse("extraction:document_entities", args=[document.pk]),
        reverse("extraction:suggestion_list"),
        reverse("reviews:mechanism_list"),
        reverse("reviews:review_list"),
        reverse("reviews:cycle_board", args=[first(Cycle.objects.all()).pk]),
        reverse("reviews:review_detail", args=[review.pk]),
        reverse("reviews:questionnaire", args=[review.pk]),
        reverse("reviews:observations", args=[review.pk]),
        reverse("followup:recommendation_list"),
        reverse("followup:dashboard"),
        first(Recommendation.objects.all()).get_absolute_url(),
        reverse("cooperation:initiative_list"),
        first(Initiative.objects.all()).get_absolute_url(),
        reverse("cooperation:agreement_list"),
        first(Agreement.objects.all()).get_absolute_url(),
        reverse("legal_cooperation:request_list"),
        reverse("legal_cooperation:statistics"),
        first(CooperationRequest.objects.all()).get_absolute_url(),
        reverse("chairmanship:chairmanship_list"),
        reverse("chairmanship:chairmanship_year", args=[programme.body_id, programme.year]),
        reverse("analytics:index"),
        reverse("analytics:meetings"),
        reverse("analytics:network"),
        reverse("analytics:trends"),
        reverse("news:news_manage"),
        reverse("password_change"),
        reverse("token_list"),
    ]
    return pages


def language_leaks(language: str, words: dict, english: set[str], russian: set[str]) -> list[str]:
    found = []
    for text in words["nav"]:
        if language == "en" and CYRILLIC.search(text):
            found.append(f"Cyrillic in the English menu: {text!r}")
        if language == "ru" and text in english:
            found.append(f"English menu entry on the Russian page: {text!r}")
    for text in words["headings"]:
        if language == "ru" and text in english:
            found.append(f"English heading on the Russian page: {text!r}")
        if language == "en" and text in russian:
            found.append(f"Russian heading on the English page: {text!r}")
    return found


def session_cookie(username: str, base_url: str) -> dict:
    """A signed-in session for `username`, made here rather than through the login form (faster, no lockouts)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


def crawled_here(reader: str | None, vendor: str) -> str:
    """Why this run does not crawl `reader`'s pages ("" when it does): CI shares the readers between its suites."""
    name = reader or "public"
    shared = os.environ.get("ACCORD_CRAWL_READERS")
    if shared is not None:
        if name in shared.replace(",", " ").split():
            return ""
        return f"the crawl of the {name} reader runs in CI's other suite (ACCORD_CRAWL_READERS={shared!r})"
    if vendor != "sqlite":
        return (
            "the crawl runs in the SQLite suite: page layout and wording do not depend on the database, "
            "and the PostgreSQL suite keeps CI short"
        )
    return ""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader or "public")
def test_every_page_fits_both_widths_speaks_one_language_and_passes_axe(
    reader, live_server, chromium, sample_data, settings
):
    from django.conf import settings as django_settings
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    pytest.importorskip("axe_playwright_python")
    if reason := crawled_here(reader, connection.vendor):
        pytest.skip(reason)
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    call_command("demo_users", password=PASSWORD, force=True, stdout=StringIO())
    pages = page_kinds()
    english, russian = interface_words()
    base = live_server.url
    problems, measured = [], set()

    context = chromium.new_context(viewport={"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
    if reader:
        context.add_cookies([session_cookie(reader, base)])
    page = context.new_page()
    page.set_default_timeout(15_000)
    for language in LANGUAGES:
        context.add_cookies([{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
        for path in pages:
            page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
            # The bar's script runs after the style sheets load: the layout is final at DOMContentLoaded.
            response = page.goto(base + path, wait_until="domcontentloaded")
            if response is None or response.status != 200 or "/login/" in page.url:
                continue  # not this reader's page
            measured.add((language, path))
            who = f"{reader or 'public'} {language} {path}"
            assert page.locator("html").get_attribute("lang") == language, who
            for leak in language_leaks(language, page.evaluate(WORDS), english, russian):
                problems.append(f"{who}: {leak}")
            if language == LANGUAGES[(READERS.index(reader) + pages.index(path)) % len(LANGUAGES)]:
                problems.extend(f"{who}: {v}" for v in serious_accessibility_violations(page))
            for width, height in WIDTHS:
                page.set_viewport_size({"width": width, "height": height})
                result = page.evaluate(MEASURE)
                if result["overflow"]:
                    problems.append(
                        f"{who} at {width}px: {result['scrollWidth']}px wide; {', '.join(result['culprits'])}"
                    )
    context.close()

    # Every reader opens the public portal; a signed-in one the members' pages too (else the sample
    # data or the demo users are missing).
    opened = {path for _language, path in measured}
    assert {reverse("portal:home"), reverse("portal:body_list"), reverse("news:news_list")} <= opened, opened
    if reader:
        assert {reverse("home"), reverse("registry:state_list"), reverse("meetings:meeting_list")} <= opened
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "words", "leaks"),
    [
        ("en", {"nav": ["Registry", "Реестр"], "headings": []}, 1),
        ("ru", {"nav": ["Реестр", "Registry"], "headings": []}, 1),
        ("ru", {"nav": [], "headings": ["Participants", "Участники"]}, 1),
        ("en", {"nav": [], "headings": ["Участники", "Kazakhstan"]}, 1),
        ("ru", {"nav": ["Accord", "API"], "headings": ["Казахстан"]}, 0),
    ],
)
def test_the_language_check_tells_interface_words_from_data(language, words, leaks):
    english, russian = {"Registry", "Participants"}, {"Реестр", "Участники"}
    assert len(language_leaks(language, words, english, russian)) == leaks


def test_the_interface_words_come_from_the_catalog():
    english, russian = interface_words()
    assert {"Registry", "Log out"} <= english and {"Реестр", "Выйти"} <= russian


def test_ci_crawls_every_reader_in_exactly_one_of_its_suites():
    """.ci/run's two suites name the readers they crawl (ACCORD_CRAWL_READERS): together every reader, once."""
    from pathlib import Path

    script = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    shares = [found.split() for found in re.findall(r'ACCORD_CRAWL_READERS="([^"]*)"', script)]
    assert len(shares) == 2
    named = [name for share in shares for name in share]
    assert sorted(named) == sorted(reader or "public" for reader in READERS)


def test_a_reader_is_crawled_where_the_run_says(monkeypatch):
    monkeypatch.delenv("ACCORD_CRAWL_READERS", raising=False)
    assert crawled_here("analyst", "sqlite") == crawled_here(None, "sqlite") == ""
    assert "runs in the SQLite suite" in crawled_here("analyst", "postgresql")
    monkeypatch.setenv("ACCORD_CRAWL_READERS", "public secretariat")
    assert crawled_here(None, "postgresql") == crawled_here("secretariat", "sqlite") == ""
    assert "the crawl of the focal-kaz reader runs in CI's other suite" in crawled_here("focal-kaz", "sqlite")
