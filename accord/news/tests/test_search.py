"""News in the documents' full-text engine: title, lead and text, any case, any word form, both databases."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from accord.core.roles import Role
from accord.news.models import NewsTerms
from accord.news.search import search_news
from accord.news.tests.factories import NewsItemFactory, PublishedNewsItemFactory
from conftest import make_user

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def found(query: str, user=ANONYMOUS) -> set[str]:
    result = search_news(user, query)
    assert not result.error, result.error
    assert result.total == len(result.hits)
    return {hit.item.title_ru for hit in result.hits}


@pytest.fixture
def items():
    return {
        "visit": PublishedNewsItemFactory(
            title_ru="Визит в Ташкент",
            lead_ru="Прокуроры встретились.",
            body_ru="<p>Обсуждали сотрудничество.</p>",
        ),
        "body": PublishedNewsItemFactory(
            title_ru="Совещание экспертов",
            lead_ru="Эксперты собрались.",
            body_ru="<p>Следующая встреча пройдёт в <b>Ташкенте</b> весной.</p>",
            body_en="<p>The next meeting will be held in spring.</p>",
        ),
        "other": PublishedNewsItemFactory(title_ru="Конференция в Вене", lead_ru="Делегации собрались."),
        "draft": NewsItemFactory(title_ru="Черновик о Ташкенте", lead_ru="Не опубликовано."),
    }


def test_cyrillic_is_found_in_any_case_and_form_in_title_lead_and_text(items):
    assert (
        found("Ташкент")
        == found("ташкент")
        == found("ТАШКЕНТЕ")
        == {"Визит в Ташкент", "Совещание экспертов"}
    )


def test_the_english_text_and_the_query_language_work_as_for_documents(items):
    assert found("meetings") == {"Совещание экспертов"}
    assert found('"следующая встреча"') == {"Совещание экспертов"}
    assert found("ташкент -визит") == {"Совещание экспертов"}


def test_drafts_are_the_secretariats_only(items):
    secretariat = make_user("editor", Role.SECRETARIAT)
    assert "Черновик о Ташкенте" not in found("ташкент")
    assert "Черновик о Ташкенте" in found("ташкент", secretariat)
    assert search_news(ANONYMOUS, "ташкент").total == 2


def test_edits_are_indexed_when_saved_and_reindex_rebuilds_everything(items):
    item = items["other"]
    item.body_ru = "<p>Итоги встречи в Бишкеке.</p>"
    item.save()
    assert found("бишкек") == {"Конференция в Вене"}
    NewsTerms.objects.all().delete()
    assert found("бишкек") == set()
    call_command("reindex", stdout=__import__("io").StringIO())
    assert found("бишкек") == {"Конференция в Вене"}


def test_the_news_list_searches_with_the_engine(client, items):
    response = client.get(reverse("news:news_list"), {"q": "ташкент"})
    assert response.status_code == 200
    titles = {item.title_ru for item in response.context["object_list"]}
    assert titles == {"Визит в Ташкент", "Совещание экспертов"}


def test_a_query_that_cannot_be_read_is_a_message_not_an_error(items):
    assert search_news(ANONYMOUS, "NOT").error
    assert search_news(ANONYMOUS, "(ташкент").error
