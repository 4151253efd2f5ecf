"""End to end in a real browser: Playwright driving Debian's /usr/bin/chromium."""

import pytest

from conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_login_switch_language_and_find_a_state(live_server, browser_page):
    from accord.core.roles import Role
    from accord.registry.tests.factories import RegionalGroupFactory, StateFactory
    from conftest import make_user

    group = RegionalGroupFactory(
        code="EEG", name_en="Eastern European States", name_ru="Восточноевропейские государства"
    )
    StateFactory(
        iso2="UZ", iso3="UZB", m49="860", name_en="Uzbekistan", name_ru="Узбекистан", regional_group=group
    )
    StateFactory(
        iso2="KZ", iso3="KAZ", m49="398", name_en="Kazakhstan", name_ru="Казахстан", regional_group=group
    )
    make_user("analyst-e2e", Role.ANALYST)

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "analyst-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "analyst-e2e" in page.content()
    assert page.locator("html").get_attribute("lang") == "ru"

    page.locator("[data-testid=language-en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto(f"{live_server.url}/registry/states/")
    page.fill("#id_q", "Uzbek")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Uzbekistan").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/states/uzb/")  # the registry address leads to the state's one page
    assert "Uzbekistan" in page.locator("h1").inner_text()


@pytest.mark.django_db(transaction=True)
def test_upload_several_files_and_follow_the_job(live_server, browser_page, settings, tmp_path):
    from accord.core.roles import Role
    from accord.documents.models import Document
    from conftest import make_user

    # The worker's part runs in the server here; in production `accord worker` does it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user("secretariat-e2e", Role.SECRETARIAT)
    good = tmp_path / "visit.txt"
    good.write_text(
        "Генеральный прокурор провёл рабочую встречу по вопросам противодействия коррупции.",
        encoding="cp1251",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "secretariat-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/documents/upload/")
    page.set_input_files("input[name=files]", [str(good), str(empty)])
    page.locator("[data-testid=upload-submit]").click()
    page.wait_for_url("**/documents/ingest/*/")
    page.wait_for_selector("[data-testid=job-item] >> nth=1")
    assert page.locator("[data-testid=job-item]").count() == 2
    assert Document.objects.count() == 1
    assert page.get_by_role("link", name="Генеральный прокурор провёл рабочую встречу").count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_secretariat_curates_a_sample_meeting_and_finds_it_in_the_calendar(
    live_server, browser_page, sample_data
):
    from accord.core.roles import Role
    from accord.documents.models import Document
    from accord.extraction.models import Suggestion
    from conftest import make_user

    # The sample stories, extracted as `make demo` does (the session's one load of the samples).
    make_user("curator-e2e", Role.SECRETARIAT)
    story = Document.objects.get(original_name="sample-ksgp-dushanbe-2025.txt")

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "curator-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    page.locator("[data-testid=entities-link]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=mention]").count() >= 8
    assert page.locator("[data-testid=mention][data-type=state]").count() >= 2
    assert page.locator("[data-testid=legend]").is_visible()

    row = page.locator("tr[data-testid=suggestion-row][data-kind=meeting]")
    row.locator("[data-testid=accept]").click()
    page.wait_for_selector("tr[data-testid=suggestion-row][data-kind=meeting][data-status=accepted]")
    meeting = Suggestion.objects.get(document=story, kind="meeting").meeting
    assert meeting is not None and meeting.city_ru == "Душанбе"

    page.goto(f"{live_server.url}/meetings/calendar/?month=2025-10")
    page.locator(f"a[href='{meeting.get_absolute_url()}']").first.click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=evidence]").is_visible()


def _log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_a_review_from_questionnaire_to_published_summary(live_server, browser_page):
    """The focal point answers and submits, a reviewer observes, the secretariat publishes, the public downloads."""
    from accord.core.roles import Role
    from accord.registry.tests.factories import RegionalGroupFactory, StateFactory
    from accord.reviews.choices import Phase
    from accord.reviews.models import CountryReview
    from accord.reviews.tests.factories import review_setting
    from conftest import make_user

    group = RegionalGroupFactory(
        code="EEG", name_en="Eastern European States", name_ru="Восточноевропейские государства"
    )
    state = StateFactory(
        iso2="UZ", iso3="UZB", m49="860", name_en="Uzbekistan", name_ru="Узбекистан", regional_group=group
    )
    secretariat = make_user("secretariat-e2e", Role.SECRETARIAT)
    make_user("focal-e2e", Role.FOCAL_POINT, state=state)
    reviewer = make_user("reviewer-e2e", Role.REVIEWER)
    setting = review_setting(
        state=state, reviewer_users=[reviewer], phase=Phase.SELF_ASSESSMENT, by=secretariat
    )
    review = setting.review
    base = live_server.url
    page = browser_page

    # The focal point answers every required question, then submits.
    _log_in(page, base, "focal-e2e")
    for question in setting.cluster.questions.filter(required=True):
        # One article at a time: each required question on its article's page.
        page.goto(f"{base}/reviews/{review.pk}/questionnaire/?article={question.provision_id}")
        form = page.locator(f"[data-testid=answer-form-{question.pk}]")
        form.locator("input[type=radio][value=partly], select").first.wait_for()
        choice = form.locator("input[type=radio][value=partly]")
        if choice.count():
            choice.check()
        else:
            form.locator("select").select_option("partly")
            # A changed choice saves by itself; the Save button after it finds the answer unchanged.
            # (Waiting keeps the two posts apart: the live server's in-memory SQLite connection is
            # shared by its request threads, so two requests at once would interleave transactions.)
            page.locator(f"[data-testid=autosave-state-{question.pk}][data-state=saved]").wait_for()
        form.locator("button[type=submit]").click()
        page.locator(f"[data-testid=answer-{question.pk}] [data-testid=answer-current]").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-testid=questionnaire-submit]").click()
    page.locator("[data-testid=questionnaire-submitted]").wait_for()
    review.refresh_from_db()
    assert review.phase == Phase.DESK_REVIEW

    # A reviewer of the review records an observation on the first provision.
    _log_in(page, base, "reviewer-e2e")
    page.goto(f"{base}/reviews/{review.pk}/observations/")
    section = page.locator("[data-testid=provision]").first
    section.locator("details:has([data-testid=observation-form]) > summary").click()
    form = section.locator("[data-testid=observation-form]")
    form.locator("select[name$=kind]").select_option("recommendation")
    form.locator("textarea[name$=text_ru]").fill("Рекомендуется уточнить состав преступления.")
    form.locator("button[type=submit]").click()
    page.locator("[data-testid=observation]").first.wait_for()

    # The secretariat moves the review on, writes the summary and publishes it.
    _log_in(page, base, "secretariat-e2e")
    page.goto(f"{base}/reviews/{review.pk}/")
    for phase in (Phase.DIALOGUE, Phase.DRAFT_REPORT, Phase.AGREED):
        page.locator("[data-testid=move-next]").click()
        page.wait_for_function(
            "phase => document.querySelector('[data-testid=transitions]').textContent.includes(phase)",
            arg=str(Phase(phase).label),
        )
    page.goto(f"{base}/reviews/{review.pk}/observations/")
    summary = page.locator("[data-testid=summary-form]")
    summary.locator("textarea[name$=text_ru]").fill(
        "Узбекистан в целом выполняет положения; дана одна рекомендация."
    )
    with page.expect_response(lambda response: "/summary/edit/" in response.url):
        summary.locator("button[type=submit]").click()
    page.goto(f"{base}/reviews/{review.pk}/")
    page.locator("[data-testid=move-next]").click()
    page.locator("[data-testid=move-next]").wait_for(state="detached")
    assert CountryReview.objects.get(pk=review.pk).phase == Phase.PUBLISHED

    # The public reads the summary and downloads it as PDF and DOCX.
    page.context.clear_cookies()
    page.goto(f"{base}/reviews/{review.pk}/")
    assert "Узбекистан" in page.locator("[data-testid=summary-body]").inner_text()
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        link = page.locator(f"[data-testid=download-summary-ru-{fmt}]")
        response = page.request.get(base + link.get_attribute("href"))
        assert response.status == 200 and response.body().startswith(magic)


@pytest.mark.django_db(transaction=True)
def test_a_focal_point_reports_progress_and_the_secretariat_assesses_it(live_server, browser_page):
    from accord.core.roles import Role
    from accord.followup.models import Recommendation
    from accord.followup.tests.factories import RecommendationFactory
    from accord.registry.tests.factories import StateFactory
    from conftest import make_user

    state = StateFactory(iso2="KZ", iso3="KAZ", m49="398", name_en="Kazakhstan", name_ru="Казахстан")
    make_user("focal-kaz-e2e", Role.FOCAL_POINT, state=state)
    make_user("secretariat-e2e", Role.SECRETARIAT)
    recommendation = RecommendationFactory(state=state, text_ru="Опубликовать план противодействия коррупции")
    base = live_server.url
    page = browser_page

    _log_in(page, base, "focal-kaz-e2e")
    page.goto(f"{base}/followup/")
    page.get_by_text("Опубликовать план противодействия коррупции").first.click()
    page.wait_for_load_state()
    page.locator("select[name=status]").select_option("partially")
    page.locator("textarea[name=text]").fill("План утверждён и опубликован, мониторинг начат.")
    page.locator("form[action$='/progress/'] button[type=submit]").click()
    page.locator("[data-testid=timeline]").get_by_text("План утверждён и опубликован").wait_for()
    recommendation.refresh_from_db()
    # A claim until assessed: the status waits, the claim shows as awaiting assessment.
    assert recommendation.status == "not_started" and recommendation.awaiting_status == "partially"
    page.locator("[data-testid=awaiting-assessment]").first.wait_for()

    _log_in(page, base, "secretariat-e2e")
    page.goto(f"{base}/followup/{recommendation.pk}/")
    assess = page.locator("form[action*='/assess/']").first
    assess.locator("select[name=status]").select_option("in_progress")
    assess.locator("[name=comment]").fill("Мониторинг ещё не дал результатов.")
    assess.locator("button[type=submit]").click()
    page.locator("[data-testid=timeline]").get_by_text("Мониторинг ещё не дал результатов.").wait_for()
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    assert recommendation.status == "in_progress" and recommendation.is_status_assessed


@pytest.mark.django_db(transaction=True)
def test_a_focal_point_registers_a_delegation_and_the_secretariat_decides(
    live_server, browser_page, settings, tmp_path
):
    """Three delegates and a note verbale; two approved, one returned; the list of participants generated."""
    import datetime

    from accord.core.roles import Role
    from accord.delegations import services
    from accord.delegations.choices import DelegateStatus, DelegationCategory
    from accord.delegations.models import Delegate, Registration
    from accord.meetings.tests.factories import MeetingFactory
    from accord.registry.tests.factories import StateFactory
    from conftest import make_user

    settings.MEDIA_ROOT = tmp_path / "media"
    state = StateFactory(iso2="UZ", iso3="UZB", m49="860", name_en="Uzbekistan", name_ru="Узбекистан")
    secretariat = make_user("secretariat-e2e", Role.SECRETARIAT)
    make_user("focal-e2e", Role.FOCAL_POINT, state=state)
    meeting = MeetingFactory(title_ru="Девятая сессия Конференции", title_en="Ninth session")
    services.open_registration(
        Registration(
            meeting=meeting,
            categories=[DelegationCategory.MEMBER_STATE],
            cap_in_person=3,
            cap_online=2,
            deadline_on=datetime.date.today() + datetime.timedelta(days=20),
        ),
        acting_user=secretariat,
    )
    base = live_server.url
    page = browser_page

    # The focal point finds registration on the meeting's page, nominates three and uploads the note verbale.
    _log_in(page, base, "focal-e2e")
    page.goto(base + meeting.get_absolute_url())
    page.locator("[data-testid=register-delegation]").click()
    page.wait_for_load_state()
    delegates = (("Каримов", "head"), ("Юсупова", "representative"), ("Алиев", "expert"))
    for family, function in delegates:
        form = page.locator("[data-testid=nominate-form]")
        form.locator("input[name=family_name_ru]").fill(family)
        form.locator("select[name=function]").select_option(function)
        form.locator("input[name=email]").fill(f"{function}@example.org")
        form.locator("[data-testid=nominate]").click()
        page.wait_for_load_state()
        page.locator("[data-testid=own-delegates]", has_text=family).wait_for()
    note = tmp_path / "note-verbale.pdf"
    note.write_bytes(b"%PDF-1.4 note verbale of the mission")
    letter = page.locator("[data-testid=letter-form]")
    letter.locator("select[name=kind]").select_option("note_verbale")
    letter.locator("input[name=file]").set_input_files(str(note))
    letter.locator("[data-testid=upload]").click()
    page.wait_for_load_state()
    page.locator("a", has_text="note-verbale.pdf").wait_for()
    assert Delegate.objects.filter(delegation__state=state, status=DelegateStatus.PENDING).count() == 3

    # The secretariat approves two and returns one with its reason, then publishes the list.
    _log_in(page, base, "secretariat-e2e")
    page.goto(f"{base}/delegations/meetings/{meeting.pk}/")
    by_name = {d.family_name_ru: d for d in Delegate.objects.all()}
    for family in ("Каримов", "Юсупова"):  # htmx: the board comes back with the decision
        page.locator(f"[data-testid=approve-{by_name[family].pk}]").click()
        page.locator(f"[data-testid=status-{by_name[family].pk}]", has_text="Утвержд").wait_for()
    returned = by_name["Алиев"]
    page.locator(f"[data-testid=reason-{returned.pk}]").fill("Укажите должность эксперта")
    page.locator(f"[data-testid=return-{returned.pk}]").click()
    page.wait_for_load_state()
    page.locator(f"[data-testid=status-{returned.pk}]", has_text="Возвращ").wait_for()
    statuses = dict(Delegate.objects.values_list("family_name_ru", "status"))
    assert statuses == {"Каримов": "approved", "Юсупова": "approved", "Алиев": "returned"}
    assert meeting.participations.filter(state=state).exists()
    assert meeting.participations.filter(person__isnull=False).count() == 2

    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        link = page.locator(f"[data-testid=participants-{fmt}-ru]")
        response = page.request.get(base + link.get_attribute("href"))
        assert response.status == 200 and response.body().startswith(magic)
    page.locator("[data-testid=publish-list]").click()
    page.wait_for_load_state()

    # The public reads the provisional list on the meeting's page: names and functions, no contacts.
    page.context.clear_cookies()
    page.goto(base + meeting.get_absolute_url())
    panel = page.locator("[data-testid=delegations-panel]").inner_text()
    assert "Каримов" in panel and "Юсупова" in panel and "Алиев" not in panel
    assert "@example.org" not in page.content()
