"""The public-page cache: anonymous GETs served from it, every change of a record invalidating it.

The pages under test are small views of this module (its `urlpatterns`,
selected with the `urls` marker) over real models, decorated like the
portal's pages; the Redis variant runs when a server answers on 127.0.0.1:6379.
"""

import datetime
import secrets
import socket

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.test import RequestFactory, override_settings
from django.urls import path

from accord.core import cache as page_cache
from accord.core.cache import bump_generation, generation, page_key, public_page
from accord.instruments.tests.factories import InstrumentFactory
from accord.registry.models import State
from accord.registry.tests.factories import OrganizationFactory, StateFactory

RENDERS: list[str] = []


@public_page
def state_list(request):
    RENDERS.append(request.path)
    names = [state.name for state in State.objects.visible_to(request.user).order_by("iso3")]
    who = request.user.get_username() if request.user.is_authenticated else "anonymous"
    variant = "partial" if request.headers.get("HX-Request") else "page"
    return HttpResponse(f"{variant}|{who}|" + ";".join(names))


@public_page
def instrument_detail(request, pk: int):
    from accord.instruments.models import Instrument

    RENDERS.append(request.path)
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user), pk=pk)
    return HttpResponse(";".join(sorted(o.name_en for o in instrument.establishes.all())))


@public_page
def missing(request):
    RENDERS.append(request.path)
    return HttpResponse("not here", status=404)


@public_page
def with_cookie(request):
    RENDERS.append(request.path)
    response = HttpResponse("cookie")
    response.set_cookie("seen", "1")
    return response


@public_page
def with_csrf(request):
    RENDERS.append(request.path)
    return HttpResponse(f"<input value='{get_token(request)}'>")


@public_page
def with_message(request):
    RENDERS.append(request.path)
    messages.info(request, "Hello")
    return HttpResponse("message")


urlpatterns = [
    path("states/", state_list),
    path("instruments/<int:pk>/", instrument_detail),
    path("missing/", missing),
    path("cookie/", with_cookie),
    path("csrf/", with_csrf),
    path("message/", with_message),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def _renders():
    RENDERS.clear()
    yield
    RENDERS.clear()


@pytest.fixture
def states(db):
    return [
        StateFactory(iso3="QAA", name_ru="Альфа", name_en="Alpha"),
        StateFactory(iso3="QAB", name_ru="Бета", name_en="Beta"),
    ]


def test_second_anonymous_get_is_served_from_the_cache(client, states, django_assert_num_queries):
    first = client.get("/states/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/states/")
    assert second.content == first.content
    assert RENDERS == ["/states/"]
    assert "Cookie" in second["Vary"]


def test_query_string_and_htmx_partial_are_pages_of_their_own(client, states):
    client.get("/states/")
    client.get("/states/?page=2")
    partial = client.get("/states/", headers={"HX-Request": "true"})
    full = client.get("/states/")
    assert RENDERS == ["/states/", "/states/", "/states/"]
    assert partial.content.startswith(b"partial|")
    assert full.content.startswith(b"page|")


def test_signed_in_users_never_get_cached_pages(client, states, secretariat_user):
    anonymous = client.get("/states/")
    assert anonymous.content.startswith(b"page|anonymous|")
    client.force_login(secretariat_user)
    first = client.get("/states/")
    second = client.get("/states/")
    assert first.content.startswith(b"page|secretariat|")
    assert second.content.startswith(b"page|secretariat|")
    assert len(RENDERS) == 3
    client.logout()
    client.get("/states/")
    assert len(RENDERS) == 3  # the anonymous page, still cached, was not replaced by theirs


def test_saving_a_record_shows_the_change_on_the_next_get(client, states):
    assert "Альфа" in client.get("/states/").content.decode()
    before = generation()
    states[0].name_ru = "Альфа-новая"
    states[0].save()
    assert generation() != before
    assert "Альфа-новая" in client.get("/states/").content.decode()


def test_creating_and_deleting_a_record_show_on_the_next_get(client, states):
    client.get("/states/")
    StateFactory(iso3="QAC", name_ru="Гамма", name_en="Gamma")
    assert "Гамма" in client.get("/states/").content.decode()
    State.objects.get(iso3="QAC").delete()
    assert "Гамма" not in client.get("/states/").content.decode()
    assert len(RENDERS) == 3


def test_a_many_to_many_change_shows_on_the_next_get(client):
    instrument = InstrumentFactory()
    body = OrganizationFactory(name_en="Conference of the Parties")
    url = f"/instruments/{instrument.pk}/"
    assert client.get(url).content == b""
    instrument.establishes.add(body)
    assert client.get(url).content == b"Conference of the Parties"
    instrument.establishes.clear()
    assert client.get(url).content == b""
    assert len(RENDERS) == 3


@pytest.mark.django_db(transaction=True)
def test_commit_invalidates_pages_cached_from_old_data_during_the_transaction(client, states):
    client.get("/states/")
    request = RequestFactory().get("/states/")
    request.user = AnonymousUser()
    with transaction.atomic():
        states[1].name_ru = "Бета-новая"
        states[1].save()
        # Another process, which still sees the committed data, caches the
        # old page under the generation current during the transaction.
        page_cache.cache.set(page_key(request), HttpResponse("page|anonymous|Альфа;Бета"))
        assert client.get("/states/").content.decode() == "page|anonymous|Альфа;Бета"
    assert "Бета-новая" in client.get("/states/").content.decode()


@pytest.fixture
def generation_writes(monkeypatch):
    """The writes of a new generation to the shared generation cache, counted."""
    from django.core.cache import caches

    store = caches[page_cache.GENERATION_CACHE]
    writes = []
    original = store.set

    def counted(key, *args, **kwargs):
        if key == page_cache.GENERATION_KEY:
            writes.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(store, "set", counted)
    return writes


@pytest.mark.django_db(transaction=True)
def test_many_changes_in_one_transaction_bump_once_at_commit(client, states, generation_writes):
    client.get("/states/")  # the generation was read: the first change bumps at once
    with transaction.atomic():
        for n in range(26):
            StateFactory(iso3=f"QR{chr(65 + n)}", name_ru=f"Страна {n}", name_en=f"Country {n}")
        assert len(generation_writes) == 1
        inside = generation()
    assert len(generation_writes) == 2
    assert generation() != inside
    assert "Страна 25" in client.get("/states/").content.decode()


def test_changes_bump_again_only_once_the_generation_was_read(generation_writes):
    generation()
    StateFactory(iso3="QBA")
    StateFactory(iso3="QBB")
    assert len(generation_writes) == 1  # nothing can be stored under a generation nobody read
    generation()
    StateFactory(iso3="QBC")
    assert len(generation_writes) == 2


@pytest.mark.django_db(transaction=True)
def test_a_bump_dropped_with_a_rolled_back_savepoint_is_registered_again(states):
    with transaction.atomic():
        try:
            with transaction.atomic():
                states[0].name_ru = "Отменённое"
                states[0].save()
                raise RuntimeError("roll the savepoint back")
        except RuntimeError:
            pass
        states[1].name_ru = "Бета-вторая"
        states[1].save()
        before_commit = generation()
    assert generation() != before_commit


@pytest.mark.django_db(transaction=True)
def test_changes_outside_a_transaction_bump_each_time(states, generation_writes):
    states[0].name_ru = "Альфа-1"
    states[0].save()
    states[0].name_ru = "Альфа-2"
    states[0].save()
    assert len(generation_writes) == 2  # each is a commit other processes may have read before


def test_non_200_responses_are_not_cached(client):
    assert client.get("/missing/").status_code == 404
    assert client.get("/missing/").status_code == 404
    assert RENDERS == ["/missing/", "/missing/"]


@pytest.mark.parametrize("url", ["/cookie/", "/csrf/", "/message/"])
def test_responses_personal_to_the_visitor_are_not_cached(client, url):
    client.get(url)
    client.get(url)
    assert [url, url] == RENDERS


def test_language_is_part_of_the_key(client, states):
    russian = client.get("/states/", headers={"accept-language": "ru"})
    english = client.get("/states/", headers={"accept-language": "en"})
    assert "Альфа" in russian.content.decode()
    assert "Alpha" in english.content.decode()
    assert client.get("/states/", headers={"accept-language": "en"}).content == english.content
    assert client.get("/states/", headers={"accept-language": "ru"}).content == russian.content
    assert len(RENDERS) == 2


def test_ignored_and_non_accord_models_do_not_bump(client, states, no_role_user):
    from accord.chairmanship.models import ReminderSent

    client.get("/states/")
    before = generation()
    ReminderSent.objects.create(user=no_role_user, key="review:1", due_on=datetime.date(2026, 1, 1))
    no_role_user.first_name = "Changed"
    no_role_user.save()
    assert generation() == before
    client.get("/states/")
    assert RENDERS == ["/states/"]


def test_bump_generation_for_bulk_writes(client, states):
    client.get("/states/")
    State.objects.filter(iso3="QAA").update(name_ru="Альфа-оптом")  # no signal
    assert "Альфа-оптом" not in client.get("/states/").content.decode()
    bump_generation()
    assert "Альфа-оптом" in client.get("/states/").content.decode()


def test_deferred_invalidation_makes_pages_stale_once_when_the_outermost_block_ends(
    client, states, monkeypatch
):
    client.get("/states/")
    bumps = []
    real = page_cache.bump_generation
    monkeypatch.setattr(page_cache, "bump_generation", lambda: (bumps.append(1), real()))
    with page_cache.invalidation_deferred():
        with page_cache.invalidation_deferred():
            for name in ("Альфа-1", "Альфа-2", "Альфа-3"):
                State.objects.filter(iso3="QAA").update(name_ru=name)
                State.objects.get(iso3="QAA").save()
        assert bumps == []
        assert "Альфа-3" not in client.get("/states/").content.decode()  # stale until the block ends
    assert bumps == [1]
    assert "Альфа-3" in client.get("/states/").content.decode()
    State.objects.get(iso3="QAA").save()  # outside the block: invalidated at once again
    assert bumps == [1, 1]


def test_the_generation_is_shared_by_every_process_through_its_cache(settings):
    """Without Redis, another process is another instance of the file cache on the same folder."""
    from django.core.cache import caches

    assert settings.CACHES["generation"]["BACKEND"].endswith(("FileBasedCache", "RedisCache"))
    other_process = caches.create_connection(page_cache.GENERATION_CACHE)
    first = generation()
    assert other_process.get(page_cache.GENERATION_KEY) == first
    other_process.set(page_cache.GENERATION_KEY, "from-another-process", timeout=None)
    assert generation() == "from-another-process"
    bump_generation()
    assert other_process.get(page_cache.GENERATION_KEY) not in {first, "from-another-process"}


def test_a_bump_in_another_process_reaches_this_one(settings, tmp_path):
    """Without Redis: another process on the machine (the task worker, a command) with the same VAR_DIR."""
    import os
    import subprocess
    import sys

    from django.core.cache import caches

    generation_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "page-cache-generation"),
    }
    settings.CACHES = {**settings.CACHES, "generation": generation_cache}
    before = generation()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_") and k != "REDIS_URL"}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'accord.settings'; django.setup(); "
        "from django.conf import settings; from accord.core.cache import bump_generation; "
        "print(settings.CACHES['generation']['BACKEND']); bump_generation()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "ACCORD_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "django.core.cache.backends.filebased.FileBasedCache"
    assert caches["generation"].get(page_cache.GENERATION_KEY) not in {None, before}
    assert generation() != before


def test_a_lost_generation_is_created_again(settings):
    from django.core.cache import caches

    before = generation()
    caches[page_cache.GENERATION_CACHE].delete(page_cache.GENERATION_KEY)
    assert generation() not in {before, ""}


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_cache():
    """Django's Redis backend on its own database and key prefix; only its own keys are removed."""
    if not _redis_answers():
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    prefix = f"accord-test-{secrets.token_hex(4)}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES={**caches, "generation": caches["default"]}):
        from django.core.cache import caches

        cache = caches["default"]
        assert type(cache).__name__ == "RedisCache"
        yield cache
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def test_invalidation_with_redis(client, states, redis_cache, django_assert_num_queries):
    assert "Альфа" in client.get("/states/").content.decode()
    with django_assert_num_queries(0):
        client.get("/states/")
    from django.core.cache import caches

    assert type(caches[page_cache.GENERATION_CACHE]).__name__ == "RedisCache"
    assert caches[page_cache.GENERATION_CACHE].get(page_cache.GENERATION_KEY) == generation()
    states[0].name_ru = "Альфа-редис"
    states[0].save()
    assert "Альфа-редис" in client.get("/states/").content.decode()
    state = StateFactory(iso3="QAD", name_ru="Дельта", name_en="Delta")
    assert "Дельта" in client.get("/states/").content.decode()
    state.delete()
    assert "Дельта" not in client.get("/states/").content.decode()
    assert len(RENDERS) == 4


# --- parts shared by many pages -----------------------------------------------------------------------


def test_a_shared_fragment_is_built_once_per_generation_and_language(states, no_role_user):
    from django.utils import translation

    from accord.core.cache import shared_fragment

    built = []

    def build():
        built.append(translation.get_language())
        return [state.name for state in State.objects.order_by("iso3")]

    anonymous = AnonymousUser()
    with translation.override("en"):
        assert shared_fragment("names", build, user=anonymous) == ["Alpha", "Beta"]
        assert shared_fragment("names", build, user=anonymous) == ["Alpha", "Beta"]
        assert shared_fragment("names", build, "other", user=anonymous) == ["Alpha", "Beta"]  # varies
    with translation.override("ru"):
        assert shared_fragment("names", build, user=anonymous) == ["Альфа", "Бета"]
    assert built == ["en", "en", "ru"]

    states[0].name_en = "Alpha renamed"
    states[0].save()
    with translation.override("en"):
        assert shared_fragment("names", build, user=anonymous) == ["Alpha renamed", "Beta"]
        # A signed-in user, who may see more than the public, never reads or fills the shared copy.
        assert shared_fragment("names", lambda: ["members' view"], user=no_role_user) == ["members' view"]
        assert shared_fragment("names", build, user=anonymous) == ["Alpha renamed", "Beta"]
    assert len(built) == 4


def test_a_shared_fragment_may_be_empty_and_is_still_kept(db):
    from accord.core.cache import shared_fragment

    built = []
    for _ in range(2):
        assert shared_fragment("nothing", lambda: built.append(1) or None) is None
    assert built == [1]


def test_referenced_ids_follow_every_change(db):
    from accord.core.cache import referenced_ids
    from accord.registry.models import Organization

    parent = OrganizationFactory()
    child = OrganizationFactory(parent=parent)
    OrganizationFactory()  # no parent: not among the ids

    def ids():
        return referenced_ids("parents", lambda: Organization.objects.all(), "parent_id")

    assert ids() == frozenset({parent.pk})
    other = OrganizationFactory()
    child.parent = other
    child.save()
    assert ids() == frozenset({other.pk})
    child.delete()
    assert ids() == frozenset()
