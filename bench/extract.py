"""Extraction benchmark (issues 6 and 18, `make bench`): scores beside plain Natasha, throughput, memory.

    python bench/extract.py                       # dev, dev2, factru/dev, factru/test of ../shared/corpus
    python bench/extract.py --sets dev,dev2 --rounds 1

Scores. Accord is run through this checkout's CLI, `python manage.py extract
FILE... --format json`, in a subprocess on a throw-away SQLite database
(var/bench/extract.sqlite3, migrated and loaded with the reference data), once
per set over its *.txt; the output is scored by the shared scorer
(`python3 score.py PRED.json GOLD_DIR`), on every field for dev/ and dev2/ and
on persons and organizations for factRuEval (factru/dev, factru/test). The
anchor, plain Natasha, is the shared `natasha_baseline.py` run from where it
is on the same files and scored the same way. Both tables are printed side by
side, with the targets: on dev/ and dev2/ mean F1 >= 0.85, no field below
0.70, at least twice the anchor's mean; on factRuEval test persons >= 0.86 and
organizations >= 0.72, and both above the anchor. Each whole run is timed too
(documents per second, model loading included) with the ratio Accord / Natasha.

Throughput, in this process, pinned to one core with BLAS on one thread:
the same functions the command calls (the file's bytes through the ingest
loader, then `extract()` with the gazetteer snapshot), beside plain Natasha's
own work on the same texts (segment, morphology tagging, NER, span
normalization). Models are loaded and warmed on a sentence of our own first
and that time is reported apart. Each round times both pipelines over every
text, alternating which goes first; the first round is reported alone (word
caches cold for these texts) and the later ones by their median (caches
warm). Rates are documents and characters per CPU second of this process,
wall time beside them; the target is Accord >= 0.7x Natasha. Peak memory is
the RSS of the CLI subprocess (`ru_maxrss` of the child: the Accord pipeline as
users run it; target <= 1 GB) and of this process (both pipelines' models loaded).

Without the corpus the scores are skipped with a message and throughput is
measured on synthetic texts (bench/synthetic.py). Nothing is asserted.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DEFAULT_CORPUS = Path(os.environ.get("ACCORD_CORPUS", ROOT.parent / "shared" / "corpus"))
#: The sets scored, each with the fields its gold annotates (factRuEval: persons and organizations).
SETS = {
    "dev": None,
    "dev2": None,
    "factru/dev": ("persons", "organizations"),
    "factru/test": ("persons", "organizations"),
}
FIELDS = (
    "states",
    "persons",
    "posts",
    "organizations",
    "places",
    "events",
    "symbols",
    "mandates",
    "published",
)
TARGET_MEAN, TARGET_FIELD, TARGET_ANCHOR, TARGET_SPEED, TARGET_MB = 0.85, 0.70, 2.0, 0.7, 1024
#: factRuEval (issue 18), measured on its test set: entity-level F1 per field, above plain Natasha.
TARGET_FACTRU = {"persons": 0.86, "organizations": 0.72}
WARM_UP = (
    "Генеральный прокурор Российской Федерации Степан Петров 3 марта 2024 года провёл в Ташкенте "
    "рабочую встречу с делегацией Республики Узбекистан и обсудил выполнение резолюции 9/1."
)


def pin_one_core() -> str:
    """This process and its children on one core, BLAS (numpy under Natasha's taggers) on one thread.

    Run before numpy is imported: OpenBLAS reads its thread count when it loads.
    """
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    except (AttributeError, OSError) as exc:
        return f"not pinned ({exc})"


def setup() -> str:
    """Django on a fresh SQLite database, migrated and loaded with the reference data."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / "extract.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    sys.path.insert(0, str(ROOT / "bench"))
    from search import setup as setup_django  # one way to stand Django up for every benchmark

    setup_django(url)
    return url


def run_measured(command: list[str], output: Path, env: dict | None = None) -> tuple[float, float, int]:
    """Run a command with stdout to a file: (wall seconds, peak RSS in MB of that process, exit code)."""
    start = time.perf_counter()
    with output.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, env=env)
        stderr = process.stderr.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


def score(corpus: Path, predictions: Path, gold: Path, fields: tuple[str, ...] | None = None) -> dict:
    python = shutil.which("python3") or sys.executable
    only = [f"--fields={','.join(fields)}"] if fields else []
    done = subprocess.run(
        [python, str(corpus / "score.py"), str(predictions), str(gold), "--json", *only],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def print_scores(
    name: str, files: list[Path], chars: int, accord: dict, anchor: dict, fields: tuple[str, ...] | None
) -> list[str]:
    """Both tables side by side; returns the targets this set misses."""
    shown = fields or FIELDS
    print(f"\n== {name}/: {len(files)} texts, {chars:,} characters")
    print(f"{'field':<14} {'Accord P':>9} {'R':>6} {'F1':>6}   {'Natasha F1':>10}")
    for field in shown:
        a, n = accord["fields"][field], anchor["fields"][field]
        low = "  < 0.70" if a["f"] < TARGET_FIELD else ""
        print(f"{field:<14} {a['p']:9.3f} {a['r']:6.3f} {a['f']:6.3f}   {n['f']:10.3f}{low}")
    mean, base = accord["mean_f1"], anchor["mean_f1"]
    print(f"{'mean F1':<14} {'':>9} {'':>6} {mean:6.3f}   {base:10.3f}")
    if fields:  # factRuEval: each field against its target and the anchor (measured on test)
        checks = [
            (
                f"{field} >= {TARGET_FACTRU[field]} and above Natasha",
                accord["fields"][field]["f"] >= TARGET_FACTRU[field]
                and accord["fields"][field]["f"] > anchor["fields"][field]["f"],
                f"{accord['fields'][field]['f']:.3f} vs {anchor['fields'][field]['f']:.3f}",
            )
            for field in fields
            if field in TARGET_FACTRU
        ]
        print("targets: " + "; ".join(f"{label}: {verdict(ok)} ({value})" for label, ok, value in checks))
        return [
            f"{name}: {label} ({value})" for label, ok, value in checks if not ok and name.endswith("test")
        ]
    weak = [f"{f} {accord['fields'][f]['f']:.3f}" for f in FIELDS if accord["fields"][f]["f"] < TARGET_FIELD]
    checks = [
        (f"mean F1 >= {TARGET_MEAN}", mean >= TARGET_MEAN, f"{mean:.3f}"),
        (
            f"no field below {TARGET_FIELD}",
            not weak,
            ", ".join(weak) or "lowest " + f"{min(accord['fields'][f]['f'] for f in FIELDS):.3f}",
        ),
        (
            f">= {TARGET_ANCHOR:g}x the anchor",
            mean >= TARGET_ANCHOR * base,
            f"{mean / base:.2f}x" if base else "n/a",
        ),
    ]
    print("targets: " + "; ".join(f"{label}: {verdict(ok)} ({value})" for label, ok, value in checks))
    return [f"{name}: {label} ({value})" for label, ok, value in checks if not ok]


def bench_scores(
    corpus: Path, sets: dict[str, list[Path]], database_url: str
) -> tuple[list[str], dict, list[tuple[str, int, float, float]]]:
    """Accord through its CLI and the anchor, scored per set.

    Returns the misses, the CLI outputs, and per set (name, documents, Accord
    wall seconds, Natasha wall seconds) of the whole runs.
    """
    env = {**os.environ, "DATABASE_URL": database_url}
    accord_cli = [sys.executable, str(ROOT / "manage.py"), "extract"]  # this checkout's code
    misses, outputs, peaks, runs = [], {}, [], []
    for name, files in sets.items():
        slug = name.replace("/", "-")
        pred, base = BENCH_DIR / f"extract-{slug}.json", BENCH_DIR / f"natasha-{slug}.json"
        wall, peak, code = run_measured([*accord_cli, *map(str, files), "--format", "json"], pred, env)
        if code:
            print(f"accord extract failed on {name}/ (exit {code}): no scores for this set")
            misses.append(f"{name}: accord extract failed")
            continue
        base_wall, base_peak, code = run_measured(
            [sys.executable, str(corpus / "natasha_baseline.py"), *map(str, files)], base, env
        )
        if code:
            print(f"natasha_baseline.py failed on {name}/ (exit {code})")
            misses.append(f"{name}: anchor failed")
            continue
        outputs[name] = json.loads(pred.read_text(encoding="utf-8"))
        chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
        fields = SETS.get(name)
        misses += print_scores(
            name,
            files,
            chars,
            score(corpus, pred, corpus / name, fields),
            score(corpus, base, corpus / name, fields),
            fields,
        )
        print(
            f"whole runs, model loading included: accord extract {wall:.1f} s "
            f"({len(files) / wall:.2f} docs/s), peak RSS {peak:.0f} MB; natasha_baseline.py {base_wall:.1f} s "
            f"({len(files) / base_wall:.2f} docs/s), peak RSS {base_peak:.0f} MB; "
            f"ratio Accord / Natasha {base_wall / wall:.2f}x"
        )
        peaks.append(peak)
        runs.append((name, len(files), wall, base_wall))
    if runs:
        docs = sum(r[1] for r in runs)
        accord_wall, natasha_wall = sum(r[2] for r in runs), sum(r[3] for r in runs)
        print(
            f"\nwhole runs over all sets ({docs} documents, model loading included): Accord "
            f"{docs / accord_wall:.2f} docs/s, Natasha {docs / natasha_wall:.2f} docs/s, "
            f"ratio {natasha_wall / accord_wall:.2f}x"
        )
    if peaks:
        peak = max(peaks)
        print(
            f"accord extract peak memory (ru_maxrss of the CLI child process): {peak:.0f} MB "
            f"(target <= {TARGET_MB} MB: {verdict(peak <= TARGET_MB)})"
        )
        if peak > TARGET_MB:
            misses.append(f"accord extract peak RSS {peak:.0f} MB")
    return misses, outputs, runs


# ---- throughput -------------------------------------------------------------


class Plain:
    """Plain Natasha, as natasha_baseline.py calls it."""

    def __init__(self) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        self.segmenter, self.vocab = Segmenter(), MorphVocab()
        embedding = NewsEmbedding()
        self.morph, self.ner = NewsMorphTagger(embedding), NewsNERTagger(embedding)

    def __call__(self, text: str) -> int:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.tag_ner(self.ner)
        for span in doc.spans:
            span.normalize(self.vocab)
        return len(doc.spans)


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def bench_throughput(texts: list[tuple[str, bytes, str]], rounds: int, cli_outputs: dict) -> list[str]:
    """texts: (source as given to the CLI, file bytes, decoded text)."""
    from accord.documents.ingest.loaders import extract as load
    from accord.extraction.pipeline.assemble import extract
    from accord.extraction.snapshot import gazetteer

    start = clock()
    names = gazetteer()
    extract("warm-up.txt", WARM_UP, names)
    accord_load = since(start)
    start = clock()
    plain = Plain()
    plain(WARM_UP)
    plain_load = since(start)
    print(
        f"model loading and first call: Accord (gazetteer from the registry, Natasha models) "
        f"{accord_load[0]:.1f} s wall / {accord_load[1]:.1f} s CPU; plain Natasha {plain_load[0]:.1f} s wall / "
        f"{plain_load[1]:.1f} s CPU"
    )

    def run_accord() -> list[dict]:
        snapshot = gazetteer()  # once per run, as `accord extract` does
        return [extract(source, load(Path(source).name, data).text, snapshot) for source, data, _ in texts]

    def run_plain() -> None:
        for _source, _data, text in texts:
            plain(text)

    chars = sum(len(text) for _, _, text in texts)
    timings: dict[str, list[tuple[float, float]]] = {"accord": [], "natasha": []}
    first_output = None
    for index in range(rounds):
        order = ["natasha", "accord"] if index % 2 == 0 else ["accord", "natasha"]
        for which in order:
            start = clock()
            if which == "accord":
                output = run_accord()
                first_output = first_output or output
            else:
                run_plain()
            timings[which].append(since(start))

    if cli_outputs:
        cli = {item["source"]: item for items in cli_outputs.values() for item in items}
        mine = [json.loads(json.dumps(item, ensure_ascii=False)) for item in first_output]
        same = sum(1 for item in mine if cli.get(item["source"]) == item)
        unordered = sum(1 for item in mine if canonical(cli.get(item["source"])) == canonical(item)) - same
        print(
            f"in-process output identical to the CLI's: {same} of {len(mine)} texts"
            + (
                f", {unordered} more identical but for the order of lists (it varies between processes)"
                if unordered
                else ""
            )
        )

    def rate(samples: list[tuple[float, float]], amount: float) -> tuple[float, float]:
        return amount / statistics.median(s[1] for s in samples), amount / statistics.median(
            s[0] for s in samples
        )

    print(f"\nthroughput over {len(texts)} texts, {chars:,} characters, {rounds} rounds, one core:")
    print(f"{'':<34} {'Accord':>14} {'plain Natasha':>14} {'ratio':>7}")
    misses = []
    parts = [("first round", slice(0, 1))] + (
        [("later rounds (median)", slice(1, None))] if rounds > 1 else []
    )
    for label, part in parts:
        a_docs, a_docs_wall = rate(timings["accord"][part], len(texts))
        n_docs, n_docs_wall = rate(timings["natasha"][part], len(texts))
        print(f"{label + ', docs/CPU s':<34} {a_docs:14,.2f} {n_docs:14,.2f} {a_docs / n_docs:6.2f}x")
        print(
            f"{label + ', docs/wall s':<34} {a_docs_wall:14,.2f} {n_docs_wall:14,.2f} "
            f"{a_docs_wall / n_docs_wall:6.2f}x"
        )
        a_cpu, a_wall = rate(timings["accord"][part], chars)
        n_cpu, n_wall = rate(timings["natasha"][part], chars)
        print(f"{label + ', chars/CPU s':<34} {a_cpu:14,.0f} {n_cpu:14,.0f} {a_cpu / n_cpu:6.2f}x")
        print(f"{label + ', chars/wall s':<34} {a_wall:14,.0f} {n_wall:14,.0f} {a_wall / n_wall:6.2f}x")
        if a_cpu / n_cpu < TARGET_SPEED:
            misses.append(f"throughput {label} {a_cpu / n_cpu:.2f}x plain Natasha")
    print(f"target Accord >= {TARGET_SPEED}x plain Natasha: {verdict(not misses)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process peak memory (RSS; Django, both pipelines' models): {peak:.0f} MB")
    return misses


def canonical(value):
    """A JSON value with every list sorted, to compare outputs whose order may vary."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def synthetic_texts(count: int = 40) -> list[tuple[str, bytes, str]]:
    from synthetic import from_registry

    folder = BENCH_DIR / "extract-synthetic"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    generator, texts = from_registry(seed=5), []
    for i in range(count):
        _language, title, text = generator.document(size=1000)
        path = folder / f"s{i:03d}.txt"
        path.write_text(title + "\n\n" + text, encoding="utf-8")
        texts.append((str(path), path.read_bytes(), path.read_text(encoding="utf-8")))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus (default %(default)s)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="timed rounds over the texts (default %(default)s)"
    )
    parser.add_argument(
        "--sets",
        default=",".join(SETS),
        help="comma-separated sets of the corpus to score and time (default %(default)s)",
    )
    args = parser.parse_args()
    chosen = [name.strip() for name in args.sets.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SETS]
    if unknown:
        parser.error(f"unknown sets: {', '.join(unknown)} (known: {', '.join(SETS)})")

    print(
        f"extraction benchmark, {pin_one_core()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    database_url = setup()
    sets = {
        name: sorted((args.corpus / name).glob("*.txt")) for name in chosen if (args.corpus / name).is_dir()
    }
    sets = {name: files for name, files in sets.items() if files}
    misses, outputs = [], {}
    if (
        not sets
        or not (args.corpus / "score.py").exists()
        or not (args.corpus / "natasha_baseline.py").exists()
    ):
        print(
            f"the shared corpus is not at {args.corpus} ({', '.join(chosen)}, score.py, natasha_baseline.py): "
            "scores are skipped; throughput is measured on synthetic texts"
        )
        texts = synthetic_texts()
    else:
        misses, outputs, _runs = bench_scores(args.corpus, sets, database_url)
        texts = [
            (str(f), f.read_bytes(), f.read_text(encoding="utf-8")) for files in sets.values() for f in files
        ]
    print()
    misses += bench_throughput(texts, max(1, args.rounds), outputs)
    print(f"\nload average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    scope = "" if outputs else " (throughput and memory only: scores were not measured)"
    print(f"all targets hold{scope}" if not misses else f"targets missed{scope}: " + "; ".join(misses))


if __name__ == "__main__":
    main()
