"""The questionnaire page: who sees and answers, htmx saves and refused ones, files, DOCX, submission."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accord.core.roles import Role
from accord.instruments.tests.factories import ProvisionFactory
from accord.registry.tests.factories import StateFactory
from accord.reviews.choices import Implementation, Phase, QuestionKind, VersionStatus
from accord.reviews.docx_io import KEY_RE
from accord.reviews.models import Attachment, Response, ResponseVersion, Summary
from accord.reviews.services import build_questions, save_answer
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    state = StateFactory()
    setting = review_setting(
        state=state,
        focal_users=[make_user("expert")],
        reviewer_users=[make_user("reviewer", Role.REVIEWER)],
    )
    setting.focal = make_user("focal", Role.FOCAL_POINT, state=state)
    setting.expert = setting.review.expert_links.get(side="under_review").user
    setting.reviewer = setting.review.expert_links.get(side="reviewer").user
    return setting


def url(name: str, review, *args) -> str:
    return reverse(f"reviews:{name}", args=[review.pk, *args])


def question(setting, kind=QuestionKind.EXAMPLES, provision=0):
    return setting.cluster.questions.get(provision=setting.provisions[provision], kind=kind)


def post_answer(client, setting, q, based_on, htmx=True, **fields):
    data = {f"q{q.pk}-based_on": based_on, **{f"q{q.pk}-{k}": v for k, v in fields.items()}}
    return client.post(url("questionnaire_answer", setting.review, q.pk), data, **(HTMX if htmx else {}))


def publish(review):
    Summary.objects.create(review=review, text_ru="Резюме", published_at=timezone.now())


def test_the_state_under_review_sees_its_questions_with_forms(client, world):
    client.force_login(world.focal)
    page = client.get(url("questionnaire", world.review)).content.decode()
    for provision in world.provisions:
        assert provision.label in page
    q = question(world)
    assert f'data-testid="answer-form-{q.pk}"' in page and f'name="q{q.pk}-based_on" value="0"' in page
    assert 'data-testid="questionnaire-import"' in page and 'data-testid="questionnaire-export"' in page
    assert 'data-testid="questionnaire-submit"' not in page  # nothing answered yet


def test_reviewers_and_the_secretariat_read_without_forms(client, world):
    save_answer(world.review, question(world), acting_user=world.focal, text="Ответ государства", based_on=0)
    for user in (world.reviewer, make_user("secretariat", Role.SECRETARIAT)):
        client.force_login(user)
        page = client.get(url("questionnaire", world.review)).content.decode()
        assert (
            "Ответ государства" in page and "answer-form-" not in page and "questionnaire-import" not in page
        )


@pytest.mark.parametrize("who", ["anonymous", "other_focal", "other_reviewer", "analyst"])
def test_outsiders_get_404_and_for_a_published_review_403(client, world, who):
    other = review_setting(reviewer_users=[make_user("other-reviewer", Role.REVIEWER)])
    users = {
        "anonymous": None,
        "other_focal": make_user("other-focal", Role.FOCAL_POINT, state=StateFactory()),
        "other_reviewer": other.review.expert_links.get().user,
        "analyst": make_user("analyst", Role.ANALYST),
    }
    if users[who] is not None:
        client.force_login(users[who])
    q = question(world)
    assert client.get(url("questionnaire", world.review)).status_code == 404
    assert post_answer(client, world, q, 0, text="x").status_code == 404
    assert client.get(url("questionnaire_export", world.review)).status_code == 404
    publish(world.review)
    assert client.get(url("questionnaire", world.review)).status_code == 403
    assert post_answer(client, world, q, 0, text="x").status_code == 403
    assert client.get(url("questionnaire_export", world.review)).status_code == 403
    assert not ResponseVersion.objects.exists()


def test_a_reviewer_may_not_save(client, world):
    client.force_login(world.reviewer)
    assert post_answer(client, world, question(world), 0, text="x").status_code == 403
    assert not ResponseVersion.objects.exists()


def test_htmx_save_swaps_the_answer_and_updates_the_progress(client, world):
    client.force_login(world.focal)
    q = question(world, QuestionKind.IMPLEMENTATION)
    response = post_answer(client, world, q, 0, implementation=Implementation.FULLY)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="answer-{q.pk}"' in body and f'name="q{q.pk}-based_on" value="1"' in body
    assert 'id="progress"' in body and 'hx-swap-oob="true"' in body
    assert Response.objects.get(question=q).current().implementation == Implementation.FULLY


def test_a_plain_browser_save_redirects_to_the_answer(client, world):
    client.force_login(world.expert)
    q = question(world)
    response = post_answer(client, world, q, 0, htmx=False, text="Без JavaScript")
    assert response.status_code == 302 and response["Location"].endswith(f"#answer-{q.pk}")
    assert Response.objects.get(question=q).current().text == "Без JavaScript"


def test_a_refused_save_shows_the_message_and_both_versions(client, world):
    q = question(world)
    client.force_login(world.focal)
    post_answer(client, world, q, 0, text="Версия координатора")
    client.force_login(world.expert)
    body = post_answer(client, world, q, 0, text="Версия эксперта").content.decode()
    assert 'data-testid="answer-conflict"' in body and "focal" in body
    assert "Версия координатора" in body and "Версия эксперта" in body
    # The retry form keeps the expert's text, now based on the winning version.
    assert f'name="q{q.pk}-based_on" value="1"' in body
    assert ResponseVersion.objects.filter(status=VersionStatus.CONFLICT, text="Версия эксперта").exists()
    # Until someone saves again, the page shows the two side by side.
    page = client.get(url("questionnaire", world.review)).content.decode()
    assert 'data-testid="answer-compare"' in page
    post_answer(client, world, q, 1, text="Общая версия")
    page = client.get(url("questionnaire", world.review)).content.decode()
    assert 'data-testid="answer-compare"' not in page and "Общая версия" in page


@pytest.mark.parametrize(
    "data",
    [{"based_on": "abc", "text": "x"}, {"text": "x"}, {"based_on": "0", "implementation": "maybe"}],
)
def test_bad_input_is_a_form_error_never_a_500(client, world, data):
    client.force_login(world.focal)
    q = question(world, QuestionKind.IMPLEMENTATION) if "implementation" in data else question(world)
    fields = {f"q{q.pk}-{k}": v for k, v in data.items()}
    plain = client.post(url("questionnaire_answer", world.review, q.pk), fields)
    assert plain.status_code == 400
    htmx = client.post(url("questionnaire_answer", world.review, q.pk), fields, **HTMX)
    assert htmx.status_code == 200 and "invalid-feedback" in htmx.content.decode()
    assert not ResponseVersion.objects.exists()


def test_unknown_or_foreign_questions_are_404(client, world):
    client.force_login(world.focal)
    other = review_setting()
    assert client.post(url("questionnaire_answer", world.review, 999999), {}).status_code == 404
    assert client.post(url("questionnaire_answer", world.review, question(other).pk), {}).status_code == 404
    assert client.get(url("questionnaire_attachment", world.review, 999999)).status_code == 404
    assert client.get(url("questionnaire_submit", world.review)).status_code == 405


def test_attachments_upload_download_and_removal(client, world, settings):
    q = question(world)
    client.force_login(world.focal)
    upload = SimpleUploadedFile("закон.pdf", b"%PDF-1.4 law")
    response = client.post(
        url("questionnaire_attach", world.review), {"file": upload, "question": q.pk}, **HTMX
    )
    assert response.status_code == 200 and "закон.pdf" in response.content.decode()
    attachment = Attachment.objects.get()
    assert attachment.question == q and attachment.uploaded_by == world.focal
    client.force_login(world.reviewer)
    download = client.get(url("questionnaire_attachment", world.review, attachment.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 law"
    assert client.post(url("questionnaire_attachment_delete", world.review, attachment.pk)).status_code == 403
    client.force_login(make_user("stranger", Role.FOCAL_POINT, state=StateFactory()))
    assert client.get(url("questionnaire_attachment", world.review, attachment.pk)).status_code == 404
    client.force_login(world.focal)
    settings.ACCORD_MAX_UPLOAD_BYTES = 4
    big = SimpleUploadedFile("big.pdf", b"12345")
    response = client.post(url("questionnaire_attach", world.review), {"file": big}, **HTMX)
    assert response.status_code == 200 and "МБ" in response.content.decode()
    assert not world.review.attachments.filter(name="big.pdf").exists()
    assert client.post(url("questionnaire_attach", world.review), {}, **HTMX).status_code == 200
    response = client.post(url("questionnaire_attachment_delete", world.review, attachment.pk), **HTMX)
    assert response.status_code == 200 and not Attachment.objects.exists()


def test_submit_is_refused_until_complete_then_starts_the_desk_review(client, world):
    client.force_login(world.focal)
    response = client.post(url("questionnaire_submit", world.review), follow=True)
    world.review.refresh_from_db()
    assert world.review.phase == Phase.SELF_ASSESSMENT
    assert world.provisions[0].label in response.content.decode()
    for provision in range(2):
        q = question(world, QuestionKind.IMPLEMENTATION, provision)
        post_answer(client, world, q, 0, implementation=Implementation.PARTLY)
    page = client.get(url("questionnaire", world.review)).content.decode()
    assert 'data-testid="questionnaire-submit"' in page
    response = client.post(url("questionnaire_submit", world.review), **HTMX)
    assert response["HX-Redirect"] == url("questionnaire", world.review)
    world.review.refresh_from_db()
    assert world.review.phase == Phase.DESK_REVIEW and world.review.questionnaire_submitted_by == world.focal
    page = client.get(url("questionnaire", world.review)).content.decode()
    assert 'data-testid="questionnaire-submitted"' in page and "answer-form-" not in page


def test_export_and_import_through_the_page(client, world):
    client.force_login(world.reviewer)
    export = client.get(url("questionnaire_export", world.review))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in export["Content-Disposition"]
    document = docx.Document(io.BytesIO(export.content))
    q = question(world)
    for table in document.tables:
        for row in table.rows:
            key = KEY_RE.match(row.cells[0].text)
            if key and int(key.group(1)) == q.pk:
                row.cells[2].text = "Ответ из Word"
    buffer = io.BytesIO()
    document.save(buffer)
    filled = SimpleUploadedFile("filled.docx", buffer.getvalue())
    assert client.post(url("questionnaire_import", world.review), {"file": filled}).status_code == 403
    client.force_login(world.focal)
    filled.seek(0)
    response = client.post(url("questionnaire_import", world.review), {"file": filled})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-report"' in page and "Ответ из Word" in page
    assert Response.objects.get(question=q).current().source == "docx"


@pytest.mark.parametrize("upload", [SimpleUploadedFile("a.docx", b"plain text"), None])
def test_a_bad_import_lists_the_problems_and_saves_nothing(client, world, upload):
    client.force_login(world.focal)
    response = client.post(url("questionnaire_import", world.review), {"file": upload} if upload else {})
    assert response.status_code == 400 and 'data-testid="import-problems"' in response.content.decode()
    assert not ResponseVersion.objects.exists()


@pytest.mark.parametrize("provisions", [2, 20])
def test_the_page_costs_the_same_queries_for_2_and_20_provisions(
    client, world, provisions, django_assert_max_num_queries
):
    extra = [ProvisionFactory(instrument=world.instrument, position=100 + n) for n in range(provisions - 2)]
    world.cluster.provisions.add(*extra)
    build_questions(world.cluster)
    for q in world.cluster.questions.filter(kind=QuestionKind.EXAMPLES):
        save_answer(world.review, q, acting_user=world.focal, text="Ответ", based_on=0)
    client.force_login(world.focal)
    with django_assert_max_num_queries(15):
        page = client.get(url("questionnaire", world.review)).content.decode()
    # One article at a time; the list of articles names all of them.
    assert page.count('data-testid="answer-form-') == len(QuestionKind.values)
    assert page.count("?article=") >= provisions


def test_one_article_at_a_time_with_its_title_official_text_and_progress(client, world):
    world.instrument.official_url = "https://treaties.example.org/convention"
    world.instrument.save()
    second = world.provisions[1]
    second.title_ru = "Превентивные меры"
    second.save()
    save_answer(world.review, question(world, provision=1), acting_user=world.focal, text="Есть", based_on=0)
    client.force_login(world.focal)
    page = client.get(url("questionnaire", world.review)).content.decode()
    assert page.count('data-testid="answer-form-') == len(QuestionKind.values)
    assert f'data-testid="answer-form-{question(world, provision=0).pk}"' in page
    assert f'data-testid="answer-form-{question(world, provision=1).pk}"' not in page
    assert 'href="https://treaties.example.org/convention"' in page
    assert f"?article={second.pk}" in page and 'data-testid="article-next"' in page
    page = client.get(url("questionnaire", world.review) + f"?article={second.pk}").content.decode()
    assert f'data-testid="answer-form-{question(world, provision=1).pk}"' in page
    assert "Превентивные меры" in page and 'data-testid="article-previous"' in page
    assert f"1 из {len(QuestionKind.values)}" in page  # this article's answers: one of five
    # An unknown article falls back to the first one still missing a required answer.
    assert client.get(url("questionnaire", world.review) + "?article=abc").status_code == 200


def test_the_progress_lists_each_missing_required_answer_with_a_link_to_it(client, world):
    client.force_login(world.focal)
    page = client.get(url("questionnaire", world.review)).content.decode()
    for provision in world.provisions:
        q = question(world, QuestionKind.IMPLEMENTATION, world.provisions.index(provision))
        assert f"?article={provision.pk}#answer-{q.pk}" in page
    response = client.post(url("questionnaire_submit", world.review), follow=True)
    assert "Сначала ответьте на обязательные вопросы" in response.content.decode()


def autosave(client, setting, q, based_on, **fields):
    data = {
        "autosave": "1",
        f"q{q.pk}-based_on": based_on,
        **{f"q{q.pk}-{k}": v for k, v in fields.items()},
    }
    return client.post(url("questionnaire_answer", setting.review, q.pk), data)


def test_autosave_answers_json_and_never_replaces_the_text_being_typed(client, world):
    q = question(world)
    client.force_login(world.focal)
    response = autosave(client, world, q, 0, text="Первый набросок")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    reply = response.json()
    assert reply["outcome"] == "created" and reply["based_on"] == 1
    assert 'id="progress"' in reply["progress"] and "html" not in reply
    # The article's own count follows too: one of its five questions answered.
    assert reply["article"]["provision"] == q.provision_id
    assert f">1/{len(QuestionKind.values)}<" in reply["article"]["count"]
    assert f"1 из {len(QuestionKind.values)}" in reply["article"]["progress"]
    assert autosave(client, world, q, 1, text="Первый набросок").json()["outcome"] == "unchanged"
    assert autosave(client, world, q, 1, text="Второй набросок").json()["based_on"] == 2
    assert Response.objects.get(question=q).current().text == "Второй набросок"
    # The page's automatic saves updated one draft version; the Save button starts the next one.
    assert ResponseVersion.objects.filter(response__question=q).count() == 1
    client.post(
        url("questionnaire_answer", world.review, q.pk), {f"q{q.pk}-based_on": 2, f"q{q.pk}-text": "Итог"}
    )
    assert autosave(client, world, q, 3, text="Итог и дополнение").json()["based_on"] == 4
    assert list(ResponseVersion.objects.filter(response__question=q).values_list("number", "is_draft")) == [
        (2, False),
        (3, False),
        (4, True),
    ]


def test_an_autosave_from_an_older_version_is_refused_and_both_are_kept(client, world):
    q = question(world)
    client.force_login(world.focal)
    autosave(client, world, q, 0, text="Текст координатора")
    client.force_login(world.expert)
    response = autosave(client, world, q, 0, text="Текст эксперта")
    assert response.status_code == 409
    reply = response.json()
    assert reply["outcome"] == "conflict" and "focal" in reply["message"]
    assert 'data-testid="answer-compare"' in reply["html"] and "Текст координатора" in reply["html"]
    assert f'name="q{q.pk}-based_on" value="1"' in reply["html"]
    current = Response.objects.get(question=q).current()
    assert current.text == "Текст координатора"
    assert ResponseVersion.objects.filter(status=VersionStatus.CONFLICT, text="Текст эксперта").exists()


def test_a_bad_autosave_is_a_message_never_a_500(client, world):
    client.force_login(world.focal)
    q = question(world, QuestionKind.IMPLEMENTATION)
    response = autosave(client, world, q, "abc", implementation="maybe")
    assert response.status_code == 400 and response.json()["outcome"] == "invalid"
    assert response.json()["message"]
    assert not ResponseVersion.objects.exists()
    client.force_login(world.reviewer)
    assert autosave(client, world, question(world), 0, text="x").status_code == 403


def test_the_page_loads_its_script_from_static_files_with_the_autosave_hooks(client, world):
    client.force_login(world.focal)
    page = client.get(url("questionnaire", world.review)).content.decode()
    assert "/static/reviews/questionnaire.js" in page and "<script>" not in page
    assert "data-autosave-messages" in page and "data-autosave-state" in page
    assert 'data-leave="' in page
