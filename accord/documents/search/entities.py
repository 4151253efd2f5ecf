"""Entity-aware search: a name of a registry entity in a query stands for all its names.

«Генпрокуратура России» is an alias of the Prosecutor General's Office of
the Russian Federation, so the query also looks for «Генеральная
прокуратура Российской Федерации», "Prosecutor General's Office of the
Russian Federation" and its other names, in both languages. Adjectives and
capitals are left out: «Москва» in a query means Moscow, not Russia. A
person's full name in Latin letters by any common romanization
("Kasym-Zhomart Tokayev", "Kasym-Jomart Tokaev") stands for the Russian
names too; bodies' and states' romanizations do not (МИД is not "mid").
"""

import functools
from collections import defaultdict

from accord.documents.search.analysis import terms
from accord.documents.search.query import And, Not, Or, Phrase, Term
from accord.registry.choices import AliasKind
from accord.registry.names import PERSON, NameIndex, name_index, romanizations

EXPANDING_ALIAS_KINDS = [
    AliasKind.ABBREVIATION,
    AliasKind.SHORT,
    AliasKind.OFFICIAL,
    AliasKind.INFLECTED,
    AliasKind.OTHER,
]
MAX_SPAN = 12
# Changes made in this process are seen at once (the registry's name index hears
# them); changes made by other processes within this many seconds.
RECHECK_SECONDS = 30


@functools.lru_cache(maxsize=2)
def _gazetteer(names: NameIndex) -> tuple[dict, dict]:
    index: dict[tuple[str, ...], set[tuple]] = defaultdict(set)
    expansions: dict[tuple, set[tuple[str, ...]]] = {}
    for key, record in names.records.items():
        texts = record.names() | {a.text for a in record.aliases if a.kind in EXPANDING_ALIAS_KINDS}
        if not texts:
            continue
        variants = {tuple(terms(text)) for text in texts}
        variants.discard(())
        expansions[key] = variants
        for variant in variants:
            index[variant].add(key)
        if record.kind == PERSON:
            for latin in {r for text in record.names() for r in romanizations(text)}:
                if spelled := tuple(terms(latin)):
                    index[spelled].add(key)
    return dict(index), expansions


def gazetteer() -> tuple[dict, dict]:
    """The search terms of every registry name, rebuilt when names change; looked at no more than every half minute."""
    return _gazetteer(name_index(max_age=RECHECK_SECONDS))


def _alternatives(keys: set[tuple], expansions: dict):
    variants = set()
    for key in keys:
        variants.update(expansions.get(key, ()))
    nodes = [Term(v[0]) if len(v) == 1 else Phrase(v) for v in sorted(variants)]
    return nodes[0] if len(nodes) == 1 else Or(nodes)


def _words(node) -> tuple[str, ...] | None:
    """The terms of a plain word or a phrase, in order; None for anything else."""
    if isinstance(node, Term) and not node.prefix:
        return (node.value,)
    if isinstance(node, Phrase):
        return node.terms
    return None


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
                span = [_words(x) for x in items[i : i + length]]
                # A hyphenated word is a phrase of its parts: «Касым-Жомарт Токаев» is three terms.
                if all(words is not None for words in span):
                    keys = index.get(tuple(t for words in span for t in words))
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
