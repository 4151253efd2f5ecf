"""The PDF font Accord ships: present, licensed, and able to render Cyrillic in every style used."""

import io

from fpdf import FPDF
from pypdf import PdfReader

from accord.core.pdf import FONT_DIR, FONT_FAMILY, FONT_FILES, add_unicode_font


def test_the_font_files_and_their_licence_ship_with_the_project():
    for name in FONT_FILES.values():
        assert (FONT_DIR / name).stat().st_size > 100_000, name
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE").read_text()


def test_cyrillic_text_renders_in_regular_bold_and_italic():
    pdf = FPDF(format="A4")
    family = add_unicode_font(pdf)
    assert family == FONT_FAMILY
    pdf.add_page()
    lines = {"": "Обычный текст: ёж", "B": "Полужирный: Щука", "I": "Курсив: Юла"}
    for style, text in lines.items():
        pdf.set_font(family, style, size=12)
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    extracted = reader.pages[0].extract_text()
    for text in lines.values():
        assert text in extracted
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert len(embedded) == 3 and all("DejaVuSans" in name for name in embedded), embedded
