"""Ingestion: every loader on files made here, bad input explained, nothing half-stored."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from accord.documents.ingest.pipeline import Source, collect, ingest, ingest_one
from accord.documents.models import Document, IngestItem, IngestJob

pytestmark = pytest.mark.django_db

RUSSIAN = (
    "Генеральный прокурор Российской Федерации провёл рабочую встречу с коллегами из Узбекистана. "
    "Стороны обсудили сотрудничество в сфере противодействия коррупции и возврата активов."
)
ENGLISH = (
    "The Conference of the Parties established the Review Mechanism and asked UNODC to convene "
    "an open-ended intergovernmental expert group to finalize the questionnaires."
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def run(*paths: Path) -> IngestJob:
    job = IngestJob.objects.create()
    with translation.override("en"):
        return ingest(collect(paths), job)


def pdf_bytes(text: str, *, password: str | None = None) -> bytes:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.set_title("Report of the expert group")
    pdf.set_author("UNODC")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    data = bytes(pdf.output())
    if password:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(password)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Протокол встречи"
    document.core_properties.author = "Секретариат"
    for paragraph in text.split(". "):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rtf_bytes(text: str) -> bytes:
    escaped = "".join(ch if ord(ch) < 128 else "\\'{:02x}".format(ch.encode("cp1251")[0]) for ch in text)
    return ("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0 Times;}}\\f0 " + escaped + "\\par}").encode(
        "ascii"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r", "utf-16"])
def test_russian_text_in_every_encoding(tmp_path, encoding):
    job = run(write(tmp_path, f"news-{encoding}.txt", RUSSIAN.encode(encoding)))
    assert (job.added, job.failed) == (1, 0), list(job.items.values_list("reason", flat=True))
    document = Document.objects.get()
    assert document.text == RUSSIAN and document.language == "ru"
    assert document.original.read() == RUSSIAN.encode(encoding)


def test_html_boilerplate_and_scripts_are_stripped(tmp_path):
    html = f"""<!doctype html><html><head><title>Визит Генпрокурора</title>
    <meta name="author" content="Sharq-press"><meta property="article:published_time" content="2024-11-21">
    <script>var tracker = "window.alert('x')";</script></head><body>
    <nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/contacts">Контакты</a></nav>
    <article><h1>Визит Генпрокурора</h1><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article>
    <div class="share">Поделиться: VK Telegram WhatsApp</div>
    <footer>© 2024 Все права защищены. Подписаться на рассылку</footer></body></html>"""
    job = run(write(tmp_path, "page.html", html.encode("utf-8")))
    assert job.added == 1, list(job.items.values_list("reason", flat=True))
    document = Document.objects.get()
    assert "Генеральный прокурор" in document.text
    for junk in ("tracker", "Поделиться", "Все права защищены", "Контакты"):
        assert junk not in document.text, junk
    assert document.title == "Визит Генпрокурора"
    assert str(document.published_on) == "2024-11-21"


def test_pdf_docx_and_rtf_with_their_metadata(tmp_path):
    run(
        write(tmp_path, "report.pdf", pdf_bytes(ENGLISH)),
        write(tmp_path, "minutes.docx", docx_bytes(RUSSIAN)),
        write(tmp_path, "letter.rtf", rtf_bytes(RUSSIAN + " Письмо направлено.")),
    )
    pdf = Document.objects.get(original_name="report.pdf")
    assert (pdf.language, pdf.title, pdf.author) == ("en", "Report of the expert group", "UNODC")
    assert "Review Mechanism" in pdf.text
    docx = Document.objects.get(original_name="minutes.docx")
    assert (docx.title, docx.author, docx.language) == ("Протокол встречи", "Секретариат", "ru")
    rtf = Document.objects.get(original_name="letter.rtf")
    assert "Генеральный прокурор" in rtf.text and "Письмо направлено" in rtf.text


def test_bad_inputs_are_explained_and_good_files_of_the_same_run_are_stored(tmp_path, settings):
    import random

    settings.ACCORD_MAX_UPLOAD_BYTES = 50_000
    rng = random.Random(1)
    good = pdf_bytes(ENGLISH)
    files = {
        "empty.txt": b"",
        "noise.txt": bytes(rng.randrange(256) for _ in range(4000)),
        "truncated.pdf": good[: len(good) // 3],
        "encrypted.pdf": pdf_bytes(ENGLISH, password="secret"),
        "protected.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "corrupt.docx": b"PK\x03\x04 this is not a real zip archive at all",
        "huge.txt": RUSSIAN.encode() * 400,
        "ukrainian.txt": "Генеральний прокурор України провів робочу зустріч з колегами з Польщі щодо співпраці.".encode(),
        "german.txt": "Der Generalstaatsanwalt hat sich mit Kollegen aus Polen über die Zusammenarbeit getroffen.".encode(),
        "scripts-only.html": b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
        "data.json": b'{"a": 1}',
        "good.txt": RUSSIAN.encode("cp1251"),
    }
    job = run(*[write(tmp_path, name, data) for name, data in files.items()])
    reasons = dict(job.items.values_list("name", "reason"))
    by_name = {Path(name).name: reason for name, reason in reasons.items()}
    expected = {
        "empty.txt": "empty",
        "noise.txt": "binary",
        "truncated.pdf": "damaged or truncated",
        "encrypted.pdf": "encrypted",
        "protected.docx": "password-protected",
        "corrupt.docx": "damaged",
        "huge.txt": "larger than the limit",
        "ukrainian.txt": "neither Russian nor English",
        "german.txt": "neither Russian nor English",
        "scripts-only.html": "no readable text",
        "data.json": "Unsupported file type",
    }
    for name, fragment in expected.items():
        assert fragment in by_name[name], (name, by_name[name])
    assert by_name["good.txt"] == ""
    assert (job.added, job.failed, job.status) == (1, len(expected), "done")
    assert Document.objects.count() == 1


def test_same_content_twice_is_one_document(tmp_path):
    first = run(write(tmp_path, "a.txt", RUSSIAN.encode("utf-8")))
    second = run(
        write(tmp_path, "b.txt", RUSSIAN.encode("koi8-r")), write(tmp_path, "a.txt", RUSSIAN.encode("utf-8"))
    )
    assert (first.added, second.added, second.duplicates) == (1, 0, 2)
    assert Document.objects.count() == 1


def test_interruption_leaves_no_half_stored_document(tmp_path, monkeypatch, media):
    paths = [write(tmp_path, f"{i}.txt", f"{RUSSIAN} Номер {i}.".encode()) for i in range(3)]
    from accord.documents.ingest import near_duplicates

    real_store = near_duplicates.store_bands
    calls = {"n": 0}

    def store_then_interrupt(document, values):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # Ctrl-C after the second row is written, before it commits
        return real_store(document, values)

    monkeypatch.setattr(near_duplicates, "store_bands", store_then_interrupt)
    job = IngestJob.objects.create()
    with pytest.raises(KeyboardInterrupt):
        ingest(collect(paths), job)
    job.refresh_from_db()
    assert job.status == "interrupted" and job.added == 1
    assert Document.objects.count() == 1
    stored = [p for p in Path(media).rglob("*") if p.is_file()]
    assert len(stored) == 1  # the second original was removed with its rolled-back row


def test_a_batch_that_fails_as_a_whole_leaves_neither_rows_nor_originals(tmp_path, monkeypatch, media):
    """Files share a transaction between two progress flushes; should it roll back, their originals go too."""
    from accord.documents.ingest import pipeline

    paths = [write(tmp_path, f"{i}.txt", f"{RUSSIAN} Номер {i}.".encode()) for i in range(3)]
    calls = {"n": 0}

    def due_then_fail(self):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the database went away")  # after two files, before the batch commits
        return False

    monkeypatch.setattr(pipeline._Outcomes, "due", due_then_fail)
    job = IngestJob.objects.create()
    with pytest.raises(RuntimeError):
        ingest(collect(paths), job)
    assert Document.objects.count() == 0 and not job.items.exists()
    assert not [p for p in Path(media).rglob("*") if p.is_file()]


def test_files_of_one_batch_see_each_other(tmp_path):
    """A copy of a file stored earlier in the same transaction is a duplicate, not a second document."""
    paths = [write(tmp_path, f"{name}.txt", RUSSIAN.encode()) for name in ("a", "b")]
    job = ingest(collect(paths), IngestJob.objects.create())
    assert (job.added, job.duplicates) == (1, 1) and Document.objects.count() == 1


def test_near_duplicates_are_clustered(tmp_path):
    story = " ".join([RUSSIAN] * 4)
    run(
        write(tmp_path, "outlet-a.txt", (story + " Источник: Sharq-press.").encode()),
        write(tmp_path, "outlet-b.txt", (story + " Источник: Беларусь сегодня.").encode()),
        write(tmp_path, "other.txt", ENGLISH.encode() * 3),
    )
    a = Document.objects.get(original_name="outlet-a.txt")
    b = Document.objects.get(original_name="outlet-b.txt")
    other = Document.objects.get(original_name="other.txt")
    assert b.near_duplicate_of == a and a.near_duplicate_of is None
    assert list(a.cluster()) == [b] and not other.cluster().exists()


SIGNATURE_TEXT = "Конвенция против коррупции: доклад государства-участника о ходе осуществления."


def test_signature_is_the_stored_scheme_bit_for_bit():
    """Bands stored before the numpy signature must still match: these are datasketch 2.0's affine32 values."""
    from accord.documents.ingest import near_duplicates

    values = near_duplicates.band_values(near_duplicates.signature(SIGNATURE_TEXT).astype("uint64"))
    assert values[:4] == [
        -4160490286693770537,
        -3964612671899892021,
        -4882386171686143686,
        747120804541165940,
    ]
    assert values[-1] == -2070393396869653178


@pytest.mark.parametrize("text", ["", "одно", SIGNATURE_TEXT, " ".join([RUSSIAN, ENGLISH] * 20)])
def test_signature_agrees_with_datasketch(text):
    datasketch = pytest.importorskip("datasketch")
    from accord.documents.ingest import near_duplicates

    reference = datasketch.MinHash(num_perm=near_duplicates.NUM_PERM, seed=42, scheme=near_duplicates.SCHEME)
    reference.update_batch([s.encode("utf-8") for s in near_duplicates.shingles(text)])
    assert (near_duplicates.signature(text) == reference.hashvalues).all()


def test_ingesting_imports_no_scipy(tmp_path):
    """The near-duplicate signature costs no scipy import (a second of CPU per process)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    code = "import sys; import accord.documents.ingest.near_duplicates; print('scipy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    ).stdout
    assert out.strip() == "False"


def test_command_summary_and_json(tmp_path, capsys):
    folder = tmp_path / "in"
    write(tmp_path, "good.txt", RUSSIAN.encode())
    write(tmp_path, "sub/empty.txt", b"")
    write(tmp_path, ".hidden.txt", ENGLISH.encode())
    call_command("ingest", str(folder), "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 1 and [Path(f["file"]).name for f in report["failed"]] == ["empty.txt"]
    with translation.override("en"):
        call_command("ingest", str(folder), str(tmp_path / "missing"), "--no-progress")
    out = capsys.readouterr().out
    assert "already present: 1" in out and "No such file" in out


def test_ingest_one_reports_a_missing_file():
    status, document, reason = ingest_one(Source(name="nowhere.txt", error="No such file or folder."))
    assert (status, document) == (IngestItem.Status.FAILED, None) and reason


def test_a_symbol_on_the_masthead_fills_the_symbol_field_in_either_alphabet(tmp_path):
    """The first line of a UN document holds the organization's name and the symbol, here in look-alike letters."""
    head = "Организация Объединенных Наций\tСТОС/СОР/WG.10/2019/5\n\nDistr.: General\n\n"
    body = (
        "Рабочая группа по технической помощи обсудила итоги своего совещания и резолюцию 9/1 конференции.\n"
    )
    run(write(tmp_path, "report.txt", (head + body * 3).encode()))
    document = Document.objects.get()
    assert document.symbol == "CTOC/COP/WG.10/2019/5"


def test_a_number_with_a_slash_in_the_head_is_not_taken_for_a_symbol(tmp_path):
    text = (
        "Решение 9/1 и пункт 12/2020 рассмотрены\n\nУчастники совещания обсудили итоги работы за год и планы.\n"
        * 3
    )
    run(write(tmp_path, "decision.txt", text.encode()))
    assert Document.objects.get().symbol == ""
