"""Writing news: sanitized bodies, addresses, the workflow, links proposed from the text and decided."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accord.news import services
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem, NewsLink
from accord.news.tests.conftest import NEWS_BODY_RU
from accord.news.tests.factories import NewsItemFactory
from accord.registry.tests.factories import StateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _draft(user, **fields):
    values = {"title_ru": "Заседание совета прокуроров", "title_en": "Prosecutors' council meets", **fields}
    return services.create_news_item(acting_user=user, **values)


def test_body_is_sanitized_scripts_and_handlers_removed_links_get_noopener(secretariat_user):
    item = _draft(
        secretariat_user,
        body_ru='<p onclick="steal()">Текст<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">плохая</a> <a href="https://example.org">ссылка</a></p>'
        "<h2>Итоги</h2><table><tr><td>1</td></tr></table>",
        body_en="<p>Text <iframe src='https://evil.example'></iframe><strong>bold</strong></p>",
    )
    item.refresh_from_db()
    for bad in ("script", "alert", "onerror", "onclick", "<img", "javascript:", "iframe"):
        assert bad not in item.body_ru and bad not in item.body_en
    assert '<a href="https://example.org" rel="noopener noreferrer">ссылка</a>' in item.body_ru
    assert "<h2>Итоги</h2>" in item.body_ru and "<td>1</td>" in item.body_ru
    assert item.body_en == "<p>Text <strong>bold</strong></p>"


def test_address_is_transliterated_unique_and_stable(secretariat_user):
    first = _draft(secretariat_user)
    second = _draft(secretariat_user)
    assert first.slug == "zasedanie-soveta-prokurorov"
    assert second.slug == "zasedanie-soveta-prokurorov-2"
    services.update_news_item(first, acting_user=secretariat_user, title_ru="Другое название")
    first.refresh_from_db()
    assert first.slug == "zasedanie-soveta-prokurorov" and first.author == secretariat_user
    assert (
        _draft(secretariat_user, title_ru="", title_en="Manage").slug == "manage-2"
    )  # /news/manage/ is taken


def test_a_title_is_required_and_nothing_is_saved_without(secretariat_user):
    with pytest.raises(ValidationError) as error:
        _draft(secretariat_user, title_ru="  ", title_en="")
    assert "title_ru" in error.value.message_dict
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize("role_fixture", ["no_role_user", "analyst_user", "focal_point_user"])
def test_only_the_secretariat_writes(request, role_fixture, secretariat_user):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        _draft(user)
    item = _draft(secretariat_user)
    for call in (
        lambda: services.update_news_item(item, acting_user=user, title_en="x"),
        lambda: services.submit_for_review(item, acting_user=user),
        lambda: services.publish(item, acting_user=user),
        lambda: services.return_to_draft(item, acting_user=user),
        lambda: services.confirm_links(item, acting_user=user),
        lambda: services.add_link(item, acting_user=user, target=StateFactory()),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert NewsItem.objects.get().status == NewsStatus.DRAFT


def test_workflow_draft_review_published_and_back(secretariat_user):
    item = _draft(secretariat_user)
    with pytest.raises(ValidationError, match="Only an item in review can be published"):
        services.publish(item, acting_user=secretariat_user)
    with pytest.raises(ValidationError, match="already a draft"):
        services.return_to_draft(item, acting_user=secretariat_user)
    services.submit_for_review(item, acting_user=secretariat_user)
    assert item.status == NewsStatus.REVIEW
    with pytest.raises(ValidationError, match="Only a draft can be sent for review"):
        services.submit_for_review(item, acting_user=secretariat_user)
    assert not NewsItem.objects.published().exists()
    services.publish(item, acting_user=secretariat_user)
    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED and item.published_at <= timezone.now()
    assert list(NewsItem.objects.published()) == [item]
    services.return_to_draft(item, acting_user=secretariat_user)
    item.refresh_from_db()
    assert (item.status, item.published_at) == (NewsStatus.DRAFT, None)
    assert not NewsItem.objects.published().exists()


def test_a_future_time_schedules_and_a_past_one_backdates(secretariat_user):
    item = _draft(secretariat_user)
    services.submit_for_review(item, acting_user=secretariat_user)
    services.publish(item, acting_user=secretariat_user, at=timezone.now() + datetime.timedelta(days=1))
    assert item.is_published and not item.is_public
    assert not NewsItem.objects.published().exists()
    other = _draft(secretariat_user)
    services.submit_for_review(other, acting_user=secretariat_user)
    services.publish(other, acting_user=secretariat_user, at=datetime.datetime(2024, 5, 17, 10, 0))
    other.refresh_from_db()
    assert other.published_at.year == 2024 and list(NewsItem.objects.published()) == [other]


def test_proposals_from_the_text_name_the_state_body_person_and_meeting(world, secretariat_user):
    item = _draft(secretariat_user, body_ru=NEWS_BODY_RU)
    proposed = {link.field: link for link in item.links.all()}
    assert set(proposed) == {"state", "organization", "person", "meeting"}
    assert all(link.status == LinkStatus.PROPOSED for link in proposed.values())
    assert (
        proposed["state"].state == world["KGZ"] and proposed["state"].matched_text == "Кыргызской Республики"
    )
    assert proposed["organization"].organization == world["council"]
    assert proposed["person"].person == world["person"]
    assert proposed["meeting"].meeting == world["meeting"]
    # Nothing is public until confirmed.
    assert not NewsItem.objects.about(world["KGZ"]).exists()


def test_confirm_all_in_one_call_then_the_record_has_the_news(world, secretariat_user):
    item = _draft(secretariat_user, body_ru=NEWS_BODY_RU)
    assert services.confirm_links(item, acting_user=secretariat_user) == 4
    assert set(item.links.values_list("status", flat=True)) == {LinkStatus.CONFIRMED}
    for record in world.values():
        assert list(NewsItem.objects.about(record)) == [item]
    assert services.confirm_links(item, acting_user=secretariat_user) == 0


def test_confirm_one_by_one_and_unknown_ids_refused(world, secretariat_user):
    item = _draft(secretariat_user, body_ru=NEWS_BODY_RU)
    state_link = item.links.get(state=world["KGZ"])
    assert services.confirm_links(item, acting_user=secretariat_user, link_ids=[state_link.pk]) == 1
    with pytest.raises(ValidationError):
        services.confirm_links(
            item, acting_user=secretariat_user, link_ids=[state_link.pk]
        )  # decided already
    assert item.links.filter(status=LinkStatus.PROPOSED).count() == 3


def test_a_rejected_proposal_does_not_come_back_and_stale_ones_go(world, secretariat_user):
    item = _draft(secretariat_user, body_ru=NEWS_BODY_RU)
    services.reject_link(item.links.get(person=world["person"]), acting_user=secretariat_user)
    services.update_news_item(item, acting_user=secretariat_user, lead_ru="Дополнено.")
    assert item.links.get(person=world["person"]).status == LinkStatus.REJECTED
    assert item.links.filter(status=LinkStatus.PROPOSED).count() == 3
    # The state is no longer named: its proposal goes; the confirmed body stays.
    services.confirm_links(
        item, acting_user=secretariat_user, link_ids=[item.links.get(organization=world["council"]).pk]
    )
    services.update_news_item(
        item,
        acting_user=secretariat_user,
        body_ru="<p>Заседание Координационного совета генеральных прокуроров.</p>",
    )
    statuses = dict((link.field, link.status) for link in item.links.all())
    assert statuses == {"organization": LinkStatus.CONFIRMED, "person": LinkStatus.REJECTED}


def test_add_a_link_by_hand_even_after_rejecting_it(world, secretariat_user):
    item = _draft(secretariat_user, body_ru=NEWS_BODY_RU)
    link = item.links.get(state=world["KGZ"])
    services.reject_link(link, acting_user=secretariat_user)
    again = services.add_link(item, acting_user=secretariat_user, target=world["KGZ"])
    assert again.pk == link.pk and again.status == LinkStatus.CONFIRMED
    other = StateFactory()
    assert services.add_link(item, acting_user=secretariat_user, target=other).status == LinkStatus.CONFIRMED
    with pytest.raises(ValidationError):
        services.add_link(item, acting_user=secretariat_user, target=secretariat_user)
    assert NewsLink.objects.filter(news=item, state=other).count() == 1


def test_extraction_failure_saves_the_item_without_proposals(world, secretariat_user, monkeypatch):
    def broken(item):
        raise RuntimeError("pipeline down")

    monkeypatch.setattr("accord.news.proposals.named_records", broken)
    item = _draft(secretariat_user, body_ru=NEWS_BODY_RU)
    assert NewsItem.objects.filter(pk=item.pk).exists() and not item.links.exists()


def test_attachments_checked_for_type_and_size(secretariat_user, settings):
    item = NewsItemFactory()
    with pytest.raises(ValidationError, match="not accepted"):
        services.add_attachment(
            item,
            acting_user=secretariat_user,
            file=SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
        )
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="the limit is"):
        services.add_attachment(
            item,
            acting_user=secretariat_user,
            file=SimpleUploadedFile("big.pdf", b"x" * 11, "application/pdf"),
        )
    settings.ACCORD_MAX_UPLOAD_BYTES = 1000
    attachment = services.add_attachment(
        item, acting_user=secretariat_user, file=SimpleUploadedFile("plan.pdf", b"%PDF", "application/pdf")
    )
    assert item.attachments.get() == attachment and attachment.title == "plan.pdf"
    services.remove_attachment(attachment, acting_user=secretariat_user)
    assert not item.attachments.exists()


def test_english_text_is_read_too(world, secretariat_user):
    item = _draft(
        secretariat_user,
        title_ru="",
        title_en="Prosecutors meet",
        body_en="<p>The Coordination Council of Prosecutors General met on 16 May 2024 in Bishkek. "
        "The delegation of the Kyrgyz Republic presented a report.</p>",
    )
    found = {link.field: link.target for link in item.links.all()}
    assert found["state"] == world["KGZ"] and found["organization"] == world["council"]
    assert found["meeting"] == world["meeting"]
