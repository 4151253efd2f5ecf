"""The admin saves through the service: a body written there is sanitized like anywhere else."""

import pytest
from django.urls import reverse

from accord.news.models import NewsItem
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_admin_add_sanitizes_and_lists(client):
    admin_user = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    data = {
        "title_ru": "Через админку",
        "title_en": "",
        "lead_ru": "",
        "lead_en": "",
        "body_ru": '<p onmouseover="x()">Текст<script>alert(1)</script></p>',
        "body_en": "",
        "lead_image_alt_ru": "",
        "lead_image_alt_en": "",
    }
    for prefix in ("attachments", "links"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(reverse("admin:news_newsitem_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get()
    assert item.body_ru == "<p>Текст</p>" and item.slug == "cherez-adminku"
    assert client.get(reverse("admin:news_newsitem_changelist")).status_code == 200
    assert client.get(reverse("admin:news_newsitem_change", args=[item.pk])).status_code == 200
