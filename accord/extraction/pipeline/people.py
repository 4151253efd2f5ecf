"""People the text names, once each, with their posts (see `persons` for how a name and a title are read)."""

import datetime
import re

from accord.extraction.pipeline import morphology, names, persons, persons_en
from accord.extraction.pipeline.stages import (
    RU_INITIALS_PERSON,
    Text,
    char_span,
    norm_key,
)


def _person_candidates(doc: Text) -> list[tuple[int, int, str, str]]:
    """(begin, end, full name, nominative surname) of every name found, by any method."""
    others = [char_span(doc, m) for m in doc.matches if m.entry.kind != "person"]
    found = []
    read: dict[int, names.PersonName] = {}  # the names read through morphology, by where they begin
    if doc.language == "en":  # `persons_en`'s spans: the normal form is the full name
        for kind, begin, end, normal in doc.ner:
            if kind == "PER" and not any(b <= begin < e for b, e in others):
                found.append((begin, end, normal, persons_en.surname_of(normal)))
    for begin, end in _name_spans(doc, others) if doc.language != "en" else []:
        begin = names.east_asian_start(doc.text, begin, end)
        surface = doc.text[begin:end]
        if len(surface.split()) == 1 and not _looks_like_surname(surface):
            continue
        read[begin] = names.read_name(surface, names.context_cases(doc.text, begin))
        found.append((begin, end, read[begin].name, read[begin].surname))
    if doc.language == "ru":
        for m in RU_INITIALS_PERSON.finditer(doc.text):
            read[m.start()] = names.read_name(m.group(), names.context_cases(doc.text, m.start()))
            found.append((m.start(), m.end(), read[m.start()].name, read[m.start()].surname))
    for match in doc.matches:
        if match.entry.kind == "person":
            begin, end = char_span(doc, match)
            name = match.entry.name(doc.language)
            surname = name.split()[-1]
            if doc.language == "en":  # the surname as the text writes it ("NOVAK" for «Novák»)
                surname = persons_en.surname_as_written(doc.text[begin:end], surname)
            found.append((begin, end, name, surname))
    found.sort(key=lambda c: (c[0], -c[1]))
    kept: list[tuple[int, int, str, str]] = []
    for candidate in found:
        if kept and candidate[0] < kept[-1][1]:
            continue
        kept.append(candidate)
    # Surnames named alone take the form the text's full names show; given names alone join their owner.
    morphological = [c for c in kept if c[0] in read and read[c[0]].name == c[2]]
    settled = dict(
        zip((c[0] for c in morphological), names.settle([read[c[0]] for c in morphological]), strict=True)
    )
    out = []
    for begin, end, name, surname in kept:
        reading = settled.get(begin)
        if reading is not None:
            if reading.given_only:
                continue  # «Виктор» alone, when no full name of the text has that given name
            name, surname = reading.name, reading.surname
        out.append((begin, end, name, surname))
    return out


def _name_spans(doc: Text, others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The recognizer's person spans, cut at commas: «Овечкин, Фёдоров» names two people.

    A bracket ends the name: «Джошуа Вольф (Joshua Wolf)» gives the same name in its own spelling.
    """
    spans = []
    for kind, begin, end, _normal in doc.ner:
        if kind != "PER" or any(b <= begin < e for b, e in others):
            continue
        for part in re.finditer(r"[^,;]+", re.split(r"[(\[]", doc.text[begin:end])[0]):
            stripped = part.group().strip()
            if stripped:
                start = begin + part.start() + part.group().index(stripped)
                spans.append((start, start + len(stripped)))
    return spans


def _looks_like_surname(word: str) -> bool:
    parses = morphology.parses(word.lower())
    return bool(parses) and (not parses[0].is_known or bool({"Surn", "Name"} & set(parses[0].tag.grammemes)))


def find_persons(doc: Text, place_spans: list[tuple[int, int]]) -> list[dict]:
    people: dict[str, dict] = {}
    previous_end, previous_title = -1, ""
    candidates = _person_candidates(doc)
    keys = names.person_keys([(name, surname) for _b, _e, name, surname in candidates])
    english_titles = persons_en.titles(doc, [c[:2] for c in candidates]) if doc.language == "en" else None
    for number, (begin, end, name, surname) in enumerate(candidates):
        if any(b < end and begin < e for b, e in place_spans):
            continue
        following = candidates[number + 1][0] if number + 1 < len(candidates) else None
        joined = following is not None and doc.text[end:following].strip() in ("и", "and")
        name = name.strip(" .,")
        if len(surname) < 2:
            continue
        key = keys[number]
        person = people.setdefault(key, {"name": name, "surname": surname, "posts": []})
        if len(name) > len(person["name"]) and norm_key(surname) == norm_key(person["surname"]):
            person["name"] = name
        sentence_begin = doc.sentences[doc.sentence_of(begin)][0]
        between = doc.text[previous_end:begin] if previous_end >= sentence_begin else None
        if english_titles is not None:
            title = ""  # English posts are read per list item, below
        elif between is not None and between.strip() in ("и", "and", ","):
            title = previous_title  # a plural title before names joined by «и»: «Министры … A и B»
        else:
            title = persons.title_before(
                doc.text, max(sentence_begin, previous_end), begin, doc.language, joined
            )
        if english_titles is not None:
            titles = english_titles[number]
        else:
            titles = [title, persons.title_after(doc.text, end, doc.language)]
        for found in titles:
            if (
                found
                and len(found) <= 250
                and all(found.lower() != p["title"].lower() for p in person["posts"])
            ):
                person["posts"].append({"title": found})
        previous_end, previous_title = end, title
    _registry_posts(doc, people)
    # Keep at most the two most specific posts per person; a title inside a longer one is the same post.
    for person in people.values():
        if doc.language == "en":
            person["posts"] = persons_en.distinct_posts(person["posts"])
        titles = sorted(person["posts"], key=lambda p: -len(p["title"]))
        kept = []
        for post in titles:
            if not any(norm_key(post["title"]) in norm_key(other["title"]) for other in kept):
                kept.append(post)
        person["posts"] = kept[:2]
    return list(people.values())


def _registry_posts(doc: Text, people: dict[str, dict]) -> None:
    """Posts named without a name beside them, given to whoever held them on the text's date.

    «Президент Узбекистана принял …» and, later, «Шавкат Мирзиёев»: the
    registry says who was president then, and that person, when the text
    names them, gets the post. People the text does not name are not added.
    """
    if doc.gazetteer is None or not doc.gazetteer.posts:
        return
    day = datetime.date.fromisoformat(doc.published) if doc.published else None
    for match in doc.matches:
        if match.entry.kind not in ("state", "organization"):
            continue
        begin, end = char_span(doc, match)
        phrase = persons.post_phrase(doc.text, begin, doc.language)
        if not phrase:
            continue
        title, head = phrase
        organization = match.entry.key if match.entry.kind == "organization" else ""
        state = match.entry.key if match.entry.kind == "state" else match.entry.state
        for holder in doc.gazetteer.holders(head, organization, state, day):
            surname = (holder.name_ru or holder.name_en).split()[-1]
            person = _by_surname(people, surname)
            if person is None and holder.name_en:
                person = _by_surname(people, holder.name_en.split()[-1])
            full = f"{title} {doc.text[begin:end]}"
            if doc.language == "ru":
                full = morphology.nominative_phrase(persons.expand_title(full))
            if person is None or any(head[:5] in p["title"].lower() for p in person["posts"]):
                continue  # the text gave this post already, in its own words
            person["posts"].append({"title": full})


def _by_surname(people: dict[str, dict], surname: str) -> dict | None:
    """The one person of the text with this surname (None when there is none, or two)."""
    found = [p for p in people.values() if norm_key(p["surname"]) == norm_key(surname)]
    return found[0] if len(found) == 1 else None
