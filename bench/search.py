"""Ingestion and search benchmarks (`make bench`): throughput, latency, memory.

    python bench/search.py                      # both parts, SQLite, and PostgreSQL when it answers
    python bench/search.py --part ingest --ingest 10000
    python bench/search.py --part search --documents 100000 --engine sqlite

Ingestion: synthetic ~3 KB text files through the real pipeline (`accord
ingest`), then HTML pages (boilerplate stripping) and PDFs separately.
Search: N synthetic documents bulk-indexed, then `--queries` queries of each
kind (single words, phrases, boolean queries, prefix queries, registry
abbreviations that expand into all their names), most with a filter, as an
anonymous reader. Each runs three ways in the same run: Accord's `search()`;
a fair raw engine doing the same work by hand (visible matches only, count
to the same threshold, ranking as Accord does with the same weights, top 20,
snippets for those 20 only); and the full-ranking raw engine (every match
ranked, no filters, and on SQLite a snippet built for every match). p50/p95
per kind and Accord's ratio to the fair baseline are printed. With --reuse
the database of that size is kept in /work/benchdata (ACCORD_BENCH_DATA) and
reused; on PostgreSQL it is copied from the SQLite one when that exists
(the terms are not analysed twice). The load average is printed before and
after each part (the machine is shared); `--raw-queries N` lets the
full-ranking raw engine run only the first N queries of each kind.
Nothing is asserted; the figures are printed.
"""

import argparse
import datetime
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
# Search databases are large and slow to build: kept outside the repository and reused (--reuse).
DATA_DIR = Path(os.environ.get("ACCORD_BENCH_DATA", "/work/benchdata"))
PG_ADMIN = os.environ.get("ACCORD_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "accord.settings"
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accord.core.reference import load_all

    load_all()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def p95(samples: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    return sorted(samples)[max(0, math.ceil(len(samples) * 0.95) - 1)]


def percentiles(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples):7.1f} ms  p95 {p95(samples):7.1f} ms"


# ---- ingestion --------------------------------------------------------------


def bench_ingest(count: int) -> None:
    from django.conf import settings
    from synthetic import from_registry

    from accord.documents.ingest.pipeline import collect, ingest
    from accord.documents.models import IngestJob

    settings.MEDIA_ROOT = BENCH_DIR / "media"
    generator = from_registry(seed=1)
    corpus = BENCH_DIR / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    (corpus / "text").mkdir(parents=True)
    for i in range(count):
        _language, title, text = generator.document()
        (corpus / "text" / f"{i:06d}.txt").write_text(
            title + "\n\n" + text, encoding="cp1251" if i % 5 == 0 else "utf-8"
        )
    start, cpu = time.perf_counter(), time.process_time()
    job = ingest(collect([corpus / "text"]), IngestJob.objects.create())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"ingest text: {job.added} added, {job.failed} failed in {elapsed:.1f} s = {job.added / elapsed:.0f} documents/s"
        f" ({job.added / cpu:.0f} per CPU second of this process)"
    )

    (corpus / "html").mkdir()
    pages = max(50, count // 50)
    for i in range(pages):
        _language, title, text = generator.document()
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
        (corpus / "html" / f"{i:05d}.html").write_text(
            f"<html><head><title>{title}</title><script>var a = {i};</script></head><body>"
            f"<nav><a href='/'>Главная</a> <a href='/news'>Новости</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<div class='share'>Поделиться</div><footer>© Все права защищены</footer></body></html>",
            encoding="utf-8",
        )
    start, cpu = time.perf_counter(), time.process_time()
    job = ingest(collect([corpus / "html"]), IngestJob.objects.create())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"ingest HTML (boilerplate stripping): {job.added} in {elapsed:.1f} s = {job.added / elapsed:.0f} documents/s"
        f" ({job.added / cpu:.0f} per CPU second)"
    )

    from fpdf import FPDF

    (corpus / "pdf").mkdir()
    english = [generator.document() for _ in range(200)]
    english = [d for d in english if d[0] == "en"][: max(20, count // 200)] or english[:20]
    for i, (_language, _title, text) in enumerate(english):
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1"))
        (corpus / "pdf" / f"{i:05d}.pdf").write_bytes(bytes(pdf.output()))
    start, cpu = time.perf_counter(), time.process_time()
    job = ingest(collect([corpus / "pdf"]), IngestJob.objects.create())
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"ingest PDF: {job.added} added, {job.failed} failed in {elapsed:.1f} s = {job.total / elapsed:.0f} files/s"
        f" ({job.total / cpu:.0f} per CPU second)"
    )
    print(f"ingest peak memory (RSS, whole process): {peak_mb():.0f} MB")


# ---- search -----------------------------------------------------------------

QUERY_WORDS_RU = [
    "коррупции",
    "прокурор",
    "активов",
    "делегация",
    "сотрудничества",
    "рекомендаций",
    "обзора",
    "Ташкенте",
    "киберпреступности",
    "экстрадиции",
    "выдаче",
    "меморандум",
    "консультации",
    "закупках",
    "стажерами",
    "Казахстана",
    "Узбекистана",
    "Кыргызстана",
    "Беларуси",
    "Вене",
    "агентство",
    "координаторами",
]
QUERY_WORDS_EN = [
    "review",
    "assets",
    "extradition",
    "delegation",
    "procurement",
    "questionnaires",
    "Vienna",
    "experts",
]


def index_documents(documents: list) -> None:
    """Bulk-create documents with their search rows, as `index_document` writes them one by one."""
    from django.db import transaction

    from accord.documents.models import Document, DocumentSearch, DocumentTerms
    from accord.documents.search.analysis import terms_text
    from accord.documents.search.indexing import facets_of, title_text, write_vectors

    with transaction.atomic():
        Document.objects.bulk_create(documents)
        DocumentSearch.objects.bulk_create(DocumentSearch(document=d, **facets_of(d)) for d in documents)
        DocumentTerms.objects.bulk_create(
            DocumentTerms(
                document_id=d.pk, title_terms=terms_text(title_text(d)), body_terms=terms_text(d.text)
            )
            for d in documents
        )
        write_vectors(documents[0].pk, documents[-1].pk)


def fill(count: int, *, generator=None, first_day: datetime.date = datetime.date(2015, 1, 1)) -> None:
    """`count` synthetic documents published over 4,000 days from `first_day`, bulk-indexed."""
    from django.db import connection
    from synthetic import from_registry

    from accord.documents.models import Document

    generator = generator or from_registry(seed=2)
    rng = random.Random(3)
    batch = 1000
    start = time.perf_counter()
    for offset in range(0, count, batch):
        documents = []
        for i in range(offset, min(count, offset + batch)):
            language, title, text = generator.document()
            documents.append(
                Document(
                    title=title,
                    text=text,
                    language=language,
                    kind=rng.choice(["news", "report", "other"]),
                    published_on=first_day + datetime.timedelta(days=rng.randrange(4000)),
                    confidentiality=rng.choice(["public"] * 8 + ["restricted", "confidential"]),
                    content_hash=f"bench-{i}",
                )
            )
        index_documents(documents)
        if offset and offset % 50_000 == 0:
            print(f"  {offset} documents in {time.perf_counter() - start:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"indexed {count} documents in {time.perf_counter() - start:.0f} s")


def copy_from_sqlite(source: Path, count: int) -> None:
    """PostgreSQL: the documents and terms of the SQLite bench database, vectors computed here (no analysis again)."""
    import sqlite3

    from django.db import connection

    from accord.documents.models import Document

    start = time.perf_counter()
    fields = [f for f in Document._meta.concrete_fields if f.column != "id"]
    # Columns both databases have, defaults for the rest (the bench rows leave them empty).
    lite = sqlite3.connect(source)
    have = {row[1] for row in lite.execute("PRAGMA table_info(documents_document)")}
    columns = ["id"] + [f.column for f in fields if f.column in have]
    with connection.cursor() as cursor:
        for table, cols in (
            ("documents_document", columns),
            (
                "documents_documentsearch",
                [
                    "document_id",
                    "confidentiality",
                    "language",
                    "kind",
                    "published_on",
                    "meeting_id",
                    "publisher_id",
                ],
            ),
            ("documents_documentterms", ["document_id", "title_terms", "body_terms"]),
        ):
            rows = lite.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1")
            with cursor.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            print(f"  copied {table} in {time.perf_counter() - start:.0f} s", flush=True)
        cursor.execute("DROP INDEX IF EXISTS documents_search_vector")
        cursor.execute(
            "UPDATE documents_documentsearch s SET vector = "
            "setweight(to_tsvector('simple', t.title_terms), 'A') || setweight(to_tsvector('simple', t.body_terms), 'B') "
            "FROM documents_documentterms t WHERE t.document_id = s.document_id"
        )
        print(f"  vectors in {time.perf_counter() - start:.0f} s", flush=True)
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("CREATE INDEX documents_search_vector ON documents_documentsearch USING gin (vector)")
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('documents_document', 'id'), max(id)) FROM documents_document"
        )
        cursor.execute("VACUUM ANALYZE")
    print(f"copied {count} documents from {source} in {time.perf_counter() - start:.0f} s")


WORDS = QUERY_WORDS_RU + QUERY_WORDS_EN
PHRASES = [
    '"рабочую встречу"',
    '"возврате активов"',
    '"взаимной правовой помощи"',
    '"противодействия коррупции"',
    '"обмене опытом"',
    '"странового обзора"',
    '"mutual legal assistance"',
    '"technical assistance"',
    '"public procurement"',
]
BOOLEAN = [
    "коррупции OR экстрадиции",
    "прокурор -Казахстана",
    "(делегация OR агентство) сотрудничества",
    "активов NOT меморандум",
    "выдаче AND консультации",
    "extradition OR procurement",
    'review -"country reviews"',
    "(Ташкенте OR Бишкеке) прокурор",
]
PREFIXES = ["корруп*", "прокур*", "экстрад*", "сотруднич*", "делегац*", "рекоменд*", "review*", "assist*"]
KINDS = ("word", "phrase", "boolean", "prefix", "registry")


def registry_queries(limit: int = 12) -> list[str]:
    """Abbreviations of the registry whose expansion into all their names is longest (GRECO and the like)."""
    from accord.documents.search import entities
    from accord.documents.search.query import parse, to_tsquery
    from accord.registry.choices import AliasKind
    from accord.registry.names import name_index

    sized = []
    for alias in name_index().aliases:
        if alias.kind != AliasKind.ABBREVIATION or " " in alias.text:
            continue
        tree = entities.expand(parse(alias.text))
        if tree is not None:
            sized.append((len(to_tsquery(tree)), alias.text))
    return [text for _size, text in sorted(set(sized), reverse=True)[:limit]]


def queries(n: int) -> list[tuple[str, str, dict]]:
    """(kind, text, filters): `n` queries of each kind, a third of them with no filter."""
    rng = random.Random(11)
    pools = {
        "word": WORDS,
        "phrase": PHRASES,
        "boolean": BOOLEAN,
        "prefix": PREFIXES,
        "registry": registry_queries(),
    }
    out = []
    for kind in KINDS:
        for _ in range(n):
            text = rng.choice(pools[kind])
            filters = {}
            roll = rng.random()
            if roll < 0.2:
                filters["language"] = "en" if text.isascii() else "ru"
            elif roll < 0.45:
                year = rng.randint(2015, 2025)
                filters["date_from"], filters["date_to"] = (
                    datetime.date(year, 1, 1),
                    datetime.date(year, 12, 31),
                )
            elif roll < 0.55:
                filters["kind"] = "report"
            out.append((kind, text, filters))
    return out


def filter_sql(filters: dict, alias: str) -> tuple[str, list]:
    """The anonymous reader's visibility and the query's filters, as raw SQL on DocumentSearch."""
    where, params = [f"{alias}.confidentiality = 'public'"], []
    for name, column, op in (
        ("language", "language", "="),
        ("kind", "kind", "="),
        ("date_from", "published_on", ">="),
        ("date_to", "published_on", "<="),
    ):
        if name in filters:
            where.append(f"{alias}.{column} {op} %s")
            params.append(filters[name])
    return " AND ".join(where), params


def raw_fair(engine: str, cursor, tree, filters: dict, k: int = 20) -> None:
    """What Accord does, by hand: visible matches only, count to the threshold, top k by rank, snippets for those k.

    As in Accord, only the newest TOTAL_EXACT_UP_TO matches are ranked when more match.
    """
    from accord.documents.search.engine import RANK_WEIGHTS, TOTAL_EXACT_UP_TO
    from accord.documents.search.query import to_fts5, to_tsquery

    where, params = filter_sql(filters, "s")
    title_weight, body_weight = RANK_WEIGHTS
    if engine == "sqlite":
        match = to_fts5(tree)
        body = (
            "FROM documents_search_fts JOIN documents_documentsearch s ON s.document_id = documents_search_fts.rowid "
            f"WHERE documents_search_fts MATCH %s AND {where}"
        )
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 {body} LIMIT %s)", [match, *params, TOTAL_EXACT_UP_TO + 1]
        )
        (total,) = cursor.fetchone()
        params = [match, *params]
        if total > TOTAL_EXACT_UP_TO:
            cursor.execute(
                f"SELECT documents_search_fts.rowid {body} ORDER BY documents_search_fts.rowid DESC LIMIT 1 OFFSET %s",
                [*params, TOTAL_EXACT_UP_TO - 1],
            )
            (oldest,) = cursor.fetchone()
            body += " AND documents_search_fts.rowid >= %s"
            params.append(oldest)
        cursor.execute(
            f"SELECT s.document_id {body} ORDER BY bm25(documents_search_fts, {title_weight}, {body_weight}) LIMIT %s",
            [*params, k],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            cursor.execute(
                "SELECT rowid, snippet(documents_search_fts, 1, '<b>', '</b>', '…', 20) FROM documents_search_fts "
                f"WHERE documents_search_fts MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [match, *ids],
            )
            cursor.fetchall()
    else:
        query = to_tsquery(tree)
        # As Accord: the newest TOTAL_EXACT_UP_TO matches ranked, all of them when fewer match.
        cursor.execute(
            f"SELECT n.document_id, ts_rank_cd('{{0.1, 0.2, {body_weight / title_weight}, 1.0}}', n.vector, "
            "to_tsquery('simple', %s), 1) AS r, n.matches FROM ("
            "SELECT s.document_id, s.vector, count(*) OVER () AS matches FROM documents_documentsearch s "
            f"WHERE s.vector @@ to_tsquery('simple', %s) AND {where} ORDER BY s.document_id + 0 DESC LIMIT %s"
            ") n ORDER BY r DESC LIMIT %s",
            [query, query, *params, TOTAL_EXACT_UP_TO, k],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            cursor.execute(
                "SELECT d.id, ts_headline('simple', d.text, to_tsquery('simple', %s)) FROM documents_document d WHERE d.id = ANY(%s)",
                [query, ids],
            )
            cursor.fetchall()


def raw_full(engine: str, cursor, tree, k: int = 20) -> None:
    """The naive raw engine: every match ranked, and on SQLite a snippet built for every match, no filters."""
    from accord.documents.search.query import to_fts5, to_tsquery

    if engine == "sqlite":
        cursor.execute(
            "SELECT rowid, bm25(documents_search_fts), snippet(documents_search_fts, 1, '<b>', '</b>', '…', 20) "
            "FROM documents_search_fts WHERE documents_search_fts MATCH %s ORDER BY 2 LIMIT %s",
            [to_fts5(tree), k],
        )
    else:
        cursor.execute(
            "SELECT d.id, ts_rank_cd(s.vector, q) AS r, ts_headline('simple', d.text, q) "
            "FROM documents_documentsearch s JOIN documents_document d ON d.id = s.document_id, "
            "to_tsquery('simple', %s) q WHERE s.vector @@ q ORDER BY r DESC LIMIT %s",
            [to_tsquery(tree), k],
        )
    cursor.fetchall()


def tree_json(node):
    """A compiled query tree as plain data, for engines outside Django (bench/tantivy_probe.py)."""
    from accord.documents.search.query import And, Not, Phrase, Term

    if isinstance(node, Term):
        return ["prefix" if node.prefix else "term", node.value]
    if isinstance(node, Phrase):
        return ["phrase", list(node.terms)]
    if isinstance(node, Not):
        return ["not", tree_json(node.child)]
    return ["and" if isinstance(node, And) else "or", [tree_json(c) for c in node.children]]


def dump_workload(workload: list, path: Path) -> None:
    import json

    from accord.documents.search import entities
    from accord.documents.search.engine import prune
    from accord.documents.search.query import parse

    rows = [
        {
            "kind": kind,
            "text": text,
            "tree": tree_json(prune(entities.expand(parse(text)))),
            "filters": {k: str(v) for k, v in filters.items()},
        }
        for kind, text, filters in workload
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"workload written to {path}")


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return (time.perf_counter() - start) * 1000


def bench_search(
    engine: str,
    count: int,
    n_queries: int,
    n_raw: int,
    reuse: bool,
    dump: Path | None = None,
    rum: bool = False,
) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from accord.documents.models import Document
    from accord.documents.search import entities
    from accord.documents.search.engine import prune, search
    from accord.documents.search.query import parse

    present = Document.objects.count()
    if reuse and present == count:
        print(f"reusing the {count} documents already indexed")
    elif engine == "postgres" and reuse and (source := sqlite_path(count)).exists():
        copy_from_sqlite(source, count)
    else:
        fill(count)
    workload = queries(n_queries)
    if dump:
        dump_workload(workload, dump)
    for _kind, text, filters in workload[
        :: max(1, len(workload) // 20)
    ]:  # warm caches (gazetteer, lemmas, pages)
        search(AnonymousUser(), text, filters=filters)
    accord: dict[str, list[float]] = {kind: [] for kind in KINDS}
    fair: dict[str, list[float]] = {kind: [] for kind in KINDS}
    full: dict[str, list[float]] = {kind: [] for kind in KINDS}
    totals: dict[str, list[int]] = {kind: [] for kind in KINDS}
    done: dict[str, int] = {kind: 0 for kind in KINDS}
    with connection.cursor() as cursor:
        for kind, text, filters in workload:
            start = time.perf_counter()
            result = search(AnonymousUser(), text, filters=filters)
            accord[kind].append((time.perf_counter() - start) * 1000)
            totals[kind].append(result.total)
            # The raw engines get the query Accord compiled (names expanded into their aliases).
            tree = prune(entities.expand(parse(text)))
            with gin_only(engine, cursor):
                fair[kind].append(timed(raw_fair, engine, cursor, tree, filters))
                if done[kind] < n_raw:
                    full[kind].append(timed(raw_full, engine, cursor, tree))
                    done[kind] += 1
    for kind in KINDS:
        print(
            f"{engine} {count} docs {kind:8}  Accord {percentiles(accord[kind])}"
            f" | fair raw {percentiles(fair[kind])} | full raw {percentiles(full[kind])} ({len(full[kind])} q)"
            f" | Accord/fair p50 {statistics.median(accord[kind]) / statistics.median(fair[kind]):.2f}"
            f" p95 {p95(accord[kind]) / p95(fair[kind]):.2f}"
            f" | median total {statistics.median(totals[kind]):.0f}"
        )
    everything = [t for kind in KINDS for t in accord[kind]]
    print(f"{engine} {count} docs all kinds   Accord {percentiles(everything)}")
    if rum and engine == "postgres":
        bench_rum(count, workload)
    print(f"{engine} search peak memory (RSS): {peak_mb():.0f} MB")


def bench_rum(count: int, workload: list) -> None:
    """PostgreSQL's RUM index (Debian's postgresql-NN-rum), built for this run and dropped after it.

    RUM keeps positions in the index and returns rows in rank order
    (`ORDER BY vector <=> query`), so the top k needs no read of any row's
    vector; its rank is RUM's own (close to ts_rank, no weights), not Accord's.
    Visibility and filters are tested on the rows as they come.
    """
    from django.db import connection

    from accord.documents.search import entities
    from accord.documents.search.engine import TOTAL_EXACT_UP_TO, prune
    from accord.documents.search.query import parse, to_tsquery

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if not cursor.fetchone():
            print("postgres: no RUM extension on this server (apt-get install postgresql-15-rum): skipped")
            return
        start = time.perf_counter()
        cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS bench_search_rum ON documents_documentsearch USING rum (vector rum_tsvector_ops)"
        )
        print(f"postgres {count} docs: RUM index built in {time.perf_counter() - start:.0f} s")
        timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
        try:
            for kind, text, filters in workload:
                query = to_tsquery(prune(entities.expand(parse(text))))
                where, params = filter_sql(filters, "s")
                started = time.perf_counter()
                with gin_only("postgres", cursor):
                    cursor.execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM documents_documentsearch s "
                        f"WHERE s.vector @@ to_tsquery('simple', %s) AND {where} LIMIT %s) AS m",
                        [query, *params, TOTAL_EXACT_UP_TO + 1],
                    )
                    cursor.execute(
                        f"SELECT s.document_id FROM documents_documentsearch s WHERE s.vector @@ to_tsquery('simple', %s) "
                        f"AND {where} ORDER BY s.vector <=> to_tsquery('simple', %s) LIMIT 20",
                        [query, *params, query],
                    )
                    ids = [row[0] for row in cursor.fetchall()]
                    if ids:
                        cursor.execute(
                            "SELECT d.id, ts_headline('simple', d.text, to_tsquery('simple', %s)) "
                            "FROM documents_document d WHERE d.id = ANY(%s)",
                            [query, ids],
                        )
                        cursor.fetchall()
                timings[kind].append((time.perf_counter() - started) * 1000)
        finally:
            cursor.execute("DROP INDEX IF EXISTS bench_search_rum")
    for kind in KINDS:
        print(
            f"postgres {count} docs {kind:8}  raw RUM top 20 + count + headlines {percentiles(timings[kind])}"
        )


@contextmanager
def gin_only(engine: str, cursor):
    """PostgreSQL's raw queries get what Accord's get: sequential scans off (see accord.documents.search.engine)."""
    if engine != "postgres":
        yield
        return
    cursor.execute("BEGIN")
    cursor.execute("SET LOCAL enable_seqscan = off")
    try:
        yield
    finally:
        cursor.execute("COMMIT")


def sqlite_path(count: int) -> Path:
    return DATA_DIR / f"search-{count}.sqlite3"


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
        return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["all", "ingest", "search"], default="all")
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--ingest", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="queries of each kind")
    parser.add_argument(
        "--raw-queries",
        type=int,
        default=None,
        help="how many queries of each kind the full-ranking raw engine runs (default: all)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"search: keep the database of that size in {DATA_DIR} (built once, then reused)",
    )
    parser.add_argument(
        "--rum",
        action="store_true",
        help="postgres: also time the raw queries on a RUM index (built, then dropped)",
    )
    parser.add_argument(
        "--dump-workload", type=Path, default=None, help="search: also write the compiled queries as JSON"
    )
    args = parser.parse_args()

    if args.engine is None:
        # One process per part and engine: Django's settings are fixed at startup.
        me = [sys.executable, __file__, "--queries", str(args.queries)]
        if args.raw_queries is not None:
            me += ["--raw-queries", str(args.raw_queries)]
        if args.reuse:
            me.append("--reuse")
        if args.rum:
            me.append("--rum")
        if args.part in ("all", "ingest"):
            subprocess.run(
                [*me, "--part", "ingest", "--engine", "sqlite", "--ingest", str(args.ingest)], check=True
            )
        if args.part in ("all", "search"):
            engines = ["sqlite"] + (["postgres"] if postgres_available() else [])
            if "postgres" not in engines:
                print(f"PostgreSQL does not answer at {PG_ADMIN}: its search figures are skipped")
            for engine in engines:
                subprocess.run(
                    [*me, "--part", "search", "--engine", engine, "--documents", str(args.documents)],
                    check=True,
                )
        return

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    reuse = args.reuse and args.part == "search"
    if args.engine == "sqlite":
        if reuse:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            path = sqlite_path(args.documents)
        else:
            path = BENCH_DIR / f"{args.part}.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        name = f"accord_bench_{args.documents}" if reuse else "accord_bench"
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (reuse and exists):
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {name}")
        url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    setup(url)
    if args.part == "ingest":
        print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench_ingest(args.ingest)
        print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    else:
        print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench_search(
            args.engine,
            args.documents,
            args.queries,
            args.raw_queries or args.queries,
            reuse,
            args.dump_workload,
            args.rum,
        )
        print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
