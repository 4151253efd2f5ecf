"""UN document symbols: parsed into parts, look-alike letters normalized, bad ones refused."""

import pytest
from django.utils import translation

from accord.documents.symbols import SymbolError, is_symbol, parse_symbol


@pytest.mark.parametrize(
    ("text", "symbol", "series", "bodies", "year", "session", "doc_type", "number", "modifiers"),
    [
        ("CTOC/COP/WG.10/2019/5", "CTOC/COP/WG.10/2019/5", "CTOC", ("COP", "WG.10"), 2019, None, "", "5", ()),
        ("CTOC/COP/2020/1", "CTOC/COP/2020/1", "CTOC", ("COP",), 2020, None, "", "1", ()),
        ("A/RES/58/4", "A/RES/58/4", "A", ("RES",), None, 58, "", "4", ()),
        ("A/C.3/77/L.10", "A/C.3/77/L.10", "A", ("C.3",), None, 77, "L", "10", ()),
        ("CAC/COSP/2021/1/Add.1", "CAC/COSP/2021/1/Add.1", "CAC", ("COSP",), 2021, None, "", "1", ("Add.1",)),
        (
            "ctoc/cop/2020/L.9/rev.1",
            "CTOC/COP/2020/L.9/Rev.1",
            "CTOC",
            ("COP",),
            2020,
            None,
            "L",
            "9",
            ("Rev.1",),
        ),
        (
            "CAC/COSP/IRG/2022/CRP.1",
            "CAC/COSP/IRG/2022/CRP.1",
            "CAC",
            ("COSP", "IRG"),
            2022,
            None,
            "CRP",
            "1",
            (),
        ),
        ("CTOC/COP/2020/INF/1", "CTOC/COP/2020/INF/1", "CTOC", ("COP",), 2020, None, "INF", "1", ()),
        ("E/CN.15/2021/12", "E/CN.15/2021/12", "E", ("CN.15",), 2021, None, "", "12", ()),
        (" A / RES / 58/4. ", "A/RES/58/4", "A", ("RES",), None, 58, "", "4", ()),
    ],
)
def test_valid_symbols_are_parsed(text, symbol, series, bodies, year, session, doc_type, number, modifiers):
    parsed = parse_symbol(text)
    assert (parsed.symbol, parsed.series, parsed.bodies) == (symbol, series, bodies)
    assert (parsed.year, parsed.session, parsed.doc_type, parsed.number, parsed.modifiers) == (
        year,
        session,
        doc_type,
        number,
        modifiers,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("СТОС/СОР/WG.10/2019/5", "CTOC/COP/WG.10/2019/5"),  # Cyrillic С, Т, О, Р
        ("СТОС/COP/2020/1", "CTOC/COP/2020/1"),
        ("САС/СОЅР/2021/1", "CAC/COSP/2021/1"),
        ("А/RЕS/58/4", "A/RES/58/4"),
        ("CTOC/COP/2020/L.9/Rеv.1", "CTOC/COP/2020/L.9/Rev.1"),  # a Cyrillic е inside a modifier
    ],
)
def test_cyrillic_lookalikes_are_normalized(text, expected):
    assert parse_symbol(text).symbol == expected


def test_root_drops_revisions_and_addenda():
    assert parse_symbol("CTOC/COP/2020/1/Add.1/Rev.2").root == "CTOC/COP/2020/1"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("CTOC", "at least two parts"),
        ("CTOC//COP/1", "empty part"),
        ("ЖКХ/2019/1", "not Latin look-alikes"),
        ("C T O C/1", "no spaces"),
        ("2020/CTOC", "starts with its series"),
        ("A/RES/58/4/WG", "comes after the numbers"),
        ("A/RES/58/4/5/6", "too many numbers"),
        ("CTOC/C*P/1", "not a valid part"),
    ],
)
def test_invalid_symbols_say_why(text, reason):
    with translation.override("en"), pytest.raises(SymbolError, match=reason):
        parse_symbol(text)
    assert not is_symbol(text)
