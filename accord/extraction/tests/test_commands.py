"""`accord extract-documents`, extraction after `accord ingest` and uploads, and the demo samples."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accord.core.roles import Role
from accord.documents.ingest.pipeline import collect, ingest
from accord.documents.models import Document, IngestJob
from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import Standing, SuggestionKind
from accord.extraction.models import Extraction, Mention, Suggestion
from accord.extraction.services import accept_suggestion
from accord.extraction.tasks import extract_documents
from conftest import make_user

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TEXT = "Встреча в Вене\n\n12 марта 2024 года\n\nВ Вене 11 марта 2024 года состоялось совещание экспертов.\n"


def test_extract_documents_command(capsys):
    first = DocumentFactory(text=TEXT)
    second = DocumentFactory(text=TEXT.replace("Вене", "Москве"))
    DocumentFactory(text="")
    call_command("extract_documents", str(first.pk), "--no-progress")
    assert "1" in capsys.readouterr().out
    assert list(Extraction.objects.values_list("document_id", flat=True)) == [first.pk]
    call_command("extract_documents", "--missing", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 1 and report["failed"] == 0
    assert Extraction.objects.count() == 2 and Mention.objects.filter(document=second).exists()
    Extraction.objects.all().delete()
    call_command("extract_documents", "--all", "--dry-run", "--no-progress")
    assert "Dry run" in capsys.readouterr().out or not Extraction.objects.exists()
    assert not Extraction.objects.exists()
    call_command("extract_documents", "--all", "--no-progress")
    assert Extraction.objects.count() == 2


@pytest.mark.parametrize(
    "args",
    [[], ["--all", "1"], ["--all", "--missing"], ["x"], ["999999"]],
    ids=["none", "two", "both", "nan", "unknown"],
)
def test_extract_documents_refuses_bad_arguments(args):
    with pytest.raises(CommandError):
        call_command("extract_documents", *args)


def test_a_failing_document_does_not_stop_the_others(monkeypatch):
    good, bad = DocumentFactory(text=TEXT), DocumentFactory(text=TEXT + " ")
    from accord.extraction import services

    real = services.store_analysis

    def flaky(document, analysis):
        if document.pk == bad.pk:
            raise RuntimeError("broken")
        return real(document, analysis)

    monkeypatch.setattr(services, "store_analysis", flaky)
    assert extract_documents.call([good.pk, bad.pk]) == {
        "documents": 1,
        "failed": 1,
        "mentions": Mention.objects.count(),
        "suggestions": Suggestion.objects.count(),
    }


def _write(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_accord_ingest_extracts_inline_unless_told_not_to(tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = _write(tmp_path)
    call_command("ingest", str(folder), "--no-progress", "--no-extract")
    assert Document.objects.count() == 1 and not Extraction.objects.exists()
    Document.objects.all().delete()
    call_command("ingest", str(folder), "--no-progress")
    document = Document.objects.get()
    assert Extraction.objects.filter(document=document).exists()
    assert Mention.objects.filter(document=document, type="date").exists()


def test_background_extraction_is_enqueued_after_commit(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    folder = _write(tmp_path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ingest(collect([folder]), IngestJob.objects.create())
    # Besides the cache's own invalidation at commit, one callback: the extraction task.
    tasks = [callback for callback in callbacks if getattr(callback, "__module__", "") != "accord.core.cache"]
    assert len(tasks) == 1 and not Extraction.objects.exists()  # nothing before the commit
    tasks[0]()
    assert Extraction.objects.filter(document=Document.objects.get()).exists()
    Document.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(folder), "--no-progress", "--extract-later")
    assert Extraction.objects.count() == 1


def check_samples(first, *, client, api_client, user) -> None:
    """`make demo`: the sample stories are extracted with the real pipeline and the registry.

    Run by tests/test_samples.py once every app's samples are loaded; it accepts a suggestion, so it runs last.
    """
    assert first["sample news"]["created"] == 3 and first["suggestions"]["created"] >= 4
    story = Document.objects.get(original_name="sample-ksgp-dushanbe-2025.txt")
    meeting = Suggestion.objects.get(document=story, kind=SuggestionKind.MEETING)
    assert meeting.payload["start_on"] == meeting.payload["end_on"] == "2025-10-21"
    assert (meeting.payload["city"], meeting.payload["country"]) == ("Душанбе", "TJK")
    assert {"RUS", "TJK"} <= set(meeting.payload["participants"])
    assert meeting.standing.code == Standing.NEW
    post = Suggestion.objects.get(document=story, kind=SuggestionKind.POST)
    assert post.payload["person_name"] == "Александр Гуцан" and post.standing.code == Standing.DUPLICATE
    visit = Document.objects.get(original_name="sample-pg-visit-uzbekistan-2024.txt")
    assert (
        Suggestion.objects.get(document=visit, kind=SuggestionKind.MEETING).standing.code
        == Standing.DUPLICATE
    )
    page = client.get(reverse("extraction:document_entities", args=[story.pk])).content.decode()
    assert page.count('data-testid="mention"') >= 8 and 'data-type="organization"' in page
    english = Document.objects.get(original_name="sample-untoc-cop-10-2020.txt")
    page = client.get(reverse("extraction:document_entities", args=[english.pk])).content.decode()
    assert 'data-type="symbol"' in page and 'data-type="place"' in page
    accept_suggestion(meeting, acting_user=make_user("curator", Role.SECRETARIAT))
    calendar = client.get(reverse("meetings:meeting_month") + "?month=2025-10").content.decode()
    assert (
        "Душанбе" in calendar or Suggestion.objects.get(pk=meeting.pk).meeting.get_absolute_url() in calendar
    )
