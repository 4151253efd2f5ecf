"""Every user-facing string has a Russian translation, and the compiled catalogue is current."""

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ru" / "LC_MESSAGES"


def _key(value):
    """Plural entries come back as lists from .mo files and tuples from .po files."""
    return tuple(value) if isinstance(value, list | tuple) else value


def _context(message):
    """babel reads a context as bytes from .mo files and as text from .po files."""
    context = message.context
    return context.decode() if isinstance(context, bytes) else context


def _catalog():
    with open(LOCALE / "django.po", "rb") as fh:
        return read_po(fh)


def test_no_russian_message_is_left_untranslated():
    untranslated = [
        m.id
        for m in _catalog()
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert untranslated == [], f"empty msgstr in locale/ru: {untranslated[:20]}"


def test_no_fuzzy_translations():
    fuzzy = [m.id for m in _catalog() if m.id and m.fuzzy]
    assert fuzzy == [], f"fuzzy entries in locale/ru: {fuzzy[:20]}"


def test_compiled_catalogue_matches_the_source():
    mo_path = LOCALE / "django.mo"
    if not mo_path.exists():
        pytest.fail("locale/ru/LC_MESSAGES/django.mo is missing: run `make messages`")
    with open(mo_path, "rb") as fh:
        compiled = {(_context(m), _key(m.id)): _key(m.string) for m in read_mo(fh) if m.id}
    source = {(_context(m), _key(m.id)): _key(m.string) for m in _catalog() if m.id}
    assert compiled == source, "django.mo is older than django.po: run `make messages`"


def test_makemessages_leaves_nothing_to_translate(tmp_path, settings, monkeypatch):
    """`make messages` run now adds no entry, empty or fuzzy, and drops none: the catalogue is whole.

    It runs on a copy of the sources, so the real catalogue is never rewritten by a test.
    """
    from django.core.management import call_command

    import accord

    copy = tmp_path / "accord"
    shutil.copytree(
        Path(accord.__file__).parent,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "static", "fonts", "*.toml"),
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["ru"], no_obsolete=True, add_location="file", verbosity=0)
    with open(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po", "rb") as fh:
        regenerated = read_po(fh)
    fuzzy_or_empty = [
        m.id
        for m in regenerated
        if m.id and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert fuzzy_or_empty == [], f"makemessages leaves these untranslated or fuzzy: {fuzzy_or_empty[:20]}"
    current = {(m.context, _key(m.id)) for m in _catalog() if m.id}
    fresh = {(m.context, _key(m.id)) for m in regenerated if m.id}
    assert sorted(current - fresh, key=str) == [], "entries no source uses any more: run `make messages`"
