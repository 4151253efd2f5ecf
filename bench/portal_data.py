"""The public-pages benchmark's database: the demo data on PostgreSQL, scaled up.

    python bench/portal_data.py              # build once, reuse afterwards
    python bench/portal_data.py --rebuild    # drop and build again

`accord migrate`, `load-reference` and `load-samples`, then synthetic rows to
reach 10,000 meetings (participating states, organizations and people,
agenda items, bodies of the reference registry, dates over 2005–2027) and
100,000 documents of 2–5 KB (public, restricted and confidential mixed,
indexed for search the way the documents app does it: terms by the
project's analyser, PostgreSQL vectors in one statement per batch), plus
state and organization mentions, people with posts and news items.
Rows go in by bulk_create in batches; the page cache is invalidated at the
end (`bump_generation`). A marker table records a finished build, which is
reused unless `--rebuild` is given or the sizes differ.

The database is `PORTAL_BENCH_DATABASE_URL`, else `BENCH_DATABASE_URL` when it
names PostgreSQL, else postgresql://postgres@127.0.0.1:5432/accord_portal_bench
(not `accord_bench`, which bench/search.py drops on every run). Without a
PostgreSQL server the script says so and exits 0, so `make bench` goes on.
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/accord_portal_bench"
MARKER = "accord_portal_bench_build"
SKIPPED = 3  # exit status when PostgreSQL is absent (portal_load.py reads it)


def database_url() -> str:
    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", "")
    if not url and os.environ.get("BENCH_DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        url = os.environ["BENCH_DATABASE_URL"]
    return url or DEFAULT_URL


def _split(url: str) -> tuple[str, str]:
    """(admin URL on the `postgres` database, database name)."""
    base, _, name = url.rpartition("/")
    return f"{base}/postgres", name.split("?")[0]


def postgres_answers(url: str) -> str | None:
    """None when the server answers, else why not."""
    import psycopg

    try:
        psycopg.connect(_split(url)[0], connect_timeout=3).close()
    except Exception as exc:  # any failure means: no server to bench on
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def built_sizes(url: str) -> tuple[int, int] | None:
    """(meetings, documents) of a finished build, None when there is none."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            row = conn.execute(
                f"SELECT meetings, documents FROM {MARKER} ORDER BY built_at DESC LIMIT 1"
            ).fetchone()
    except Exception:  # no database or no marker: not built
        return None
    return (row[0], row[1]) if row else None


def recreate_database(url: str) -> None:
    import psycopg

    admin, name = _split(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "accord.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()


class Timer:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def step(self, label: str, func, *args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        print(f"  {label:<58} {time.perf_counter() - start:7.1f} s", flush=True)
        return result


# ---- the synthetic rows -------------------------------------------------------


def grow_people(count: int, rng: random.Random) -> None:
    """People with posts in a bench authority of every state, for person pages and participants."""
    from synthetic import FAMILY, GIVEN

    from accord.registry.choices import OrganizationKind
    from accord.registry.models import Organization, Person, Post, State

    states = list(State.objects.order_by("pk"))
    Organization.objects.bulk_create(
        Organization(
            kind=OrganizationKind.NATIONAL_AUTHORITY,
            state=state,
            name_ru=f"Антикоррупционное ведомство ({state.name_ru})",
            name_en=f"Anti-corruption authority ({state.name_en})",
        )
        for state in states
    )
    authorities = list(Organization.objects.filter(name_en__startswith="Anti-corruption authority ("))
    latin = {"Алексей": "Aleksei", "Бахтиёр": "Bakhtiyor", "Нурлан": "Nurlan", "Айгуль": "Aigul"}
    people = Person.objects.bulk_create(
        (
            Person(
                family_name_ru=f"{rng.choice(FAMILY)}{'а' if i % 4 == 0 else ''}-{i}",
                given_name_ru=(given := rng.choice(GIVEN)),
                family_name_en=f"Bench-{i}",
                given_name_en=latin.get(given, "Timur"),
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    titles = [
        ("Председатель", "Chair"),
        ("Заместитель председателя", "Deputy chair"),
        ("Начальник управления", "Head of department"),
    ]
    Post.objects.bulk_create(
        (
            Post(
                person=person,
                organization=authorities[i % len(authorities)],
                title_ru=(title := titles[i % len(titles)])[0],
                title_en=title[1],
                start_on=datetime.date(2005 + i % 20, 1 + i % 12, 1),
                end_on=None if i % 3 else datetime.date(2025, 12, 31),
            )
            for i, person in enumerate(people)
        ),
        batch_size=2000,
    )


def grow_meetings(target: int, rng: random.Random) -> int:
    """Meetings of the reference bodies, with agenda items and 6–20 participations each."""
    from accord.meetings.models import AgendaItem, Meeting, Participation
    from accord.registry.models import Organization, Person, State

    missing = max(0, target - Meeting.objects.count())
    bodies = list(Organization.objects.filter(kind="body").order_by("pk"))
    states = list(State.objects.order_by("pk"))
    organizations = list(Organization.objects.exclude(kind="national_authority").order_by("pk")[:200])
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    kinds = ["session", "meeting", "meeting", "expert_group", "seminar", "conference", "visit"]
    today = datetime.date.today()
    batch = 2000
    for offset in range(0, missing, batch):
        meetings = []
        for i in range(offset, min(missing, offset + batch)):
            start = datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(23 * 365))
            host = rng.choice(states)
            body = rng.choice(bodies)
            meetings.append(
                Meeting(
                    kind=(kind := rng.choice(kinds)),
                    body=body,
                    ordinal=(i % 40) + 1 if kind == "session" else None,
                    title_ru=f"Заседание {body.name_ru[:300]} № {i}",
                    title_en=f"Meeting of {body.name_en[:300]} no. {i}",
                    start_on=start,
                    end_on=start + datetime.timedelta(days=rng.choice([0, 1, 2, 4])),
                    city_ru="Город",
                    city_en="City",
                    country=host,
                    status="held" if start < today else "planned",
                    description_ru="Обсуждение хода выполнения рекомендаций и обмен опытом. " * 4,
                    description_en="Progress in implementing recommendations and exchange of experience. "
                    * 4,
                    confidentiality="public" if rng.random() < 0.9 else "restricted",
                )
            )
        Meeting.objects.bulk_create(meetings)
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                number=str(n + 1),
                title_ru=f"Пункт повестки {n + 1}",
                title_en=f"Agenda item {n + 1}",
                position=n,
            )
            for meeting in meetings
            for n in range(3)
        )
        participations = []
        for meeting in meetings:
            for state in rng.sample(states, rng.randint(5, 15)):
                participations.append(Participation(meeting=meeting, state=state, role="member"))
            participations.append(
                Participation(meeting=meeting, organization=rng.choice(organizations), role="observer")
            )
            for person in rng.sample(people, min(len(people), rng.randint(0, 4))):
                participations.append(Participation(meeting=meeting, person_id=person, role="speaker"))
        Participation.objects.bulk_create(participations, batch_size=5000)
    return missing


def grow_documents(target: int, rng: random.Random) -> int:
    """Documents of 2–5 KB with their search rows (terms, facets, PostgreSQL vectors) and mentions."""
    from django.db import transaction
    from synthetic import from_registry

    from accord.documents.models import Document, DocumentSearch, DocumentTerms
    from accord.documents.search.analysis import terms_text
    from accord.documents.search.indexing import facets_of, write_vectors
    from accord.extraction.models import Mention
    from accord.meetings.models import Meeting
    from accord.registry.models import Organization, State

    missing = max(0, target - Document.objects.count())
    generator = from_registry(seed=5)
    meetings = list(Meeting.objects.order_by("pk").values_list("pk", "start_on"))
    publishers = list(Organization.objects.filter(kind__in=["body", "igo"]).values_list("pk", flat=True))
    states = list(State.objects.values_list("pk", "iso3", "name_ru"))
    organizations = list(Organization.objects.filter(kind="body").values_list("pk", "slug", "name_ru"))
    kinds = ["report", "note", "working_paper", "information", "news", "news", "statement", "other"]
    batch = 1000
    for offset in range(0, missing, batch):
        documents = []
        for i in range(offset, min(missing, offset + batch)):
            language, title, text = generator.document(size=rng.randint(2000, 5000))
            meeting = rng.choice(meetings) if rng.random() < 0.4 else None
            documents.append(
                Document(
                    title=title,
                    text=text,
                    language=language,
                    kind=rng.choice(kinds),
                    published_on=meeting[1]
                    if meeting
                    else datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(22 * 365)),
                    meeting_id=meeting[0] if meeting else None,
                    publisher_id=rng.choice(publishers),
                    confidentiality=rng.choice(["public"] * 7 + ["restricted"] * 2 + ["confidential"]),
                    content_hash=f"portal-bench-{i}",
                )
            )
        with transaction.atomic():
            Document.objects.bulk_create(documents)
            DocumentSearch.objects.bulk_create(DocumentSearch(document=d, **facets_of(d)) for d in documents)
            DocumentTerms.objects.bulk_create(
                DocumentTerms(
                    document_id=d.pk, title_terms=terms_text(d.title), body_terms=terms_text(d.text)
                )
                for d in documents
            )
            write_vectors(documents[0].pk, documents[-1].pk)
            mentions = []
            for d in documents:
                state_pk, iso3, state_name = rng.choice(states)
                mentions.append(
                    Mention(
                        document=d,
                        begin=0,
                        end=len(state_name),
                        type="state",
                        text=state_name,
                        normal=state_name,
                        key=iso3,
                        state_id=state_pk,
                        method="gazetteer",
                        confidence=0.9,
                    )
                )
                org_pk, slug, org_name = rng.choice(organizations)
                mentions.append(
                    Mention(
                        document=d,
                        begin=10,
                        end=10 + len(org_name[:400]),
                        type="organization",
                        text=org_name[:400],
                        normal=org_name[:400],
                        key=slug or "",
                        organization_id=org_pk,
                        method="gazetteer",
                        confidence=0.8,
                    )
                )
            Mention.objects.bulk_create(mentions)
        if (offset // batch) % 10 == 9:
            print(f"    {offset + batch:>7} documents", flush=True)
    return missing


def grow_news(count: int, rng: random.Random) -> int:
    """Published news items (a few drafts) with confirmed links to states, for the news pages."""
    from django.utils import timezone

    try:
        from accord.news.models import NewsItem, NewsLink
    except ImportError:
        print("    no news app: news items skipped")
        return 0
    from accord.registry.models import State

    states = list(State.objects.values_list("pk", flat=True))
    now = timezone.now()
    items = NewsItem.objects.bulk_create(
        (
            NewsItem(
                slug=f"bench-news-{i}",
                title_ru=f"Новость сети № {i}: заседание рабочей группы",
                title_en=f"Network news no. {i}: the working group met",
                lead_ru="Участники обсудили выполнение рекомендаций.",
                lead_en="Participants discussed the implementation of recommendations.",
                body_ru="Текст новости. " * 150,
                body_en="News text. " * 150,
                status="published" if i % 10 else "draft",
                published_at=now - datetime.timedelta(hours=6 * i) if i % 10 else None,
            )
            for i in range(count)
        ),
        batch_size=1000,
    )
    NewsLink.objects.bulk_create(
        (
            NewsLink(news=item, state_id=state, status="confirmed")
            for item in items
            for state in rng.sample(states, 2)
        ),
        batch_size=2000,
    )
    return count


def _news_or_skip(count: int, rng: random.Random) -> int:
    """News items in one transaction; the news app is young, so a change of its models skips them, loudly."""
    from django.db import transaction

    try:
        with transaction.atomic():
            return grow_news(count, rng)
    except Exception as exc:  # any model change there must not stop the rest of the bench
        print(f"    news items skipped: {type(exc).__name__}: {exc}")
        return 0


def build(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from accord.core.cache import bump_generation

    rng = random.Random(20261201)
    timer = Timer()
    quiet = io.StringIO()
    timer.step("migrate", call_command, "migrate", verbosity=0, stdout=quiet)
    timer.step("load-reference", call_command, "load_reference", stdout=quiet)
    timer.step("load-samples", call_command, "load_samples", stdout=quiet)
    timer.step(f"{args.people} people with posts", grow_people, args.people, rng)
    timer.step(f"meetings up to {args.meetings} (agenda, participations)", grow_meetings, args.meetings, rng)
    timer.step(
        f"documents up to {args.documents} (search rows, mentions)", grow_documents, args.documents, rng
    )
    timer.step(f"{args.news} news items", _news_or_skip, args.news, rng)
    with connection.cursor() as cursor:
        timer.step("VACUUM ANALYZE", cursor.execute, "VACUUM ANALYZE")
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER} (meetings integer, documents integer, built_at timestamptz DEFAULT now())"
        )
        cursor.execute(
            f"INSERT INTO {MARKER} (meetings, documents) VALUES (%s, %s)", [args.meetings, args.documents]
        )
    bump_generation()
    print(f"  {'built in':<58} {time.perf_counter() - timer.start:7.1f} s")


def summary() -> None:
    from accord.documents.models import Document
    from accord.extraction.models import Mention
    from accord.meetings.models import Meeting, Participation
    from accord.registry.models import Organization, Person, State

    print(
        f"  size: {Meeting.objects.count()} meetings, {Participation.objects.count()} participations, "
        f"{Document.objects.count()} documents ({Document.objects.filter(confidentiality='public').count()} public), "
        f"{Mention.objects.count()} mentions, {State.objects.count()} states, "
        f"{Organization.objects.count()} organizations, {Person.objects.count()} people"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true", help="drop the database and build it again")
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=3_000)
    parser.add_argument("--news", type=int, default=2_000)
    args = parser.parse_args()

    url = database_url()
    why = postgres_answers(url)
    if why:
        print(f"portal bench: PostgreSQL does not answer at {_split(url)[0]} ({why}); skipped")
        return SKIPPED
    name = _split(url)[1]
    sizes = built_sizes(url)
    if sizes == (args.meetings, args.documents) and not args.rebuild:
        print(
            f"portal bench data: reusing database {name} ({sizes[0]} meetings, {sizes[1]} documents; --rebuild builds it again)"
        )
        setup_django(url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # migrations added since the build (indexes)
        summary()
        return 0
    print(f"portal bench data: building database {name}")
    recreate_database(url)
    setup_django(url)
    build(args)
    summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
