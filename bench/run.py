"""Accord benchmarks: `make bench`.

Builds a throw-away SQLite database in var/bench/, loads the reference data,
optionally adds synthetic people and posts to reach a target size, then
measures the load time and the latency of the main pages and API lists.
Figures are printed; nothing is asserted (targets are read, not enforced).
"""

import argparse
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def setup_django() -> None:
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "accord.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    # Pages rendered in this process, with no collectstatic: static files from the apps' folders.
    os.environ.setdefault("ACCORD_STATIC_MANIFEST", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def timed(label: str, func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<48} {time.perf_counter() - start:8.2f} s")
    return result


def grow_registry(persons: int) -> None:
    """Synthetic officials with posts, so page costs can be read at a larger size."""
    import datetime

    from accord.registry.choices import OrganizationKind
    from accord.registry.models import Organization, Person, Post, State

    states = list(State.objects.all())
    orgs = []
    for state in states:
        orgs.append(
            Organization(
                kind=OrganizationKind.NATIONAL_AUTHORITY,
                state=state,
                name_ru=f"Бенчмарк-ведомство {state.iso3}",
                name_en=f"Bench authority {state.iso3}",
            )
        )
    Organization.objects.bulk_create(orgs)
    orgs = list(Organization.objects.filter(name_en__startswith="Bench authority"))
    people = Person.objects.bulk_create(
        Person(
            family_name_ru=f"Тестов{i}",
            given_name_ru="Пётр",
            family_name_en=f"Testov{i}",
            given_name_en="Petr",
        )
        for i in range(persons)
    )
    Post.objects.bulk_create(
        Post(
            person=person,
            organization=orgs[i % len(orgs)],
            title_ru="Начальник управления",
            title_en="Head of department",
            start_on=datetime.date(2000 + i % 25, 1, 1),
        )
        for i, person in enumerate(people)
    )


def grow_meetings(count: int) -> None:
    """Synthetic meetings with participants, for the calendar and the feeds."""
    import datetime

    from accord.meetings.models import Meeting, Participation
    from accord.registry.models import Organization, State

    bodies = list(Organization.objects.filter(kind="body")[:20])
    states = list(State.objects.all())
    meetings = Meeting.objects.bulk_create(
        Meeting(
            kind="meeting",
            body=bodies[i % len(bodies)],
            title_ru=f"Совещание {i}",
            start_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=i % 3650),
            country=states[i % len(states)],
            city_ru="Вена",
        )
        for i in range(count)
    )
    Participation.objects.bulk_create(
        Participation(meeting=meeting, state=states[(i + k) % len(states)])
        for i, meeting in enumerate(meetings)
        for k in range(5)
    )


def measure(client, label: str, url: str, repeat: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    times = []
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    reset_queries()
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{label:<48} median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  "
        f"queries {queries:3d}  status {response.status_code}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=5000, help="synthetic persons with posts")
    parser.add_argument("--meetings", type=int, default=5000, help="synthetic meetings")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    args = parser.parse_args()

    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from accord.core.reference import load_all
    from accord.registry.models import Organization, Person, State

    timed("migrate", call_command, "migrate", verbosity=0)
    timed("load-reference (first run)", load_all)
    timed("load-reference (again, idempotent)", load_all)
    timed("load-samples", load_all, "sample_loader")
    timed(f"grow registry by {args.persons} persons with posts", grow_registry, args.persons)
    timed(f"add {args.meetings} meetings with 5 participants each", grow_meetings, args.meetings)

    client = Client()
    user = get_user_model().objects.create_superuser("bench", password="bench-pass-1")
    client.force_login(user)
    uzb = State.objects.get(iso3="UZB")
    org = Organization.objects.filter(children__isnull=False).first() or Organization.objects.first()
    person = Person.objects.first()
    print(
        f"\nsize: {State.objects.count()} states, {Organization.objects.count()} organizations, {Person.objects.count()} persons"
    )
    pages = [
        ("page: states list", "/registry/states/"),
        ("page: states list, search", "/registry/states/?q=узбек"),
        ("page: state profile UZB", uzb.get_absolute_url()),
        ("page: organization tree", "/registry/organizations/"),
        ("page: organization profile", org.get_absolute_url()),
        ("page: persons list", "/registry/persons/"),
        ("page: persons list, search", "/registry/persons/?q=Тестов42"),
        ("page: person profile", person.get_absolute_url()),
        ("page: calendar list", "/meetings/"),
        ("page: calendar month", "/meetings/calendar/?month=2020-07"),
        ("page: meeting with participants", "/meetings/1/"),
        ("feed: all meetings (iCalendar)", "/meetings/feed.ics"),
        ("page: instrument UNCAC with parties", "/instruments/uncac/"),
        ("page: documents list", "/documents/"),
        ("api: meetings (limit 50)", "/api/meetings/"),
        ("api: states (limit 50)", "/api/states/"),
        ("api: persons (limit 50)", "/api/persons/"),
        ("api: posts (limit 1000)", "/api/posts/?limit=1000"),
    ]
    for label, url in pages:
        measure(client, label, url, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (RSS) {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
