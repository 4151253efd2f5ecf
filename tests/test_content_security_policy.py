"""The Content-Security-Policy in a real browser: no page kind trips it, for an anonymous visitor,
the secretariat and an analyst.

Chromium refuses whatever the policy forbids (an inline script or style, an
eval, a third-party image, a worker) and fires `securitypolicyviolation`; a
listener installed before any page script counts them, and the console's
"Content Security Policy" messages are counted too. A page without the
policy header fails as well: a policy that is not sent cannot be kept.
"""

import datetime

import pytest

from conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS

LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""

#: The one refusal expected on purpose: Redoc's "powered by" logo from its CDN (no third-party requests).
REDOC_LOGO = "https://cdn.redoc.ly/"


class PolicyWatch:
    """A browser page that records the policy's refusals page by page."""

    def __init__(self, page, base_url: str) -> None:
        self.page, self.base_url = page, base_url
        self.console: list[str] = []
        self.problems: dict[str, list[str]] = {}
        page.add_init_script(LISTENER)
        page.on(
            "console",
            lambda message: (
                self.console.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )

    def visit(self, url: str, *, ready: str | None = None, allowed: str | None = None) -> None:
        """Open `url` (waiting for `ready`, a selector drawn by scripts) and note any refusal."""
        self.console.clear()
        response = self.page.goto(f"{self.base_url}{url}")
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("networkidle")
        if ready:
            self.page.wait_for_selector(ready, timeout=60_000)
        self.check(url, response, allowed=allowed)

    def check(self, label: str, response=None, *, allowed: str | None = None) -> None:
        found = [*self.page.evaluate("window.__cspViolations || []"), *self.console]
        if allowed:
            found = [item for item in found if allowed not in item]
        if response is not None and "script-src 'self'" not in (
            response.headers.get("content-security-policy") or ""
        ):
            found.append("no Content-Security-Policy header with script-src 'self'")
        if found:
            self.problems[label] = found

    def log_in(self, username: str) -> None:
        self.page.goto(f"{self.base_url}/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", "pass-12345")
        self.page.locator("main form button[type=submit]").click()
        self.page.wait_for_load_state()


def seed() -> dict:
    """A network to draw, a published and a restricted document, a meeting, recommendations, news."""
    from django.utils import timezone

    from accord.analytics.tests.worlds import network_world
    from accord.core.roles import Role, ensure_role_groups
    from accord.documents.tests.factories import DocumentFactory
    from accord.followup.choices import Status
    from accord.followup.tests.factories import RecommendationFactory
    from accord.meetings.tests.factories import MeetingFactory
    from accord.news.models import NewsItem
    from conftest import make_user

    ensure_role_groups()  # the secretariat's model permissions, for the admin
    secretariat = make_user("secretariat-csp", Role.SECRETARIAT, is_staff=True)
    make_user("analyst-csp", Role.ANALYST)
    world = network_world(secretariat)
    today = timezone.localdate()
    meeting = MeetingFactory(start_on=today - datetime.timedelta(days=3), end_on=None)
    public = DocumentFactory(
        title="Отчёт о противодействии коррупции",
        text="Стороны обсудили противодействие коррупции.\n\nВторой абзац.",
        meeting=meeting,
        published_on=today,
    )
    restricted = DocumentFactory(
        title="Служебная записка", text="Только для участников.", confidentiality="restricted"
    )
    RecommendationFactory(state=world.p, status=Status.IMPLEMENTED)
    RecommendationFactory(state=world.p, status=Status.IN_PROGRESS)
    NewsItem.objects.create(
        slug="csp-news",
        title_en="The council met",
        title_ru="Совет провёл заседание",
        lead_en="Lead.",
        lead_ru="Вводка.",
        body_en="<p>Body.</p>",
        body_ru="<p>Текст.</p>",
        status="published",
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    return {"public": public, "restricted": restricted, "meeting": meeting}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_page_kind_trips_the_content_security_policy(live_server, new_browser_page):
    records = seed()
    public, restricted, meeting = records["public"], records["restricted"], records["meeting"]

    anonymous = PolicyWatch(new_browser_page(), live_server.url)
    for url in (
        "/",
        "/states/",
        "/registry/states/",
        "/meetings/",
        meeting.get_absolute_url(),
        "/meetings/calendar/",
        "/documents/",
        public.get_absolute_url(),
        "/documents/search/?q=коррупция",
        "/followup/dashboard/",
        "/news/",
        "/login/",
    ):
        anonymous.visit(url)
    anonymous.visit("/api/docs/", ready=".swagger-ui .opblock")
    anonymous.visit("/api/states/")  # the REST framework's browsable page
    # htmx swaps the results of a list's filter in place.
    anonymous.visit("/registry/states/")
    with anonymous.page.expect_response(lambda response: "/registry/states/?" in response.url):
        anonymous.page.fill("#id_q", "a")
        anonymous.page.locator("#id_q").dispatch_event("change")
    anonymous.page.wait_for_load_state("networkidle")
    anonymous.check("/registry/states/ (htmx filter)")

    secretariat = PolicyWatch(new_browser_page(), live_server.url)
    secretariat.log_in("secretariat-csp")
    for url in (
        "/workspace/",
        restricted.get_absolute_url(),
        f"/documents/{restricted.pk}/edit/",
        "/documents/upload/",
        "/meetings/new/",  # type-ahead pickers (Tom Select) under the policy
        f"/extraction/documents/{public.pk}/",
        "/extraction/suggestions/",
        "/admin/",
        "/admin/documents/document/",
        f"/admin/documents/document/{public.pk}/change/",
    ):
        secretariat.visit(url)
    secretariat.visit("/api/redoc/", ready="[role=navigation], .menu-content", allowed=REDOC_LOGO)

    analyst = PolicyWatch(new_browser_page(), live_server.url)
    analyst.log_in("analyst-csp")
    analyst.visit("/analytics/")
    analyst.visit("/analytics/meetings/", ready="canvas")
    analyst.visit("/analytics/network/", ready="#network-graph canvas")
    analyst.visit("/analytics/trends/")

    problems = {**anonymous.problems, **secretariat.problems, **analyst.problems}
    assert not problems, "\n".join(f"{url}: {item}" for url, items in problems.items() for item in items)
