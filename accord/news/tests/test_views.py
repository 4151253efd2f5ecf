"""News pages: what anonymous readers see (and never see), the editor, the files, the record panel."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accord.news import services
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem
from accord.news.tests.conftest import NEWS_BODY_RU
from accord.news.tests.factories import (
    NewsAttachmentFactory,
    NewsItemFactory,
    NewsLinkFactory,
    PublishedNewsItemFactory,
)
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 3), "navy").save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture
def hidden():
    """A draft, an item in review and one scheduled for tomorrow, each with a file."""
    items = {
        "draft": NewsItemFactory(status=NewsStatus.DRAFT),
        "review": NewsItemFactory(status=NewsStatus.REVIEW),
        "scheduled": PublishedNewsItemFactory(published_at=timezone.now() + datetime.timedelta(days=1)),
    }
    for item in items.values():
        NewsAttachmentFactory(news=item)
        item.lead_image = SimpleUploadedFile("lead.png", PNG, "image/png")
        item.save()
    return items


def test_anonymous_never_sees_drafts_review_or_scheduled_items_nor_their_files(client, hidden):
    shown = PublishedNewsItemFactory(title_ru="Опубликовано")
    page = client.get(reverse("news:news_list"))
    assert page.status_code == 200
    assert [i.pk for i in page.context["object_list"]] == [shown.pk]
    for item in hidden.values():
        assert item.title_ru not in page.content.decode()
        assert client.get(item.get_absolute_url()).status_code == 404
        assert client.get(item.get_image_url()).status_code == 404
        assert client.get(item.attachments.get().get_absolute_url()).status_code == 404
    feed = client.get(reverse("news:feed")).content.decode()
    assert all(item.title_ru not in feed for item in hidden.values())


def test_secretariat_previews_hidden_items_and_their_files(client, secretariat_user, hidden):
    client.force_login(secretariat_user)
    item = hidden["review"]
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="not-public"' in page.content.decode()
    download = client.get(item.attachments.get().get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in download["Content-Disposition"]
    assert client.get(item.get_image_url()).status_code == 200
    # The public list is the published news, for the secretariat too.
    assert not client.get(reverse("news:news_list")).context["object_list"]


@pytest.mark.usefixtures("english")
def test_detail_page_title_image_body_files_links_and_open_graph(client):
    state, body = StateFactory(name_en="Kyrgyzstan"), OrganizationFactory(name_en="Council")
    hidden_person = PersonFactory(is_public=False, family_name_en="Hidden")
    item = PublishedNewsItemFactory(
        title_en="Council meets",
        body_en='<p>Text with a <a href="https://x.example" rel="noopener noreferrer">link</a></p>',
        lead_image_alt_en="The council in session",
    )
    item.lead_image = SimpleUploadedFile("lead.png", PNG, "image/png")
    item.save()
    attachment = NewsAttachmentFactory(news=item, title_en="Final report")
    for target in ({"state": state}, {"organization": body}, {"person": hidden_person}):
        NewsLinkFactory(news=item, **target)
    NewsLinkFactory(news=item, state=StateFactory(name_en="Proposedland"), status=LinkStatus.PROPOSED)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<h1>Council meets</h1>" in html and 'href="https://x.example"' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:image" content="http://testserver{item.get_image_url()}">' in html
    assert 'alt="The council in session"' in html
    assert attachment.get_absolute_url() in html and "Final report" in html
    assert "/media/" not in html
    assert state.get_absolute_url() in html and body.get_absolute_url() in html
    assert "Hidden" not in html and "Proposedland" not in html  # a non-public person, an unconfirmed link
    assert (
        f'type="application/atom+xml" title="Accord news" href="http://testserver{reverse("news:feed")}"'
        in html
    )


def test_list_filters_by_body_with_sub_bodies_state_and_year(client):
    cis = OrganizationFactory(slug="cis")
    council = OrganizationFactory(slug="council", parent=cis)
    state = StateFactory(iso3="KGZ")
    of_council = PublishedNewsItemFactory(published_at=timezone.now() - datetime.timedelta(days=1))
    of_state = PublishedNewsItemFactory(published_at=datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC))
    NewsLinkFactory(news=of_council, organization=council)
    NewsLinkFactory(news=of_state, state=state)
    NewsLinkFactory(news=NewsItemFactory(), state=state)  # a draft stays out

    def listed(**query):
        return [i.pk for i in client.get(reverse("news:news_list"), query).context["object_list"]]

    assert listed(body="cis") == [of_council.pk] == listed(body="council")
    assert listed(state="KGZ") == [of_state.pk]
    assert listed(year=2023) == [of_state.pk]
    assert listed(state="NOPE") == []  # an unknown code finds nothing, no error
    html = client.get(reverse("news:news_list"), {"body": "cis"}).content.decode()
    assert reverse("news:body_feed", kwargs={"slug": "cis"}) in html


def test_htmx_gets_only_the_results(client):
    PublishedNewsItemFactory(title_ru="Видимая")
    response = client.get(reverse("news:news_list"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Видимая" in html and "<html" not in html


def test_anonymous_pages_are_cached_and_carry_no_csrf_token(client, django_assert_num_queries):
    item = PublishedNewsItemFactory()
    for url in (reverse("news:news_list"), item.get_absolute_url(), reverse("news:feed")):
        first = client.get(url)
        assert "csrfmiddlewaretoken" not in first.content.decode()
        with django_assert_num_queries(0):
            assert client.get(url).content == first.content


@pytest.mark.parametrize("rows", [2, 20])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    state, body, person = StateFactory(), OrganizationFactory(), PersonFactory()
    for _ in range(rows):
        item = PublishedNewsItemFactory()
        NewsLinkFactory(news=item, state=state)
        NewsLinkFactory(news=item, organization=body)
        NewsLinkFactory(news=item, person=person)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("news:news_list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("rows", [2, 20])
def test_manage_query_count_does_not_grow_with_rows(
    client, secretariat_user, django_assert_max_num_queries, rows
):
    NewsItemFactory.create_batch(rows)
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("news:news_manage"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.parametrize("name", ["news:news_manage", "news:news_create"])
def test_editor_pages_are_for_the_secretariat(client, no_role_user, name):
    assert client.get(reverse(name)).status_code == 302  # to the login
    client.force_login(no_role_user)
    assert client.get(reverse(name)).status_code == 403
    item = NewsItemFactory()
    for url in (
        reverse("news:news_edit", kwargs={"pk": item.pk}),
        reverse("news:news_transition", kwargs={"pk": item.pk, "action": "submit"}),
        reverse("news:news_links", kwargs={"pk": item.pk}),
    ):
        assert client.post(url, {"action": "confirm_all"}).status_code == 403
    assert NewsItem.objects.get().status == NewsStatus.DRAFT


@pytest.mark.usefixtures("english")
def test_editor_writes_publishes_and_confirms_all_links_in_one_post(client, secretariat_user, world):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("news:news_create"),
        {
            "title_ru": "Заседание КСГП в Бишкеке",
            "title_en": "Prosecutors General meet in Bishkek",
            "body_ru": NEWS_BODY_RU + "<script>alert(1)</script>",
            "lead_image": SimpleUploadedFile("lead.png", PNG, "image/png"),
            "lead_image_alt_ru": "Участники заседания",
        },
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "news:news_edit", kwargs={"pk": item.pk}
    )
    assert "script" not in item.body_ru and item.lead_image and item.author == secretariat_user
    page = client.get(response["Location"]).content.decode()
    assert page.count('data-testid="proposed-link"') == 4 and "Confirm all 4 links" in page
    links_url = reverse("news:news_links", kwargs={"pk": item.pk})
    partial = client.post(links_url, {"action": "confirm_all"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and partial.content.decode().count('data-testid="confirmed-link"') == 4
    assert "<html" not in partial.content.decode()
    assert set(item.links.values_list("status", flat=True)) == {LinkStatus.CONFIRMED}
    client.post(reverse("news:news_transition", kwargs={"pk": item.pk, "action": "submit"}))
    client.post(reverse("news:news_transition", kwargs={"pk": item.pk, "action": "publish"}), {"at": ""})
    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED and item.is_public
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 200
    state_page = client.get(world["KGZ"].get_absolute_url(), follow=True).content.decode()
    assert 'data-testid="news-panel"' in state_page and item.get_absolute_url() in state_page


@pytest.mark.usefixtures("english")
def test_a_wrong_transition_is_a_message_not_an_error(client, secretariat_user):
    item = NewsItemFactory()
    client.force_login(secretariat_user)
    response = client.post(
        reverse("news:news_transition", kwargs={"pk": item.pk, "action": "publish"}), follow=True
    )
    assert (
        response.status_code == 200 and "Only an item in review can be published" in response.content.decode()
    )
    services.submit_for_review(item, acting_user=secretariat_user)
    bad_time = client.post(
        reverse("news:news_transition", kwargs={"pk": item.pk, "action": "publish"}), {"at": "tomorrow-ish"}
    )
    item.refresh_from_db()
    assert item.status == NewsStatus.REVIEW
    assert bad_time.status_code == 400 and "Enter a valid date/time." in bad_time.content.decode()


@pytest.mark.usefixtures("english")
def test_reject_one_link_and_add_one_by_hand(client, secretariat_user, world):
    client.force_login(secretariat_user)
    item = services.create_news_item(acting_user=secretariat_user, title_ru="Заседание", body_ru=NEWS_BODY_RU)
    url = reverse("news:news_links", kwargs={"pk": item.pk})
    person_link = item.links.get(person=world["person"])
    client.post(url, {"action": "reject", "link": person_link.pk})
    other = StateFactory()
    client.post(url, {"action": "add", "state": other.pk})
    both = client.post(url, {"action": "add", "state": other.pk, "organization": world["council"].pk})
    assert both.status_code == 400 and "Choose exactly one" in both.content.decode()
    assert client.post(url, {"action": "reject", "link": "abc"}).status_code == 404
    assert client.post(url, {"action": "explode"}).status_code == 404
    decided = client.post(url, {"action": "confirm", "link": person_link.pk})
    assert decided.status_code == 400 and "not proposals of this item" in decided.content.decode()
    person_link.refresh_from_db()
    assert person_link.status == LinkStatus.REJECTED
    assert item.links.get(state=other).status == LinkStatus.CONFIRMED


@pytest.mark.usefixtures("english")
def test_attachment_upload_checks_type_and_size_with_a_clear_message(client, secretariat_user, settings):
    item = NewsItemFactory()
    client.force_login(secretariat_user)
    url = reverse("news:news_attachments", kwargs={"pk": item.pk})
    wrong = client.post(url, {"file": SimpleUploadedFile("tool.exe", b"MZ")})
    assert wrong.status_code == 400 and "are not accepted" in wrong.content.decode()
    settings.ACCORD_MAX_UPLOAD_BYTES = 5
    big = client.post(url, {"file": SimpleUploadedFile("big.pdf", b"%PDF-123456")})
    assert big.status_code == 400 and "the limit is" in big.content.decode()
    settings.ACCORD_MAX_UPLOAD_BYTES = 1000
    ok = client.post(url, {"file": SimpleUploadedFile("plan.pdf", b"%PDF"), "title_en": "Plan"})
    assert ok.status_code == 302 and item.attachments.get().title_en == "Plan"
    wrong_image = client.post(
        reverse("news:news_edit", kwargs={"pk": item.pk}),
        {"title_ru": item.title_ru, "lead_image": SimpleUploadedFile("lead.png", b"not an image")},
    )
    assert wrong_image.status_code == 200 and "Upload a valid image" in wrong_image.content.decode()


@pytest.mark.usefixtures("english")
def test_record_panel_on_workspace_pages_lists_only_published_confirmed_news(client, world):
    shown = PublishedNewsItemFactory(title_en="Shown on the state")
    NewsLinkFactory(news=shown, state=world["KGZ"])
    NewsLinkFactory(
        news=PublishedNewsItemFactory(title_en="Only proposed"),
        state=world["KGZ"],
        status=LinkStatus.PROPOSED,
    )
    NewsLinkFactory(news=NewsItemFactory(title_en="A draft"), state=world["KGZ"])
    NewsLinkFactory(news=shown, meeting=world["meeting"])
    html = client.get(world["KGZ"].get_absolute_url(), follow=True).content.decode()
    assert "Shown on the state" in html and "Only proposed" not in html and "A draft" not in html
    assert reverse("news:state_feed", kwargs={"iso3": "KGZ"}) in html
    assert "Shown on the state" in client.get(world["meeting"].get_absolute_url()).content.decode()
    assert (
        'data-testid="news-panel"'
        not in client.get(world["council"].get_absolute_url(), follow=True).content.decode()
    )


def test_a_scheduled_item_appears_on_cached_pages_when_its_time_comes(client):
    from freezegun import freeze_time

    now = timezone.now()
    PublishedNewsItemFactory(title_ru="Уже вышла", published_at=now - datetime.timedelta(hours=1))
    PublishedNewsItemFactory(
        title_ru="Выйдет через минуту", published_at=now + datetime.timedelta(seconds=60)
    )
    with freeze_time(now):
        first = client.get(reverse("news:news_list")).content.decode()
    assert "Уже вышла" in first and "Выйдет через минуту" not in first
    with freeze_time(now + datetime.timedelta(seconds=30)):
        assert "Выйдет через минуту" not in client.get(reverse("news:news_list")).content.decode()
    with freeze_time(now + datetime.timedelta(seconds=61)):
        assert "Выйдет через минуту" in client.get(reverse("news:news_list")).content.decode()
