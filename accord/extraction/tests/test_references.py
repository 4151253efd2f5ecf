"""The references stage: UN document symbols and the resolutions and decisions a text cites."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.extraction.pipeline.references import find_mandates, find_symbols


def symbols(text: str) -> list[str]:
    return [symbol for _begin, _end, symbol in find_symbols(text)]


def mandates(text: str) -> list[str]:
    return [number for _begin, _end, number in find_mandates(text, find_symbols(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("См. документ CTOC/COP/WG.10/2019/5.", ["CTOC/COP/WG.10/2019/5"]),
        ("the report CAC/COSP/IRG/2021/3, and", ["CAC/COSP/IRG/2021/3"]),
        ("General Assembly resolution (A/RES/58/4)", ["A/RES/58/4"]),
        ("draft E/CN.15/2020/L.3/Rev.1; adopted", ["E/CN.15/2020/L.3/Rev.1"]),
        ("note S/2021/123 and A/75/250", ["S/2021/123", "A/75/250"]),
        ("addendum CAC/COSP/2019/5/Add.1.", ["CAC/COSP/2019/5/Add.1"]),
        ("press release UNIS/CP/1000", ["UNIS/CP/1000"]),
    ],
)
def test_symbols(text, expected):
    assert symbols(text) == expected


def test_symbols_typed_with_cyrillic_look_alike_letters_come_out_latin():
    # С, Т, О, Р, Е, А, В below are Cyrillic.
    assert symbols("документ СТОС/СОР/2020/1 и СТОС/СОР/WG.10/2019/5") == [
        "CTOC/COP/2020/1",
        "CTOC/COP/WG.10/2019/5",
    ]
    assert symbols("резолюция А/RES/58/4") == ["A/RES/58/4"]
    assert symbols("Е/СN.15/2020/L.3") == ["E/CN.15/2020/L.3"]


def test_symbol_spans_cover_the_symbol_without_trailing_punctuation():
    text = "Доклад CAC/COSP/2021/3."
    ((begin, end, symbol),) = find_symbols(text)
    assert text[begin:end] == "CAC/COSP/2021/3" and symbol == "CAC/COSP/2021/3"


@pytest.mark.parametrize(
    "text",
    [
        "МОТ/2020 и ООН/2020",  # two parts: more often something else
        "протокол TCP/IP и ПРООН/УНП ООН",
        "Бишкек, 05.06.19 /Агентство/.",
        "https://example.org/A/RES/58/4",
        "дроби 1/2/3 и даты 12/2021",
        "ул. Ленина/д. 5/кв. 7",
        "СНГ/ШОС/2020/1",  # Ш and Г are not Latin look-alikes
    ],
)
def test_not_symbols(text):
    assert symbols(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Конференция в своей резолюции 9/1 просила", ["9/1"]),
        ("резолюция 9/1 и резолюции 10/1 и 10/2", ["9/1", "10/1", "10/2"]),
        ("в соответствии с решением 4/4 Конференции", ["4/4"]),
        ("как указано в решении 5/1,", ["5/1"]),
        ("резолюциями 8/2, 8/3 и 8/4", ["8/2", "8/3", "8/4"]),
        ("резолюцией № 7/1", ["7/1"]),
        ("резолюции Генеральной Ассамблеи ООН 58/4", ["58/4"]),
        ("in its resolution 9/1, the Conference", ["9/1"]),
        ("recalling resolutions 9/1 and 9/2", ["9/1", "9/2"]),
        ("resolutions 6/1, 6/2, and 6/3", ["6/1", "6/2", "6/3"]),
        ("by decision 4/4 of the Conference", ["4/4"]),
        ("Economic and Social Council resolution 2004/23", ["2004/23"]),
    ],
)
def test_mandates(text, expected):
    assert mandates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "номер 12/2021 и выпуск 3/15",  # no keyword
        "решение от 12/2021",
        "decision of 12/2021",
        "resolution CTOC/COP/2020/1",  # a symbol, not a mandate number
        "в 2/3 случаев решение принимается",
        "решение принимается большинством в 2/3 голосов",
        "resolution 9/2021",  # the right side is at most three digits
        "резолюции, принятые в 2019 году",
    ],
)
def test_not_mandates(text):
    assert mandates(text) == []


def test_numbers_inside_symbols_are_not_mandates():
    text = "resolution 1/1 (CAC/COSP/2021/3/Add.1)"
    found = find_symbols(text)
    assert [n for _b, _e, n in find_mandates(text, found)] == ["1/1"]
    assert [n for _b, _e, n in find_mandates(text)] == ["1/1"]


def test_mandate_spans_point_at_the_numbers():
    text = "резолюции 10/1 и 10/2"
    assert [text[b:e] for b, e, _n in find_mandates(text)] == ["10/1", "10/2"]


@given(st.text(max_size=300))
def test_never_raises(text):
    found = find_symbols(text)
    for begin, end, symbol in found:
        assert 0 <= begin < end <= len(text)
        assert symbol.count("/") >= 2 and not re.search("[\u0400-\u04ff]", symbol)
    for begin, end, number in find_mandates(text, found):
        assert text[begin:end] == number
