"""Near-duplicates: the same story republished by several outlets, found with MinHash LSH.

A document's MinHash is cut into bands; documents sharing a band are
candidates, and candidates whose estimated Jaccard similarity of word
trigrams reaches the threshold join one cluster. Bands live in an indexed
table, so a lookup costs the same at any corpus size.

The signature is datasketch's MinHash (`scheme="affine32"`, seed 42, SHA-1
of each shingle), computed here with numpy bit for bit as datasketch 2.0
does: importing datasketch pulls in scipy (its LSH module), about a second
of CPU per process for nothing we use. The tests check that both agree.
"""

import functools
import hashlib
import re

import numpy as np

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
# Pinned: signatures stored by one version must compare with those of the next.
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


SEED = 42
_EMPTY = np.uint32(0xFFFFFFFF)


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations: h -> a * h + b mod 2**32, `a` odd, from RandomState(SEED)."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch premixes every input hash with it)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def shingles(text: str) -> set[str]:
    """The text's word trigrams (the whole text when it has fewer than three words)."""
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return {" ".join(words)}
    return set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


def signature(text: str) -> np.ndarray:
    """The MinHash of the text's word trigrams: NUM_PERM unsigned 32-bit values."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(s.encode("utf-8")).digest()[:4] for s in shingles(text)])
    if not digests:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    hashes = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32)).reshape(-1, 1)
    a, b = _permutations()
    return np.minimum((hashes * a + b).min(axis=0), _EMPTY)


def band_values(hashvalues: np.ndarray) -> list[int]:
    """One signed 64-bit number per band, as the database stores it."""
    values = []
    for band in range(BANDS):
        chunk = hashvalues[band * ROWS : (band + 1) * ROWS].tobytes()
        values.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True))
    return values


def similarity(a: bytes, b: np.ndarray) -> float:
    return float((np.frombuffer(a, dtype=np.uint64) == b).mean())


def find_twin(hashvalues: np.ndarray, values: list[int]) -> int | None:
    """The cluster root of the most similar stored document above the threshold, if any."""
    from django.db import connection

    from accord.documents.models import Document, DocumentBand

    table = DocumentBand._meta.db_table
    condition = " OR ".join(["(band = %s AND value = %s)"] * len(values))
    params = [x for pair in enumerate(values) for x in pair]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT document_id FROM {table} WHERE {condition}", params)
        candidate_ids = [row[0] for row in cursor.fetchall()]
    best, best_score = None, THRESHOLD
    if not candidate_ids:
        return None
    for pk, minhash, root in Document.objects.filter(pk__in=candidate_ids).values_list(
        "pk", "minhash", "near_duplicate_of_id"
    ):
        if minhash is None:
            continue
        score = similarity(bytes(minhash), hashvalues)
        if score >= best_score:
            best, best_score = root or pk, score
    return best


def prepare(document, text: str) -> list[int]:
    """Set the document's signature and cluster before it is saved; returns its band values."""
    hashvalues = signature(text).astype(np.uint64)
    values = band_values(hashvalues)
    document.minhash = hashvalues.tobytes()
    document.near_duplicate_of_id = find_twin(hashvalues, values)
    return values


def store_bands(document, values: list[int]) -> None:
    """One INSERT of BANDS rows: plain SQL, as sixteen model instances through bulk_create cost more than the write."""
    from django.db import connection

    from accord.documents.models import DocumentBand

    table = DocumentBand._meta.db_table
    rows = ", ".join(["(%s, %s, %s)"] * len(values))
    params = [x for band, value in enumerate(values) for x in (document.pk, band, value)]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (document_id, band, value) VALUES {rows}", params)


def attach(document, text: str) -> None:
    """Signature, cluster and bands of a document already saved (a re-index, a late addition)."""
    values = prepare(document, text)
    document.save(update_fields=["minhash", "near_duplicate_of"])
    store_bands(document, values)
