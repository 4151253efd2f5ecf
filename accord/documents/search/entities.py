"""Entity-aware search: a name of a registry entity in a query stands for all its names.

«Генпрокуратура России» is an alias of the Prosecutor General's Office of
the Russian Federation, so the query also looks for «Генеральная
прокуратура Российской Федерации», "Prosecutor General's Office of the
Russian Federation" and its other names, in both languages. Adjectives and
capitals are left out: «Москва» in a query means Moscow, not Russia.
"""

import functools
import time
from collections import defaultdict

from django.db.models import Count, Max

from accord.documents.search.analysis import terms
from accord.documents.search.query import And, Not, Or, Phrase, Term
from accord.registry.choices import AliasKind
from accord.registry.models import Alias, Organization, Person, State

EXPANDING_ALIAS_KINDS = [
    AliasKind.ABBREVIATION,
    AliasKind.SHORT,
    AliasKind.OFFICIAL,
    AliasKind.INFLECTED,
    AliasKind.OTHER,
]
MAX_SPAN = 12


def _signature() -> tuple:
    """Changes whenever a name does, so the gazetteer is rebuilt only then."""
    return tuple(
        tuple(model.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values())
        for model in (Alias, Organization, State, Person)
    )


@functools.lru_cache(maxsize=2)
def _gazetteer(signature: tuple) -> tuple[dict, dict]:
    names: dict[tuple, set[str]] = defaultdict(set)
    for org in Organization.objects.all():
        names[("organization", org.pk)].update(
            n for n in (org.name_ru, org.name_en, org.abbreviation_ru, org.abbreviation_en) if n
        )
    for state in State.objects.all():
        names[("state", state.pk)].update(
            n for n in (state.name_ru, state.name_en, state.official_name_ru, state.official_name_en) if n
        )
    for person in Person.objects.all():
        for lang in ("ru", "en"):
            family, given = getattr(person, f"family_name_{lang}"), getattr(person, f"given_name_{lang}")
            if family and given:
                names[("person", person.pk)].add(f"{given} {family}")
    for alias in Alias.objects.filter(kind__in=EXPANDING_ALIAS_KINDS):
        key = (
            ("state", alias.state_id)
            if alias.state_id
            else (
                ("organization", alias.organization_id)
                if alias.organization_id
                else ("person", alias.person_id)
            )
        )
        names[key].add(alias.text)
    index: dict[tuple[str, ...], set[tuple]] = defaultdict(set)
    expansions: dict[tuple, set[tuple[str, ...]]] = {}
    for key, texts in names.items():
        variants = {tuple(terms(text)) for text in texts}
        variants.discard(())
        expansions[key] = variants
        for variant in variants:
            index[variant].add(key)
    return dict(index), expansions


_checked = {"at": 0.0, "signature": None}
# Changes made in this process reset the check at once (signals); changes made by
# other processes are seen within this many seconds.
RECHECK_SECONDS = 30


def names_changed(**kwargs) -> None:
    _checked["signature"] = None


def gazetteer() -> tuple[dict, dict]:
    """The name index, rebuilt when names change; looked at no more than every half minute."""
    now = time.monotonic()
    if _checked["signature"] is None or now - _checked["at"] > RECHECK_SECONDS:
        _checked["signature"], _checked["at"] = _signature(), now
    return _gazetteer(_checked["signature"])


def _alternatives(keys: set[tuple], expansions: dict):
    variants = set()
    for key in keys:
        variants.update(expansions.get(key, ()))
    nodes = [Term(v[0]) if len(v) == 1 else Phrase(v) for v in sorted(variants)]
    return nodes[0] if len(nodes) == 1 else Or(nodes)


def expand(tree):
    """The query tree with every entity name replaced by the alternatives of all its names."""
    if tree is None:
        return None
    index, expansions = gazetteer()

    def expand_sequence(items: list):
        out, i = [], 0
        while i < len(items):
            match = None
            for length in range(min(MAX_SPAN, len(items) - i), 0, -1):
                span = items[i : i + length]
                if all(isinstance(x, Term) and not x.prefix for x in span):
                    keys = index.get(tuple(x.value for x in span))
                    if keys:
                        match = (length, keys)
                        break
            if match:
                out.append(_alternatives(match[1], expansions))
                i += match[0]
            else:
                out.append(walk(items[i]))
                i += 1
        return out

    def walk(node):
        if isinstance(node, Term) and not node.prefix:
            keys = index.get((node.value,))
            return _alternatives(keys, expansions) if keys else node
        if isinstance(node, Phrase):
            keys = index.get(node.terms)
            return _alternatives(keys, expansions) if keys else node
        if isinstance(node, And):
            children = expand_sequence(node.children)
            return children[0] if len(children) == 1 else And(children)
        if isinstance(node, Or):
            return Or([walk(c) for c in node.children])
        if isinstance(node, Not):
            return Not(walk(node.child))
        return node

    return walk(tree)
