"""The public never sees a user account (issue 20): no login, name or address of a user on any public page or API answer.

`make demo`'s data is loaded, a focal point reports progress and the
secretariat assesses it, then every user is given a login, names and
address that are easy to spot. An anonymous reader then opens the portal's
pages (every section of the sitemap), the follow-up register and every API
list the public may read: none of them may name a user.
"""

import re

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

MARK = "zq-account"
#: Pages per sitemap section and API lists: enough of each kind, in a bounded time.
PER_SECTION = 12


def _list_routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    names = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            names += _list_routes(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name and entry.name.endswith("-list"):
            names.append(f"{prefix}{entry.name}")
    return sorted(set(names))


def _locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [
        re.sub(r"^https?://[^/]+", "", loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    ]


@pytest.mark.slow
@pytest.mark.django_db
def test_no_public_page_or_api_answer_names_a_user(reference_data, client):
    from django.contrib.auth import get_user_model
    from django.db.models import F, Value
    from django.db.models.functions import Cast, Concat

    from accord.core.choices import Confidentiality
    from accord.core.reference import load_all
    from accord.core.roles import Role
    from accord.followup import services
    from accord.followup.models import Recommendation
    from conftest import make_user

    load_all("sample_loader")
    recommendation = Recommendation.objects.filter(confidentiality=Confidentiality.PUBLIC).first()
    assert recommendation is not None, "the samples publish a recommendation"
    focal = make_user("accounts-focal", Role.FOCAL_POINT, state=recommendation.state)
    secretariat = make_user("accounts-secretariat", Role.SECRETARIAT)
    update = services.report_progress(
        recommendation, acting_user=focal, status="in_progress", text="Проект закона внесён в парламент."
    )
    services.assess(update, acting_user=secretariat, status=None, comment="Подтверждено.")
    suffix = Concat(
        Value(MARK + "-"), Cast(F("pk"), output_field=get_user_model()._meta.get_field("username"))
    )
    get_user_model().objects.update(
        username=suffix,
        first_name=suffix,
        last_name=suffix,
        email=Concat(suffix, Value("@example.org")),
    )

    pages = ["/", reverse("followup:recommendation_list"), recommendation.get_absolute_url()]
    for section in _locations(client, reverse("portal:sitemap_index")):
        pages += _locations(client, section)[:PER_SECTION]
    pages += [
        r.get_absolute_url()
        for r in Recommendation.objects.filter(confidentiality=Confidentiality.PUBLIC)[:PER_SECTION]
    ]
    lists = []
    for name in _list_routes(get_resolver()):
        try:
            lists.append(reverse(name))
        except NoReverseMatch:
            continue  # a nested list under a record: its record's own page is read above
    assert len(pages) > 30 and len(lists) > 10
    read = 0
    for url in dict.fromkeys(pages + [f"{url}?limit=100" for url in lists]):
        response = client.get(url)
        if response.status_code != 200:
            continue  # what the public may not open does not show it anything
        read += 1
        assert MARK not in response.content.decode(), url
    assert read > 30
    # The same page names the reporter to the secretariat: the mark would be seen where shown.
    client.force_login(secretariat)
    assert MARK in client.get(recommendation.get_absolute_url()).content.decode()
