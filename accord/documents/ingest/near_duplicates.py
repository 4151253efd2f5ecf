"""Near-duplicates: the same story republished by several outlets, found with MinHash LSH.

A document's MinHash (datasketch) is cut into bands; documents sharing a
band are candidates, and candidates whose estimated Jaccard similarity of
word trigrams reaches the threshold join one cluster. Bands live in an
indexed table, so a lookup costs the same at any corpus size.
"""

import hashlib
import re

import numpy as np
from datasketch import MinHash
from django.db.models import Q

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
_WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    minhash = MinHash(num_perm=NUM_PERM, seed=42)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def band_values(hashvalues: np.ndarray) -> list[int]:
    """One signed 64-bit number per band, as the database stores it."""
    values = []
    for band in range(BANDS):
        chunk = hashvalues[band * ROWS : (band + 1) * ROWS].tobytes()
        values.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True))
    return values


def similarity(a: bytes, b: np.ndarray) -> float:
    return float((np.frombuffer(a, dtype=np.uint64) == b).mean())


def attach(document, text: str) -> None:
    """Store the document's signature and bands, and join it to the cluster of its closest twin."""
    from accord.documents.models import Document, DocumentBand

    hashvalues = signature(text).hashvalues.astype(np.uint64)
    values = band_values(hashvalues)
    query = Q()
    for band, value in enumerate(values):
        query |= Q(band=band, value=value)
    candidate_ids = set(DocumentBand.objects.filter(query).values_list("document_id", flat=True))
    best, best_score = None, THRESHOLD
    for candidate in Document.objects.filter(pk__in=candidate_ids).only(
        "pk", "minhash", "near_duplicate_of_id"
    ):
        if candidate.minhash is None:
            continue
        score = similarity(bytes(candidate.minhash), hashvalues)
        if score >= best_score:
            best, best_score = candidate, score
    document.minhash = hashvalues.tobytes()
    if best is not None:
        document.near_duplicate_of_id = best.near_duplicate_of_id or best.pk
    document.save(update_fields=["minhash", "near_duplicate_of"])
    DocumentBand.objects.bulk_create(
        DocumentBand(document=document, band=band, value=value) for band, value in enumerate(values)
    )
