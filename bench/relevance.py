"""Relevance benchmark: recall@10 and nDCG@10 of document search, from the shared corpus's gold annotations.

    python bench/relevance.py                          # 10,000 and 100,000 distractors, SQLite
    python bench/relevance.py --distractors 10000 100000 1000000 --reuse
    DATABASE_URL=... is not read: --engine postgres builds accord_relevance_N on the local server

Every person and organization named in the gold annotations of
`../shared/corpus/dev`, `dev2` and `factru` (its `dev` and `test`) becomes a
query: its name as annotated (Accord expands the names the registry knows
into their other forms). The documents relevant to it are the corpus texts
whose gold names it (any of the annotated forms of an organization). The
texts are read from the corpus at run time and never copied into the
project; they are indexed first, dated before every distractor, and then
N synthetic distractors are added (bench/synthetic.py), dated after them, so
a newest-first order would bury them. The distractors are written without
the organizations and persons the queries ask for, so that every document
that names a query's entity is judged.

Binary gains; recall@10 is the share of a query's relevant texts in its
first ten results, nDCG@10 the usual log2 discount over the ideal order.
The databases are kept in /work/benchdata (ACCORD_BENCH_DATA) and reused
with --reuse. Nothing is asserted; the figures are printed with the load average.
"""

import argparse
import datetime
import json
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("ACCORD_CORPUS", ROOT.parent / "shared" / "corpus"))
SETS = ("dev", "dev2", "factru/dev", "factru/test")
CORPUS_DAYS_END = datetime.date(2025, 12, 31)  # the corpus texts are dated up to here, distractors after


@dataclass
class Text:
    name: str
    text: str
    published: datetime.date | None
    persons: list[str]
    organizations: list[list[str]]


@dataclass
class Query:
    kind: str  # "person" or "organization"
    text: str
    relevant: set[str] = field(default_factory=set)  # names of corpus texts


def read_corpus() -> list[Text]:
    texts = []
    for subset in SETS:
        folder = CORPUS / subset
        for gold_path in sorted(folder.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
            if not text_path.exists():
                continue
            published = gold.get("published")
            texts.append(
                Text(
                    name=f"{subset}/{text_path.stem}",
                    text=text_path.read_text(encoding="utf-8"),
                    published=datetime.date.fromisoformat(published) if published else None,
                    persons=[p["name"] for p in gold.get("persons", []) if p.get("name")],
                    organizations=[
                        [o] if isinstance(o, str) else [form for form in o if form]
                        for o in gold.get("organizations", [])
                    ],
                )
            )
    return texts


def normal(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def build_queries(texts: list[Text]) -> list[Query]:
    """One query per entity: persons by their full name, organizations by their forms (merged when two share one)."""
    persons: dict[str, Query] = {}
    for t in texts:
        for name in t.persons:
            persons.setdefault(normal(name), Query("person", name)).relevant.add(t.name)
    # Organizations: forms that any text gives together belong to one entity.
    owner: dict[str, int] = {}
    groups: list[tuple[Query, set[str]]] = []
    for t in texts:
        for forms in t.organizations:
            keys = {normal(f) for f in forms}
            found = {owner[k] for k in keys if k in owner}
            if found:
                index = min(found)
                query, known = groups[index]
                for other in found - {index}:
                    query.relevant |= groups[other][0].relevant
                    known |= groups[other][1]
                    groups[other] = (Query("merged", ""), set())
            else:
                index = len(groups)
                groups.append((Query("organization", forms[0]), set()))
                query, known = groups[index]
            known |= keys
            for k in known:
                owner[k] = index
            query.relevant.add(t.name)
    organizations = [q for q, _forms in groups if q.kind == "organization"]
    return list(persons.values()) + organizations


def distractor_generator(queries: list[Query]):
    """bench/synthetic.py's generator, without the registry organizations and the persons the queries name."""
    from synthetic import FAMILY, GIVEN, Generator, from_registry

    from accord.documents.search.analysis import terms
    from accord.registry.models import Organization

    asked = {tuple(terms(q.text)) for q in queries}
    full = from_registry(seed=5)
    keep_gen, keep_en = [], []
    for organization in Organization.objects.exclude(name_en="").filter(
        kind__in=["igo", "body", "national_authority"]
    ):
        names = [
            organization.name_ru,
            organization.name_en,
            *organization.aliases.values_list("text", flat=True),
        ]
        if not any(tuple(terms(n)) in asked for n in names if n):
            keep_gen.append(organization.name_ru)
            keep_en.append(organization.name_en)
    from accord.core.morphology import inflect_phrase

    orgs_gen = [inflect_phrase(n, "gent") or n for n in keep_gen]
    print(
        f"distractors name {len(keep_gen)} registry organizations (of {len(full.orgs_gen)}); the others are asked for"
    )
    generator = Generator(full.states_gen, full.states_en, orgs_gen, keep_en, seed=5)
    # A query that a made-up person's name answers too («Смирнов» in «Алексей Смирнов») is left out.
    people = [tuple(terms(f"{g} {f}")) for g in GIVEN for f in FAMILY]

    def within(query: tuple, name: tuple) -> bool:
        return any(name[i : i + len(query)] == query for i in range(len(name) - len(query) + 1))

    clash = {query for query in asked if any(within(query, name) for name in people)}
    if clash:
        print(f"queries that the distractors' made-up persons would answer too, left out: {len(clash)}")
    return generator, clash


def index_corpus(texts: list[Text]) -> dict[str, int]:
    """The corpus texts as public documents, before any distractor; their ids by text name."""
    from search import index_documents

    from accord.documents.models import Document

    documents = []
    for i, t in enumerate(texts):
        cyrillic = sum("а" <= c.lower() <= "я" for c in t.text[:500])
        first_line = t.text.strip().split("\n", 1)[0]
        documents.append(
            Document(
                title=first_line[:150],
                text=t.text,
                language="ru" if cyrillic > 50 else "en",
                kind="news",
                published_on=min(t.published or CORPUS_DAYS_END, CORPUS_DAYS_END),
                confidentiality="public",
                content_hash=f"corpus-{i}",
            )
        )
    index_documents(documents)
    return {t.name: d.pk for t, d in zip(texts, documents, strict=True)}


def indexed_corpus(texts: list[Text]) -> dict[str, int]:
    """The ids of the corpus texts already in the database, in the order they were indexed."""
    from accord.documents.models import Document

    ids = (
        Document.objects.filter(content_hash__startswith="corpus-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return dict(zip([t.name for t in texts], ids, strict=True))


def ndcg_at_10(ranked: list[int], relevant: set[int]) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranked[:10]) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal if ideal else 0.0


def run(engine: str, distractors: int, reuse: bool) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import search as bench

    name = f"relevance-{distractors}"
    if engine == "sqlite":
        bench.DATA_DIR.mkdir(parents=True, exist_ok=True)
        path = bench.DATA_DIR / f"{name}.sqlite3"
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        db = f"accord_{name.replace('-', '_')}"
        with psycopg.connect(bench.PG_ADMIN, autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
            if not (reuse and exists):
                admin.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {db}")
        url = bench.PG_ADMIN.rsplit("/", 1)[0] + "/" + db
    bench.setup(url)
    from django.contrib.auth.models import AnonymousUser

    from accord.documents.models import Document
    from accord.documents.search.engine import search

    texts = read_corpus()
    queries = build_queries(texts)
    generator, clash = distractor_generator(queries)
    if Document.objects.filter(content_hash__startswith="corpus-").exists():
        ids = indexed_corpus(texts)
        print(f"reusing {Document.objects.count()} documents")
    elif engine == "postgres" and (source := bench.DATA_DIR / f"{name}.sqlite3").exists():
        # The SQLite database of the same size, copied: the same documents and terms, no analysis again.
        bench.copy_from_sqlite(source, distractors)
        ids = indexed_corpus(texts)
    else:
        ids = index_corpus(texts)
        bench.fill(distractors, generator=generator, first_day=CORPUS_DAYS_END + datetime.timedelta(days=1))
    from accord.documents.search.analysis import terms

    queries = [q for q in queries if tuple(terms(q.text)) not in clash]
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    scores: dict[str, list[tuple[float, float]]] = {"person": [], "organization": []}
    timings = []
    for query in queries:
        relevant = {ids[n] for n in query.relevant}
        start = time.perf_counter()
        result = search(AnonymousUser(), query.text, per_page=10)
        timings.append((time.perf_counter() - start) * 1000)
        ranked = [hit.document.pk for hit in result.hits]
        recall = len(relevant & set(ranked[:10])) / len(relevant)
        scores[query.kind].append((recall, ndcg_at_10(ranked, relevant)))
    every = scores["person"] + scores["organization"]
    for label, rows in (
        ("persons", scores["person"]),
        ("organizations", scores["organization"]),
        ("all", every),
    ):
        if rows:
            print(
                f"{engine} {len(texts)} corpus texts + {distractors} distractors, {label:13} ({len(rows):4} queries):"
                f" recall@10 {statistics.mean(r for r, _ in rows):.3f}  nDCG@10 {statistics.mean(n for _, n in rows):.3f}"
            )
    print(f"{engine} query time: {bench.percentiles(timings)}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--distractors", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reuse", action="store_true", help="keep each database and reuse it next time")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"No corpus at {CORPUS} (set ACCORD_CORPUS)")
    if len(args.distractors) > 1:
        # One process per database: Django's settings are fixed at startup.
        for count in args.distractors:
            command = [sys.executable, __file__, "--engine", args.engine, "--distractors", str(count)]
            subprocess.run(command + (["--reuse"] if args.reuse else []), check=True)
        return
    run(args.engine, args.distractors[0], args.reuse)


if __name__ == "__main__":
    main()
