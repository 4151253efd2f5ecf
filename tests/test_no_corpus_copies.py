"""No run of a shared-corpus text stands in the project: its texts belong to their publishers.

Every tracked text file (code, tests, fixtures, sample data, docs) is compared
with every ``*.txt`` of ../shared/corpus after folding whitespace; a run of
`MIN_RUN` characters or more in common fails unless it is an official name
with little around it: one contiguous piece of a name or title the reference
data records (bodies, instruments, review mechanisms — facts, matched in any
grammatical case), the words that make it a meeting's or a report's name
(«сессия», ordinals), and at most `MAX_FOREIGN` other letters. The reference
data itself (``accord/*/reference/``) holds those names and is not compared.
"""

import re
import subprocess
import tomllib
from pathlib import Path

from accord.extraction.pipeline.morphology import lemma
from conftest import NEEDS_SHARED_CORPUS, SHARED_CORPUS

ROOT = Path(__file__).resolve().parent.parent
MIN_RUN = 60
#: Letters of a shared run allowed outside an official name: a cut word at each end, «в», «о работе».
MAX_FOREIGN = 12
#: Sampling step: any run of MIN_RUN characters holds a window of MIN_RUN - STEP starting at a multiple of STEP.
STEP = 20
WINDOW = MIN_RUN - STEP
NAME_KEYS = re.compile(r"^(name|title|official_name|aliases|abbreviation)")
#: Reference files whose names are those of bodies, instruments and mechanisms (not of people or states).
NAME_FILES = (
    "registry/reference/organizations.toml",
    "registry/reference/regional_groups.toml",
    "instruments/reference/*.toml",
    "reviews/reference/*.toml",
)
#: Words that turn a body's name into a meeting's or a document's: «Двенадцатое совещание Рабочей группы …».
EVENT_WORD = re.compile(
    r"(?:заседан|совещан|сесси|конференц|доклад|session|meeting|report|conference"
    r"|перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|\w+надцат|двадцат|тридцат"
    r"|first|second|third|(?:four|fif|six|seven|eigh|nin|ten|eleven|twelf|\w+teen|twentie|thirtie)th)\w*"
    r"|st|nd|rd|th|е|й|я|м|го|ое|ая|ий|ого|ом"
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text)


def _stem(word: str) -> str:
    """The word's lemma, so that a name matches in any case: «Координационного совета» as «координационный совет»."""
    return lemma(word) if re.match(r"[А-Яа-яЁё]", word) else word.lower()


def _names(value: object, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _names(v, k)]
    if isinstance(value, list):
        return [n for v in value for n in _names(v, key)]
    return [value] if isinstance(value, str) and NAME_KEYS.match(key) else []


def official_pieces() -> set[tuple[str, ...]]:
    """Every contiguous piece (as stems) of every official name of the reference data."""
    pieces = set()
    for pattern in NAME_FILES:
        for path in (ROOT / "accord").glob(pattern):
            for name in _names(tomllib.loads(path.read_text(encoding="utf-8"))):
                stems = [_stem(w) for w in _WORD.findall(name)]
                pieces.update(
                    tuple(stems[i:j]) for i in range(len(stems)) for j in range(i + 1, len(stems) + 1)
                )
    return pieces


def _project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    return [
        ROOT / name
        for name in listed
        if name and "/reference/" not in name and not (ROOT / name).is_symlink() and (ROOT / name).is_file()
    ]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def _whole_words(text: str, begin: int, end: int) -> str:
    """The run without the word it cuts at either end (that word differs between the two texts)."""
    while begin < end and begin and text[begin - 1].isalnum() and text[begin].isalnum():
        begin += 1
    while end > begin and end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end -= 1
    return text[begin:end]


def shared_runs(project: dict[str, str], corpus: dict[str, str]) -> list[tuple[str, str, str]]:
    """(project file, corpus file, run) for every run of MIN_RUN characters or more both hold."""
    index: dict[str, list[tuple[str, int]]] = {}
    for name, text in project.items():
        for at in range(0, len(text) - WINDOW + 1, STEP):
            index.setdefault(text[at : at + WINDOW], []).append((name, at))
    runs = {}
    for source, text in corpus.items():
        for at in range(len(text) - WINDOW + 1):
            for name, where in index.get(text[at : at + WINDOW], ()):
                own = project[name]
                begin, start = where, at
                while begin and start and own[begin - 1] == text[start - 1]:
                    begin, start = begin - 1, start - 1
                end, stop = where + WINDOW, at + WINDOW
                while end < len(own) and stop < len(text) and own[end] == text[stop]:
                    end, stop = end + 1, stop + 1
                if end - begin >= MIN_RUN:
                    runs[(name, begin)] = (name, source, _whole_words(own, begin, end))
    return list(runs.values())


def foreign_letters(run: str, pieces: set[tuple[str, ...]]) -> int:
    """Letters of the run outside its longest piece of one official name, meeting words aside."""
    words = _WORD.findall(run)
    stems = [_stem(w) for w in words]
    best = (0, 0)
    for i in range(len(words)):
        j = i + 1
        while j <= len(words) and tuple(stems[i:j]) in pieces:
            j += 1
        if j - 1 - i > best[1] - best[0]:
            best = (i, j - 1)
    return sum(
        len(w)
        for k, w in enumerate(words)
        if not best[0] <= k < best[1] and not EVENT_WORD.fullmatch(w.lower())
    )


@NEEDS_SHARED_CORPUS
def test_no_run_of_a_corpus_text_stands_in_the_project():
    corpus = {
        str(p.relative_to(SHARED_CORPUS)): _fold(p.read_text(encoding="utf-8"))
        for p in sorted(SHARED_CORPUS.rglob("*.txt"))
    }
    project = {}
    for path in _project_files():
        text = _read(path)
        if text is not None:
            # Python strings split over lines: "…" "…" read as one.
            joined = re.sub(r"([\"'])\s*\n\s*[rbfu]?([\"'])", "", text) if path.suffix == ".py" else text
            project[str(path.relative_to(ROOT))] = _fold(joined)
    pieces = official_pieces()
    copies = [
        f"{name} ← {source}: {run!r}"
        for name, source, run in shared_runs(project, corpus)
        if foreign_letters(run, pieces) > MAX_FOREIGN
    ]
    assert not copies, "Corpus text copied into the project (write your own sentences):\n" + "\n".join(copies)


def test_a_copied_sentence_is_found_and_an_official_name_is_not():
    corpus = {
        "c.txt": _fold(
            "Вчера в Ташкенте министры трёх стран   долго обсуждали проект нового соглашения о выдаче."
        )
    }
    copied = {"t.py": "x = 'министры трёх стран долго обсуждали проект нового соглашения о выдаче.'"}
    assert [r[2] for r in shared_runs(copied, corpus)] == [
        "министры трёх стран долго обсуждали проект нового соглашения о выдаче."
    ]
    assert shared_runs({"t.py": "министры трёх стран обсудили"}, corpus) == []
    stems = tuple(_stem(w) for w in _WORD.findall("Координационный совет генеральных прокуроров государств"))
    pieces = {stems[i:j] for i in range(len(stems)) for j in range(i + 1, len(stems) + 1)}
    assert foreign_letters("в 7-м заседании Координационного совета генеральных прокуроров", pieces) == 1
    assert foreign_letters("прокуроров государств обсудили Координационного совета", pieces) > MAX_FOREIGN
