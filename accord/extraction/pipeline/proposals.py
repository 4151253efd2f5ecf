"""Proposals: who proposed, supported or invited what («выступил с инициативой», "proposed").

A sentence with a proposal verb gives one proposal: the proposer is the
nearest person, state or organization named before the verb in the same
sentence, and the proposal is what the sentence says after the verb.
"""

import re
from dataclasses import dataclass

VERBS = [
    (
        "proposed",
        re.compile(
            r"\b(?:выступил[аи]?\s+с\s+(?:инициативой|предложением)|предложил[аи]?|внес(?:ла|ли)?\s+предложение)\b",
            re.I,
        ),
    ),
    ("supported", re.compile(r"\b(?:поддержал[аи]?|одобрил[аи]?)\b", re.I)),
    ("invited", re.compile(r"\b(?:пригласил[аи]?)\b", re.I)),
    ("proposed", re.compile(r"\b(?:proposed|suggested|put forward|initiated)\b", re.I)),
    ("supported", re.compile(r"\b(?:supported|endorsed|backed)\b", re.I)),
    ("invited", re.compile(r"\b(?:invited)\b", re.I)),
]


@dataclass
class Proposal:
    verb: str  # proposed | supported | invited
    proposer: str  # the name as the pipeline normalized it, or ""
    proposer_kind: str  # person | state | organization | ""
    text: str  # what was proposed
    begin: int  # offset of the verb
    sentence: str


def find_proposals(
    text: str, sentences: list[tuple[int, int]], actors: list[tuple[int, int, str, str]]
) -> list[Proposal]:
    """Proposals in the text; `actors` are (begin, end, kind, name) of persons, states and organizations."""
    found = []
    for begin, end in sentences:
        sentence = text[begin:end]
        for verb, pattern in VERBS:
            m = pattern.search(sentence)
            if not m:
                continue
            at = begin + m.start()
            before = [a for a in actors if begin <= a[0] < at]
            proposer = max(before, key=lambda a: a[0]) if before else None
            what = sentence[m.end() :].strip(" ,:;.—–-")
            if len(what) < 5:
                continue
            found.append(
                Proposal(
                    verb,
                    proposer[3] if proposer else "",
                    proposer[2] if proposer else "",
                    what[:500],
                    at,
                    sentence.strip(),
                )
            )
            break
    return found
