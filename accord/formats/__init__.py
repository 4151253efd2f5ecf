"""One date style per language (FORMAT_MODULE_PATH): every page formats dates through these names.

Besides Django's own names, each module says how a partly known date reads
inside a sentence (`accord.core.dates.display_date`): Russian month names
are common nouns, and after «с» a month takes the genitive («с апреля 2023 г.»).
"""
