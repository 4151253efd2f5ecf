"""The Unicode font Accord's PDFs embed, shipped with the project.

fpdf2's core fonts are Latin-1 only, so a PDF with Cyrillic text needs a TrueType
font. DejaVu Sans 2.35 (the Bitstream Vera licence in `fonts/LICENSE`) lives in
`accord/core/fonts/`: no system font and no font-carrying package is needed.
"""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"
# fpdf2 style ("" regular, "B" bold, "I" italic) -> file in FONT_DIR.
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


def add_unicode_font(pdf: "FPDF") -> str:
    """Register DejaVu Sans (regular, bold, italic) on `pdf`; returns the family name for `set_font`."""
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, str(FONT_DIR / name))
    return FONT_FAMILY
