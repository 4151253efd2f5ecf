"""The questionnaire in a real browser: answers saved by themselves as the focal point types, surviving a reload."""

import pytest

from conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_three_answers_saved_by_themselves_survive_a_reload(live_server, browser_page):
    from accord.core.roles import Role
    from accord.registry.tests.factories import StateFactory
    from accord.reviews.choices import QuestionKind
    from accord.reviews.models import Response
    from accord.reviews.tests.factories import review_setting
    from conftest import make_user

    state = StateFactory(name_ru="Таджикистан", name_en="Tajikistan")
    make_user("focal-autosave", Role.FOCAL_POINT, state=state)
    setting = review_setting(state=state)
    setting.instrument.official_url = "https://treaties.example.org/text"
    setting.instrument.save()
    article = setting.provisions[0]
    questions = [
        setting.cluster.questions.get(provision=article, kind=kind)
        for kind in (QuestionKind.LEGAL_TEXT, QuestionKind.EXAMPLES, QuestionKind.STATISTICS)
    ]
    answers = [
        "Статья уголовного кодекса о подкупе.",
        "В прошлом году возбуждено четыре дела.",
        "Двенадцать приговоров за три года.",
    ]
    base, page = live_server.url, browser_page
    # The Content-Security-Policy refuses inline scripts: the page's script must keep to it.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " (window.__csp = window.__csp || []).push(e.violatedDirective));"
    )
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "focal-autosave")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    address = f"{base}/reviews/{setting.review.pk}/questionnaire/?article={article.pk}"
    page.goto(address)
    assert page.locator("[data-testid=article-official-text]").get_attribute("href") == (
        "https://treaties.example.org/text"
    )
    for question, text in zip(questions, answers, strict=True):
        field = page.locator(f"[data-testid=answer-form-{question.pk}] textarea")
        field.click()
        field.press_sequentially(text, delay=5)
        state_of = page.locator(f"[data-testid=autosave-state-{question.pk}]")
        # Typed and not yet saved: leaving now would ask first.
        assert page.evaluate(
            "() => { const e = new Event('beforeunload', {cancelable: true});"
            " window.dispatchEvent(e); return e.defaultPrevented; }"
        )
        page.wait_for_function(
            "(el) => el.dataset.state === 'saved'", arg=state_of.element_handle(), timeout=30_000
        )
    # The article's count in the list of articles followed the saves.
    assert page.locator(f"[data-article-count='{article.pk}']").inner_text() == "3/5"
    # Everything saved: leaving asks nothing.
    assert not page.evaluate(
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; }"
    )
    # No Save button was pressed: the answers were saved as they were typed.
    page.reload()
    for question, text in zip(questions, answers, strict=True):
        assert page.locator(f"[data-testid=answer-form-{question.pk}] textarea").input_value() == text
        response = Response.objects.get(review=setting.review, question=question)
        assert response.current().text == text
        # However many times the page saved while typing, the answer has one (draft) version.
        assert list(response.versions.values_list("status", "is_draft")) == [("current", True)]
    assert "3" in page.locator("[data-testid=article-progress]").inner_text()
    assert page.evaluate("window.__csp || []") == []
