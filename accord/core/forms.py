"""Form helpers shared by every app's editing pages, and the parsing of numbers from requests."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from accord.core.collation import sort_key

# The range of a 64-bit signed integer: the widest integer column (and primary key) of
# SQLite and PostgreSQL. SQLite cannot even bind a larger Python int (OverflowError).
DB_INTEGER_MIN = -(2**63)
DB_INTEGER_MAX = 2**63 - 1


def whole_number(value: object, *, max_value: int = DB_INTEGER_MAX) -> int | None:
    """A non-negative whole number written in ASCII digits (an id, a page, a year), else None.

    Not `str.isdigit()`: it also accepts «²» and «٣», which `int()` refuses or reads; and never
    a number a database column cannot hold, which SQLite refuses to bind.
    """
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(max_value)):
        return None
    number = int(text)
    return number if number <= max_value else None


def limit_file_count(files: list) -> list:
    """The files of one upload field, refused when there are more than one upload may carry.

    Django's own hard limit (`DATA_UPLOAD_MAX_NUMBER_FILES`) is set well above
    `ACCORD_MAX_UPLOAD_FILES`, so that it is this message, beside the field of a form that
    keeps everything else typed, that a user sees, not a bare "Bad Request".
    """
    limit = settings.ACCORD_MAX_UPLOAD_FILES
    if len(files) > limit:
        raise forms.ValidationError(
            _("At most %(limit)s files can be sent at once; %(count)s were chosen."),
            code="too_many_files",
            params={"limit": limit, "count": len(files)},
        )
    return files


class BoundedIntegerField(forms.IntegerField):
    """A whole number a database column can hold: `1.5`, `1e30` and 20 digits are refused."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        min_value = DB_INTEGER_MIN if min_value is None else max(min_value, DB_INTEGER_MIN)
        max_value = DB_INTEGER_MAX if max_value is None else min(max_value, DB_INTEGER_MAX)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class YearField(BoundedIntegerField):
    """A year dates can have (Python's `date` knows the years 1 to 9999)."""

    default_error_messages = {
        "invalid": _("Enter a year between 1 and 9999."),
        "min_value": _("Enter a year between 1 and 9999."),
        "max_value": _("Enter a year between 1 and 9999."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=9999, **kwargs)


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CollatedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """A choice list of named records in the reader's alphabetical order, whatever the queryset's order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from sorted((self.choice(obj) for obj in self.queryset), key=lambda choice: sort_key(choice[1]))


def is_named_by_name(model) -> bool:
    """Records a list shows by name: their default order is their name (states, organizations)."""
    ordering = getattr(model._meta, "ordering", None) or []
    return bool(ordering) and str(ordering[0]).lstrip("-") in {"name_ru", "name_en"}


def collate_choices(form: forms.BaseForm) -> None:
    """Give every choice list of named records (states, organizations) the reader's alphabetical order.

    A field's queryset is built once, at import, in no reader's language; the
    order is therefore set when the choices are listed, by their labels.
    """
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and is_named_by_name(field.queryset.model):
            field.iterator = CollatedModelChoiceIterator
            field.widget.choices = field.choices


class BootstrapFormMixin:
    """Bootstrap classes on every widget, so templates can render fields plainly; named choices in collation order.

    `pickers` names the fields that choose a registry record, a meeting, a
    document or an instrument, with the kind of each (`{"body": "organization"}`):
    they get type-ahead pickers (`accord.core.pickers`).
    """

    pickers: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        from accord.core.pickers import use_pickers

        super().__init__(*args, **kwargs)
        collate_choices(self)
        use_pickers(self, **self.pickers)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    """Django's password change, styled like the site's other forms."""


class VersionedFormMixin:
    """A ModelForm of a `VersionedModel` carries the version it was opened with, in a hidden field.

    The save then claims that version (`accord.core.concurrency`), so a form
    opened before someone else's save is refused instead of overwriting it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, initial=self.instance.version
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            if cleaned.get("version") is None and "version" not in self.errors:
                from django.utils.translation import gettext

                raise forms.ValidationError(
                    gettext("This form was sent without the version it was opened with; open it again."),
                    code="invalid",
                )
            if cleaned.get("version") is not None:
                self.instance.version = cleaned["version"]
        return cleaned


class LayoutFormMixin:
    """A form laid out in rows (`layout`, tuples of field names), as people read the record.

    `core/form.html` draws each row's fields side by side; fields the layout
    does not name come after, one a row.
    """

    layout: tuple[tuple[str, ...], ...] = ()

    def rows(self) -> list[tuple[int, list]]:
        """(Bootstrap column width, bound fields) for each row, the visible fields only."""
        visible = {bound.name: bound for bound in self.visible_fields()}
        rows, placed = [], set()
        for names in self.layout:
            fields = [visible[name] for name in names if name in visible]
            placed.update(names)
            if fields:
                rows.append((max(12 // len(fields), 3), fields))
        rows += [(6, [bound]) for name, bound in visible.items() if name not in placed]
        return rows


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    """A spreadsheet to import: what it holds and the file; the dry run comes first (`accord.core.imports`)."""

    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first row names the columns, as in the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, kinds: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(name, kind.title) for name, kind in kinds.items()]
