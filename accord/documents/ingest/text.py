"""Text as it arrives: decoding Russian encodings, normalizing, telling the language."""

import functools
import re
import unicodedata

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from accord.documents.ingest.errors import IngestError

# Russian documents still come in these; charset detection chooses among them.
CANDIDATE_ENCODINGS = ["utf_8", "cp1251", "koi8_r", "utf_16", "mac_cyrillic", "cp866", "latin_1"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# One translation table: non-breaking hyphens to hyphens, rare dashes to the em dash,
# invisible characters (soft hyphen, zero-width spaces, BOM) removed.
_CHARACTERS = str.maketrans(
    {
        **dict.fromkeys(map(ord, "\u2010\u2011"), "-"),
        **dict.fromkeys(map(ord, "\u2012\u2015\u2e3a\u2e3b"), "\u2014"),
        **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None),
    }
)
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_RUSSIAN_LETTERS = re.compile(r"[оеаинтсрвлОЕАИНТСРВЛ]")
_NON_RUSSIAN_CYRILLIC = re.compile(r"[іїєґўәғқңөұүһ]")
_LOWER_CYRILLIC = re.compile(r"[а-яё]")
_UPPER_CYRILLIC = re.compile(r"[А-ЯЁ]")


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-8, then the likeliest Cyrillic code page.

    Binary noise is refused rather than turned into mojibake.
    """
    if not data.strip():
        raise IngestError(_("The file is empty."))
    for bom, codec in ((b"\xef\xbb\xbf", "utf_8_sig"), (b"\xff\xfe", "utf_16"), (b"\xfe\xff", "utf_16")):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="replace"))
    try:
        return _checked(data.decode("utf_8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_like_utf16(data):
        raise IngestError(_("The file is binary, not text."))
    candidates = []
    for encoding in ("cp1251", "koi8_r", "utf_16"):
        try:
            candidates.append((_russian_score(text := data.decode(encoding)), text))
        except UnicodeDecodeError:
            continue
    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is not None:
        candidates.append((_russian_score(str(best)), str(best)))
    if not candidates:
        raise IngestError(_("The text encoding could not be recognized."))
    return _checked(max(candidates, key=lambda pair: pair[0])[1])


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _russian_score(text: str) -> float:
    """How much a decoding looks like Russian prose: frequent letters, mostly lower case."""
    sample = text[:20000]
    if not sample:
        return 0.0
    lower = len(_LOWER_CYRILLIC.findall(sample))
    upper = len(_UPPER_CYRILLIC.findall(sample))
    frequent = len(_RUSSIAN_LETTERS.findall(sample))
    control = len(_CONTROL.findall(sample))
    return (frequent + lower - 2 * upper - 10 * control) / len(sample)


def _checked(text: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.02:
        raise IngestError(_("The file is binary, not text."))
    return text


def normalize(text: str) -> str:
    """Unicode NFC, one kind of space, hyphens and dashes, no invisible characters, tidy lines."""
    text = unicodedata.normalize("NFC", text).translate(_CHARACTERS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@functools.cache
def _identifier():
    """py3langid's model ships inside the package: nothing is downloaded."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str:
    """'ru' or 'en'; anything else is refused with the language that was found."""
    sample = text[:800]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        raise IngestError(_("The file has too little text to tell its language."))
    cyrillic = len(_CYRILLIC_LETTER.findall(sample)) / letters
    # Mostly Cyrillic without the letters of Ukrainian, Belarusian or Kazakh is Russian whatever
    # the classifier says (it may say Bulgarian for Russian with many Latin names; English it cannot
    # say with three letters in five Cyrillic): half the files skip its millisecond or two.
    if cyrillic > 0.6 and not _NON_RUSSIAN_CYRILLIC.search(sample.lower()):
        return "ru"
    language, _probability = _identifier().classify(sample)
    if language in ("ru", "en"):
        return language
    if cyrillic < 0.05 and language in ("la", "sco", "eo"):
        return "en"
    raise IngestError(
        _("The text is neither Russian nor English (looks like “%(language)s”).") % {"language": language}
    )
