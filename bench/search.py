"""Ingestion and search benchmarks (`make bench`): throughput, latency, memory.

    python bench/search.py                      # both parts, SQLite, and PostgreSQL when it answers
    python bench/search.py --part ingest --ingest 10000
    python bench/search.py --part search --documents 100000 --engine sqlite

Ingestion: synthetic ~3 KB text files through the real pipeline (`accord
ingest`), then HTML pages (boilerplate stripping) and PDFs separately.
Search: N synthetic documents bulk-indexed, 200 queries of one to three words
with filters through Accord's `search()`, beside the raw engine (FTS5 bm25 +
snippet; PostgreSQL's naive rank-everything + ts_headline) in the same run.
The load average is printed before and after each part (the machine is
shared); `--raw-queries N` lets the raw engine run only the first N queries
(the naive PostgreSQL query takes seconds each at 1,000,000 documents).
Nothing is asserted; the figures are printed.
"""

import argparse
import datetime
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
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


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    return f"p50 {statistics.median(samples):7.1f} ms  p95 {p95:7.1f} ms"


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


def fill(count: int) -> None:
    from django.db import connection, transaction
    from synthetic import from_registry

    from accord.documents.models import Document, DocumentSearch, DocumentTerms
    from accord.documents.search.analysis import terms_text
    from accord.documents.search.indexing import facets_of, title_text, write_vectors

    generator = from_registry(seed=2)
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
                    published_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000)),
                    confidentiality=rng.choice(["public"] * 8 + ["restricted", "confidential"]),
                    content_hash=f"bench-{i}",
                )
            )
        with transaction.atomic():
            Document.objects.bulk_create(documents)
            DocumentSearch.objects.bulk_create(DocumentSearch(document=d, **facets_of(d)) for d in documents)
            terms = [(d.pk, terms_text(title_text(d)), terms_text(d.text)) for d in documents]
            DocumentTerms.objects.bulk_create(
                DocumentTerms(document_id=pk, title_terms=title, body_terms=body) for pk, title, body in terms
            )
            write_vectors(documents[0].pk, documents[-1].pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"indexed {count} documents in {time.perf_counter() - start:.0f} s")


def queries(n: int) -> list[tuple[str, dict]]:
    rng = random.Random(11)
    out = []
    for _ in range(n):
        pool = QUERY_WORDS_EN if rng.random() < 0.2 else QUERY_WORDS_RU
        text = " ".join(rng.sample(pool, rng.randint(1, 3)))
        filters = {}
        roll = rng.random()
        if roll < 0.3:
            filters["language"] = "en" if pool is QUERY_WORDS_EN else "ru"
        elif roll < 0.6:
            year = rng.randint(2015, 2025)
            filters["date_from"], filters["date_to"] = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        elif roll < 0.7:
            filters["kind"] = "report"
        out.append((text, filters))
    return out


def bench_search(engine: str, count: int, n_queries: int, n_raw: int) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from accord.documents.search.engine import search
    from accord.documents.search.query import parse, to_fts5, to_tsquery

    fill(count)
    workload = queries(n_queries)
    for text, filters in workload[:10]:  # warm caches (gazetteer, lemmas)
        search(AnonymousUser(), text, filters=filters)
    timings = []
    totals = []
    for text, filters in workload:
        start = time.perf_counter()
        result = search(AnonymousUser(), text, filters=filters)
        timings.append((time.perf_counter() - start) * 1000)
        totals.append(result.total)
    print(
        f"{engine} {count} docs, Accord search(): {percentiles(timings)}  (median hits {statistics.median(totals):.0f})"
    )

    raw = []
    with connection.cursor() as cursor:
        for text, _filters in workload[:n_raw]:
            tree = parse(text)
            start = time.perf_counter()
            if engine == "sqlite":
                cursor.execute(
                    "SELECT rowid, bm25(documents_search_fts), snippet(documents_search_fts, 1, '<b>', '</b>', '…', 20) "
                    "FROM documents_search_fts WHERE documents_search_fts MATCH %s ORDER BY 2 LIMIT 20",
                    [to_fts5(tree)],
                )
            else:
                cursor.execute(
                    "SELECT d.id, ts_rank_cd(s.vector, q) AS r, ts_headline('simple', d.text, q) "
                    "FROM documents_documentsearch s JOIN documents_document d ON d.id = s.document_id, "
                    "to_tsquery('simple', %s) q WHERE s.vector @@ q ORDER BY r DESC LIMIT 20",
                    [to_tsquery(tree)],
                )
            cursor.fetchall()
            raw.append((time.perf_counter() - start) * 1000)
    label = "raw FTS5 bm25+snippet" if engine == "sqlite" else "raw naive rank-all+headline"
    print(f"{engine} {count} docs, {label}: {percentiles(raw)}  ({len(raw)} queries)")
    print(f"{engine} search peak memory (RSS): {peak_mb():.0f} MB")


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
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--raw-queries",
        type=int,
        default=None,
        help="how many of the queries the raw engine runs (default: all)",
    )
    args = parser.parse_args()

    if args.engine is None:
        # One process per part and engine: Django's settings are fixed at startup.
        me = [sys.executable, __file__, "--queries", str(args.queries)]
        if args.raw_queries is not None:
            me += ["--raw-queries", str(args.raw_queries)]
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
    if args.engine == "sqlite":
        path = BENCH_DIR / f"{args.part}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS accord_bench WITH (FORCE)")
            admin.execute("CREATE DATABASE accord_bench")
        url = PG_ADMIN.rsplit("/", 1)[0] + "/accord_bench"
    setup(url)
    if args.part == "ingest":
        print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench_ingest(args.ingest)
        print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    else:
        print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench_search(args.engine, args.documents, args.queries, args.raw_queries or args.queries)
        print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
