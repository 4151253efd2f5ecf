"""factory_boy factories and hand-made analyses for extraction tests."""

import factory

from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import MentionMethod, MentionType, SuggestionKind
from accord.extraction.models import Mention, Suggestion
from accord.extraction.pipeline.assemble import Analysis
from accord.extraction.pipeline.assemble import Mention as Span

MEETING_TEXT = (
    "Новости\n\n22 октября 2025 года\n\n"
    "21 октября 2025 года в Душанбе состоялось заседание Совета прокуроров. "
    "В заседании приняли участие делегации Тестландии и Примерии.\n\n"
    "Делегацию возглавил Генеральный прокурор Тестландии Иван Петров."
)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    document = factory.SubFactory(DocumentFactory, text="Визит в Ташкент.")
    begin = 8
    end = 15
    type = MentionType.PLACE
    text = "Ташкент"
    normal = "Ташкент"
    method = MentionMethod.GAZETTEER
    confidence = 0.95


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    document = factory.SubFactory(DocumentFactory, text="Визит в Ташкент 20 ноября 2024 года.")
    kind = SuggestionKind.MEETING
    fingerprint = factory.Sequence(lambda n: f"{n:040x}")
    label = factory.Sequence(lambda n: f"Заседание {n}")
    payload = factory.LazyFunction(
        lambda: {
            "kind": "meeting",
            "title": "",
            "start_on": "2024-11-20",
            "end_on": "2024-11-21",
            "city": "",
            "country": None,
            "format": "in_person",
            "status": "held",
            "body": None,
            "participants": [],
            "language": "ru",
        }
    )
    evidence = factory.LazyFunction(
        lambda: [{"text": "Визит в Ташкент 20 ноября 2024 года.", "begin": 0, "end": 36}]
    )
    confidence = 0.7


def span(
    text: str,
    fragment: str,
    type: str,
    normal: str = "",
    key: str = "",
    method: str = "gazetteer",
    nth: int = 0,
) -> Span:
    """A pipeline mention of the nth occurrence of `fragment` in `text`."""
    begin = -1
    for _ in range(nth + 1):
        begin = text.index(fragment, begin + 1)
    return Span(begin, begin + len(fragment), type, fragment, normal or fragment, key, method, 0.95)


def sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence spans split at «. » and line ends, good enough for hand-made texts."""
    import re

    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for piece in re.finditer(r".+?(?:\.(?=\s|$)|$)", paragraph.group()):
            if piece.group().strip():
                spans.append((start + piece.start(), start + piece.end()))
    return spans


def analysis(text: str, contract: dict, mentions: list[Span]) -> Analysis:
    return Analysis(text, {"language": "ru", **contract}, mentions, sentences_of(text))
