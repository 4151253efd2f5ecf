"""Topics of a text (DESIGN.md §4), from the lemmas and stems its words reduce to.

A topic counts when one of its terms occurs; multi-word terms are matched as
consecutive index terms, so «отмывания денег» and "money laundering" both
find money laundering.
"""

import functools

from accord.documents.search.analysis import terms

TOPIC_TERMS: dict[str, tuple[str, ...]] = {
    "corruption": (
        "коррупция",
        "коррупционный",
        "антикоррупционный",
        "взятка",
        "corrupt",
        "anti-corrupt",
        "briberi",
    ),
    "asset_recovery": (
        "возврат актив",
        "возвращение актив",
        "арест актив",
        "asset recoveri",
        "recoveri of asset",
    ),
    "mutual_legal_assistance": ("правовой помощь", "правовая помощь", "mutual legal assist", "legal assist"),
    "extradition": ("выдача", "экстрадиция", "extradit"),
    "terrorism": ("терроризм", "террористический", "terror"),
    "extremism": ("экстремизм", "экстремистский", "extrem"),
    "cybercrime": (
        "киберпреступность",
        "киберпреступление",
        "информационный технология преступление",
        "cybercrim",
    ),
    "illegal_migration": ("незаконный миграция", "нелегальный миграция", "illeg migrat", "irregular migrat"),
    "trafficking_in_persons": ("торговля человек", "торговля люди", "traffick in person", "human traffick"),
    "smuggling_of_migrants": ("незаконный ввоз мигрант", "smuggl of migrant", "migrant smuggl"),
    "firearms": ("огнестрельный оружие", "firearm"),
    "drugs": ("наркотик", "наркотический", "drug", "narcot"),
    "money_laundering": (
        "отмывание",
        "легализация преступный доход",
        "легализация доход",
        "money launder",
        "launder",
    ),
    "integrity": (
        "добропорядочность",
        "этика",
        "конфликт интерес",
        "integr",
        "ethic",
        "conflict of interest",
    ),
    "technical_assistance": ("технический помощь", "техническая помощь", "technic assist", "capac build"),
    "digitalization": ("цифровизация", "цифровой", "digit", "artifici intellig", "искусственный интеллект"),
}


@functools.cache
def _sequences() -> dict[str, list[tuple[str, ...]]]:
    return {topic: [tuple(terms(t)) for t in phrases] for topic, phrases in TOPIC_TERMS.items()}


def topics(text_terms: list[str]) -> list[str]:
    """The topics whose terms occur in a text's index terms, in the table's order."""
    present = set(text_terms)
    found = []
    for topic, sequences in _sequences().items():
        for sequence in sequences:
            if not sequence or sequence[0] not in present:
                continue
            if len(sequence) == 1 or any(
                tuple(text_terms[i : i + len(sequence)]) == sequence for i in range(len(text_terms))
            ):
                found.append(topic)
                break
    return found
