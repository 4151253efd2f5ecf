"""`accord ingest ../shared/corpus` stores every text, and every name in them is found by search."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from accord.documents.models import Document
from accord.documents.search.engine import search
from conftest import NEEDS_SHARED_CORPUS, SHARED_CORPUS

CORPUS = SHARED_CORPUS

pytestmark = [
    pytest.mark.django_db,
    NEEDS_SHARED_CORPUS,
]


def found_by(query: str) -> set[int]:
    return {hit.document.pk for hit in search(AnonymousUser(), query, per_page=500).hits}


@pytest.mark.slow
def test_every_text_is_stored_and_its_names_are_found(settings, tmp_path, reference_data, monkeypatch):
    """The registry's names (the reference data) make searches entity-aware.

    What is asserted is storage and matching, so the test skips what costs most
    and asserts nothing: extraction (`--no-extract`; search reads the registry,
    not mentions; the corpus's extraction is scored in extraction's
    test_contract) and the snippets of the ~3,000 searches (tested in test_search).
    """
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("accord.documents.search.engine.highlight", lambda *args, **kwargs: "")
    # Published news, published on purpose: ingested documents are members-only by default.
    out = io.StringIO()
    call_command(
        "ingest",
        str(CORPUS),
        "--no-progress",
        "--no-extract",
        "--format",
        "json",
        "--confidentiality",
        "public",
        stdout=out,
    )
    refused = {Path(failure["file"]).name for failure in json.loads(out.getvalue())["failed"]}
    texts = sorted(CORPUS.rglob("*.txt"))
    by_text = {d.original_name: d for d in Document.objects.all()}
    # Every text is either stored or refused with a reason (an index of file names is no document).
    assert {p.name for p in texts} <= set(by_text) | refused
    # Real texts are stored: only a few files (an index of names) may be refused.
    assert len(refused & {p.name for p in texts}) <= max(1, len(texts) // 100), refused
    missed = []
    entity_names = []
    for path in texts:
        gold_path = path.with_suffix("").with_suffix(".gold.json")
        if not gold_path.exists() or path.name not in by_text:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        # Each entity with the forms the text uses for it; any of them must find the text.
        entities = [[p["name"]] for p in gold.get("persons", [])]
        entities += [list(variants) for variants in gold.get("organizations", [])]
        entities += [[place] for place in gold.get("places", [])]
        document = by_text[path.name]
        for variants in entities:
            entity_names.append(variants[0])
            if not any(document.pk in found_by(name) for name in variants):
                missed.append((path.name, variants[0]))
    # A name the gold annotation infers but the text never writes (an office
    # implied by «во главе с Генеральным прокурором») cannot be searched for.
    total = sum(1 for _ in entity_names)
    assert len(missed) <= total // 50, missed
