"""Type-ahead pickers: one endpoint per kind of record and the form widget that asks it.

A form that chooses a state, an organization, a person, a meeting, a document
or an instrument renders a `PickerSelect` (or `PickerSelectMultiple`): a plain
`<select>` holding only the chosen options, which `accord/pickers.js` turns into
a Tom Select box asking `/autocomplete/<kind>/?q=` as the user types. The
endpoint offers only what the reader may see (each kind's `visible_to`), names
the records in the reader's language and sorts them by that name.

Core knows no app: each app registers its kinds (`register_picker`) from its
`AppConfig.ready`, saying how its records are found by a typed text.
"""

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Case, F, IntegerField, Model, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from accord.core.models import language_order

#: How many records one answer offers; the next ones come with `page=2`, ….
PAGE_SIZE = 20
#: A typed text longer than this is cut: no name is longer, and a long text is costly to match.
MAX_QUERY_LENGTH = 100


def fold(text: str) -> str:
    """`text` as pickers compare it: case, accents and «ё» set aside, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def matches(query: str, names: Iterable[str]) -> bool:
    """True when every word of `query` is found in one of `names`, both folded (`fold`).

    «кырг респ» finds «Кыргызская Республика»; «KYRGYZ» finds "Kyrgyz Republic".
    """
    words = fold(query).split()
    for name in names:
        folded = fold(name)
        if folded and all(word in folded for word in words):
            return True
    return False


def record_id(value: str) -> int:
    """A record's id sent as text (`?state=12`); `ValueError` for anything else (a `PickerKind.first` value)."""
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        raise ValueError(value)
    return int(value)


def localized_order(*fields: str) -> list:
    """Order expressions by the first field in the reader's language (the other language when empty).

    `localized_order("name")` sorts states by `name_ru` for Russian readers and
    by `name_en` (falling back to `name_ru`) for English ones.
    """
    first, second = language_order()
    return [Coalesce(NullIf(F(f"{name}_{first}"), Value("")), F(f"{name}_{second}")).asc() for name in fields]


def text_search(*fields: str) -> Callable[[QuerySet, str], QuerySet]:
    """A search that folds each record's `fields` in Python: for tables of hundreds or thousands of rows.

    Both databases then match alike (SQLite's LIKE ignores the case of ASCII
    letters only, so «конвенция» would not find «Конвенция» there).
    """

    def search(queryset: QuerySet, text: str) -> QuerySet:
        found = [
            pk
            for pk, *names in queryset.values_list("pk", *fields)
            if matches(text, (n or "" for n in names))
        ]
        return queryset.filter(pk__in=found)

    return search


def database_search(*fields: str) -> Callable[[QuerySet, str], QuerySet]:
    """A search the database does, for tables too large to read (documents): each word in one of `fields`.

    The word is looked for as typed, in lower case and capitalized, so that
    SQLite (whose LIKE folds ASCII letters only) finds «Доклад» from «доклад» as
    PostgreSQL does; accents are not set aside here.
    """

    def search(queryset: QuerySet, text: str) -> QuerySet:
        for word in text.split():
            variants = {word, word.lower(), word.capitalize(), word.upper()}
            condition = Q()
            for name in fields:
                for variant in variants:
                    condition |= Q(**{f"{name}__icontains": variant})
            queryset = queryset.filter(condition)
        return queryset

    return search


@dataclass(frozen=True)
class PickerKind:
    """How one kind of record is offered: who sees which, how it is found, named and sorted.

    `search(queryset, text)` narrows the visible records to those the typed
    text names (`text_search` and `database_search` are the usual ways); `ordering()` gives the order-by expressions in the
    reader's language; `label(obj)` the name shown (by default `str(obj)`).
    """

    name: str
    model: type[Model]
    search: Callable[[QuerySet, str], QuerySet]
    ordering: Callable[[], list]
    visible: Callable[[object], QuerySet] | None = None
    label: Callable[[Model], str] = field(default=str)
    #: Fields other than the id a form may choose by (`?key=iso3`: a state's code, as filters use it).
    keys: tuple[str, ...] = ()
    #: What a form may ask to see first: a parameter's name and the condition its value makes
    #: (`?state=12` puts a state's documents before the others). A value the condition
    #: cannot take (`ValueError`) changes nothing.
    first: dict[str, Callable[[str], Q]] = field(default_factory=dict)

    def queryset(self, user) -> QuerySet:
        """The records `user` may be offered."""
        if self.visible is not None:
            return self.visible(user)
        return self.model.objects.visible_to(user)

    def find(self, user, text: str, first: dict[str, str] | None = None) -> QuerySet:
        """The records `user` may see that `text` names, sorted by name in the reader's language.

        `first` ({parameter: value}, of the kind's `first`) puts the records it
        names before the others, each group in the usual order.
        """
        queryset = self.queryset(user)
        text = " ".join(text[:MAX_QUERY_LENGTH].split())
        if fold(text):
            queryset = self.search(queryset, text)
        preferred = []
        for name, value in (first or {}).items():
            condition = self.first.get(name)
            if condition is None or not value:
                continue
            try:
                wanted = condition(value[:MAX_QUERY_LENGTH])
            except ValueError:
                continue
            preferred.append(Case(When(wanted, then=Value(0)), default=Value(1), output_field=IntegerField()))
        return queryset.order_by(*preferred, *self.ordering(), "pk")


_KINDS: dict[str, PickerKind] = {}


def register_picker(kind: PickerKind) -> None:
    """Make `kind` known to the endpoint and to the widgets (called from an app's `ready`)."""
    _KINDS[kind.name] = kind


def picker_kind(name: str) -> PickerKind | None:
    return _KINDS.get(name)


def picker_kinds() -> dict[str, PickerKind]:
    return dict(_KINDS)


def picker_page(
    user, name: str, text: str, page: int = 1, key: str = "", first: dict[str, str] | None = None
) -> dict | None:
    """The endpoint's answer: `{"results": [{"value", "text"}], "more": bool}`.

    None for an unknown kind, or a `key` the kind does not offer. Each value
    is the record's id, or its `key` field when asked for. `first` holds the
    request's parameters; those the kind knows (`PickerKind.first`) order the answer.
    """
    kind = picker_kind(name)
    if kind is None or (key and key not in kind.keys):
        return None
    start = (max(page, 1) - 1) * PAGE_SIZE
    wanted = {n: str(first[n]) for n in kind.first if first and first.get(n)}
    rows = list(kind.find(user, text, wanted)[start : start + PAGE_SIZE + 1])
    return {
        "results": [
            {"value": str(getattr(obj, key or "pk")), "text": kind.label(obj)} for obj in rows[:PAGE_SIZE]
        ],
        "more": len(rows) > PAGE_SIZE,
    }


class PickerWidgetMixin:
    """A select that renders only the chosen options and lets `accord/pickers.js` fetch the others.

    So a page never writes 276 organizations or thousands of people into its
    HTML, and whatever the user may pick comes from the endpoint, which keeps
    to `visible_to`. The chosen options are named as the endpoint names them.
    """

    def __init__(
        self, kind: str, attrs: dict | None = None, key: str = "", first: dict | None = None, **kwargs
    ):
        self.kind, self.key = kind, key
        #: Sent with every question (`PickerKind.first`): `{"state": 12}` offers that state's records first.
        self.first = dict(first or {})
        #: Chosen records the page already holds, by id: a form per row of a list then asks nothing more.
        self.known: dict[str, Model] = {}
        super().__init__(attrs=attrs, **kwargs)

    def get_context(self, name, value, attrs):
        picker = picker_kind(self.kind)
        if picker is None:
            raise ImproperlyConfigured(f"No picker is registered for {self.kind!r}.")
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        url = reverse("autocomplete", kwargs={"kind": self.kind})
        params = {"key": self.key} if self.key else {}
        params.update({name: value for name, value in self.first.items() if value not in (None, "")})
        widget_attrs["data-picker"] = f"{url}?{urlencode(params)}" if params else url
        widget_attrs["autocomplete"] = "off"
        return context

    def optgroups(self, name, value, attrs=None):
        choices = self.choices
        queryset = getattr(choices, "queryset", None)
        if queryset is None:  # plain choices: nothing to spare
            return super().optgroups(name, value, attrs)
        model_field = choices.field
        chosen = {str(v) for v in value if v not in (None, "")}
        options: list = []
        if model_field.empty_label is not None and not self.allow_multiple_selected:
            options.append(("", model_field.empty_label))
        if chosen:
            key = model_field.to_field_name or "pk"
            if chosen <= self.known.keys():
                found = [self.known[v] for v in sorted(chosen)]
            else:
                try:
                    found = list(queryset.filter(**{f"{key}__in": chosen}))
                except (ValueError, TypeError, ValidationError):
                    found = []  # a value that is no key: the form says so beside the field
            picker = picker_kind(self.kind)
            label = picker.label if picker else model_field.label_from_instance
            options += [(choices.choice(obj)[0], label(obj)) for obj in found]
        saved, self.choices = self.choices, options
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = saved


class PickerSelect(PickerWidgetMixin, forms.Select):
    """One record of a kind, chosen by typing its name."""


class PickerSelectMultiple(PickerWidgetMixin, forms.SelectMultiple):
    """Several records of a kind, each chosen by typing its name."""


def use_pickers(form: forms.BaseForm, **kinds: str) -> None:
    """Give the named fields of `form` pickers of the given kinds: `use_pickers(form, state="state")`.

    Fields the form does not have are passed over, so a form that drops a
    field for some users needs no second call. What the form validates is
    still its fields' querysets: keep them to the user's `visible_to`, as the
    endpoint does (`restrict_to_visible`).
    """
    for field_name, kind in kinds.items():
        form_field = form.fields.get(field_name)
        if form_field is None:
            continue
        widget_class = (
            PickerSelectMultiple if isinstance(form_field, forms.ModelMultipleChoiceField) else PickerSelect
        )
        key = getattr(form_field, "to_field_name", None) or ""
        if key == form_field.queryset.model._meta.pk.name:
            key = ""  # a foreign key's field names the id: the default
        widget = widget_class(kind, attrs=dict(form_field.widget.attrs), key=key)
        widget.choices = form_field.choices
        widget.is_required = form_field.widget.is_required
        form_field.widget = widget


def restrict_to_visible(form: forms.BaseForm, user, *names: str) -> None:
    """Narrow the named model choice fields of `form` to what `user` may see (each model's `visible_to`).

    A picker offers only visible records; this makes the form refuse the
    others when their ids are sent by hand. Fields the form lacks are passed over.
    """
    for name in names:
        form_field = form.fields.get(name)
        if form_field is None:
            continue
        queryset = form_field.queryset
        visible = queryset.model.objects.visible_to(user)
        form_field.queryset = queryset.filter(pk__in=visible.values("pk"))


def filter_picker(kind: str, key: str = "") -> PickerSelect:
    """The widget of a list filter that chooses one record of `kind` (`?state=KAZ`: `key="iso3"`)."""
    return PickerSelect(kind, attrs={"class": "form-select"}, key=key)
