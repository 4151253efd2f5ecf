"""Probe: the search workload of bench/search.py on Tantivy (block-max WAND top-k), for the engine decision of issue 21.

Not part of Accord's runtime: Tantivy is pinned in the bench lock only (`make bench`
installs it). It runs on a SQLite bench database that
bench/search.py built (`--reuse`), and on the queries that bench/search.py
compiled (`--dump-workload`), so the terms, weights and filters are Accord's:

    python bench/search.py --part search --engine sqlite --documents 100000 --reuse --dump-workload /work/benchdata/workload.json
    /path/to/venv/bin/python bench/tantivy_probe.py /work/benchdata/search-100000.sqlite3 /work/benchdata/workload.json [COPIES]

COPIES > 1 indexes the database's documents that many times under new ids
(10 copies of 100,000: a 1,000,000-document archive of the same kind,
where building the SQLite database itself would take hours here).

The index holds the stored terms (DocumentTerms), title boosted 4, with the
filter columns as exact fields; filters and visibility (public only, the
anonymous reader) are non-scoring clauses of the query, so the index never
returns what the reader may not see. It times the top 20 alone (WAND
applies), and the exact count separately. Snippets are not included.
"""

import datetime
import json
import math
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import tantivy

TITLE_WEIGHT = 4.0
EPOCH = datetime.date(1970, 1, 1)


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="position")
    for name in ("confidentiality", "language", "kind"):
        builder.add_text_field(name, tokenizer_name="raw")
    builder.add_integer_field("day", indexed=True, fast=True)
    return builder.build()


def build(database: Path, folder: Path, copies: int = 1) -> tantivy.Index:
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "meta.json").exists():
        return tantivy.Index.open(str(folder))
    index = tantivy.Index(schema(), path=str(folder))
    writer = index.writer(heap_size=300_000_000, num_threads=1)
    start = time.perf_counter()

    def rows():
        # Each copy of the database's documents under ids of its own: a larger archive of the same kind.
        for copy in range(copies):
            for pk, *rest in sqlite3.connect(database).execute(
                "SELECT s.document_id, s.confidentiality, s.language, s.kind, s.published_on, t.title_terms, t.body_terms "
                "FROM documents_documentsearch s JOIN documents_documentterms t ON t.document_id = s.document_id"
            ):
                yield (copy * 10_000_000 + pk, *rest)

    for n, (pk, confidentiality, language, kind, published, title, body) in enumerate(rows(), 1):
        day = (datetime.date.fromisoformat(published) - EPOCH).days if published else 0
        writer.add_document(
            tantivy.Document(
                id=pk,
                title=title,
                body=body,
                confidentiality=confidentiality,
                language=language,
                kind=kind,
                day=day,
            )
        )
        if n % 100_000 == 0:
            print(f"  {n} documents in {time.perf_counter() - start:.0f} s", flush=True)
    writer.commit()
    writer.wait_merging_threads()
    print(f"indexed in {time.perf_counter() - start:.0f} s")
    return tantivy.Index.open(str(folder))


def compile_tree(index: tantivy.Index, node) -> tantivy.Query:
    kind, value = node
    s = index.schema
    if kind in ("term", "prefix", "phrase"):
        per_field = []
        for field, weight in (("title", TITLE_WEIGHT), ("body", 1.0)):
            if kind == "term":
                q = tantivy.Query.term_query(s, field, value)
            elif kind == "prefix":
                q = tantivy.Query.regex_query(s, field, re.escape(value) + ".*")
            else:
                q = tantivy.Query.phrase_query(s, field, value)
            per_field.append(
                (tantivy.Occur.Should, tantivy.Query.boost_query(q, weight) if weight != 1 else q)
            )
        return tantivy.Query.boolean_query(per_field)
    if kind == "or":
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, compile_tree(index, c)) for c in value])
    if kind == "and":
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.MustNot, compile_tree(index, c[1]))
                if c[0] == "not"
                else (tantivy.Occur.Must, compile_tree(index, c))
                for c in value
            ]
        )
    raise ValueError(node)


def with_filters(index: tantivy.Index, query: tantivy.Query, filters: dict) -> tantivy.Query:
    s = index.schema
    clauses = [(tantivy.Occur.Must, query)]
    exact = {"confidentiality": "public", **{k: filters[k] for k in ("language", "kind") if k in filters}}
    for field, value in exact.items():
        clauses.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.const_score_query(tantivy.Query.term_query(s, field, value), 0.0),
            )
        )
    if "date_from" in filters:
        low = (datetime.date.fromisoformat(filters["date_from"]) - EPOCH).days
        high = (datetime.date.fromisoformat(filters["date_to"]) - EPOCH).days
        rng = tantivy.Query.range_query(s, "day", tantivy.FieldType.Integer, low, high)
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(rng, 0.0)))
    return tantivy.Query.boolean_query(clauses)


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, math.ceil(len(samples) * 0.95) - 1)]


def main() -> None:
    database, workload = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    copies = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    folder = database.with_suffix(".tantivy" if copies == 1 else f".x{copies}.tantivy")
    index = build(database, folder, copies)
    index.reload()
    searcher = index.searcher()
    print(f"{searcher.num_docs} documents; load average {Path('/proc/loadavg').read_text().split()[:3]}")
    top: dict[str, list[float]] = {}
    both: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}
    for row in workload[:: max(1, len(workload) // 20)]:
        searcher.search(with_filters(index, compile_tree(index, row["tree"]), row["filters"]), 20)
    for row in workload:
        query = with_filters(index, compile_tree(index, row["tree"]), row["filters"])
        start = time.perf_counter()
        searcher.search(query, 20, count=False)
        middle = time.perf_counter()
        result = searcher.search(query, 1, count=True)  # a limit of 0 is refused
        end = time.perf_counter()
        top.setdefault(row["kind"], []).append((middle - start) * 1000)
        both.setdefault(row["kind"], []).append((end - start) * 1000)
        counts.setdefault(row["kind"], []).append(result.count)
    for kind in top:
        print(
            f"tantivy {searcher.num_docs} docs {kind:8}  top 20: p50 {statistics.median(top[kind]):6.1f} ms p95 {p95(top[kind]):6.1f} ms"
            f" | top 20 + exact count: p50 {statistics.median(both[kind]):6.1f} ms p95 {p95(both[kind]):6.1f} ms"
            f" | median count {statistics.median(counts[kind]):.0f}"
        )
    print(f"load average after: {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
