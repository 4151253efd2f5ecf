"""The registry's type-ahead pickers: states, organizations and persons found by any of their names.

A typed text is matched against the registry's name index (`accord.registry.names`):
every name and alias of a record, in both languages, case and accents set aside,
so «киргизия», "Kyrgyzstan" and «Кыргызская Республика» all offer the same state.
"""

from django.db.models import Q, QuerySet

from accord.core.pickers import PickerKind, fold, localized_order, matches, record_id, register_picker
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization, Person, State
from accord.registry.names import ORGANIZATION, PERSON, STATE, NamedRecord, name_index

BODY_KINDS = [OrganizationKind.IGO, OrganizationKind.BODY]
# Another process's rename is seen within this many seconds (this process's at once).
RECHECK_SECONDS = 30


def record_names(record: NamedRecord) -> list[str]:
    """Every text a record is known by: its names in both languages, all its aliases, a state's ISO3 code."""
    codes = [record.key] if record.kind == STATE else []
    return [record.name_ru, record.name_en, *record.other_names, *(a.text for a in record.aliases), *codes]


# Latin spellings of Cyrillic names found per typed text: enough for a picker's pages.
LATIN_MATCHES = 200


def matching_ids(kind: str, query: str) -> list[int]:
    """The ids of the records of `kind` one of whose names contains every word of `query`.

    A Latin spelling of a Cyrillic name ("Tokayev", "Kassym-Jomart") finds its
    record too, through the index's romanizations (the same as the site search).
    """
    index = name_index(max_age=RECHECK_SECONDS)
    ids = [record.pk for record in index.of_kind(kind) if matches(query, record_names(record))]
    known = set(ids)
    ids += [
        record.pk
        for record in index.find(query, kinds=(kind,), limit=LATIN_MATCHES)
        if record.pk not in known
    ]
    return ids


def _searcher(kind: str):
    def search(queryset: QuerySet, query: str) -> QuerySet:
        return queryset.filter(pk__in=matching_ids(kind, query))

    return search


def register_pickers() -> None:
    """Called once from the registry app's `ready`."""
    register_picker(
        PickerKind(STATE, State, _searcher(STATE), ordering=lambda: localized_order("name"), keys=("iso3",))
    )
    # The bodies meetings and documents are filtered by: international organizations and their organs.
    register_picker(
        PickerKind(
            "body",
            Organization,
            _searcher(ORGANIZATION),
            ordering=lambda: localized_order("name"),
            visible=lambda user: Organization.objects.visible_to(user).filter(kind__in=BODY_KINDS),
        )
    )
    register_picker(
        PickerKind(
            ORGANIZATION, Organization, _searcher(ORGANIZATION), ordering=lambda: localized_order("name")
        )
    )
    # A state's own ministries and agencies: the addressees of recommendations, the parties to requests.
    register_picker(
        PickerKind(
            "authority",
            Organization,
            _searcher(ORGANIZATION),
            ordering=lambda: localized_order("name"),
            visible=lambda user: (
                Organization.objects.visible_to(user)
                .filter(kind=OrganizationKind.NATIONAL_AUTHORITY)
                .select_related("state")
            ),
            first={"state": _of_state},
        )
    )
    register_picker(
        PickerKind(
            PERSON,
            Person,
            _searcher(PERSON),
            ordering=lambda: localized_order("family_name", "given_name"),
            first={"family": _named},
        )
    )


def _of_state(state_id: str) -> Q:
    """`?state=<id>`: that state's own organizations."""
    return Q(state_id=record_id(state_id))


def _named(family_name: str) -> Q:
    """`?family=<name>`: the people of that family name (in either language), as an extracted post names them."""
    # As written, or in the usual capitals: SQLite compares Cyrillic letters' case as different letters.
    spellings = {family_name, family_name.capitalize(), family_name.lower(), family_name.upper()}
    return Q(family_name_ru__in=spellings) | Q(family_name_en__in=spellings)


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(text).replace(",", " ").split())


def records_named(texts: list[str]) -> dict[str, list[tuple[str, int]]]:
    """For each text, the states, organizations and persons one of whose names or aliases it is exactly.

    Case, accents and the order of the words are set aside («иванов иван»
    names Иван Иванов), and a person's patronymic may be added («Иванов Иван
    Иванович»); a part of a name is not enough. Used to resolve a pasted list
    of participants: one record is a match, none or several are left for a
    person to decide.
    """
    by_words: dict[frozenset[str], set[tuple[str, int]]] = {}
    for key, record in name_index(max_age=RECHECK_SECONDS).records.items():
        for name in record_names(record):
            words = _words(name)
            if words:
                by_words.setdefault(words, set()).add(key)
    answer = {}
    for text in texts:
        wanted = _words(text)
        found = set(by_words.get(wanted, ()))
        if len(wanted) == 3:  # family, given name and patronymic: the index knows people without the last
            for word in wanted:
                found |= {key for key in by_words.get(wanted - {word}, ()) if key[0] == PERSON}
        answer[text] = sorted(found)
    return answer
