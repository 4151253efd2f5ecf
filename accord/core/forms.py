"""Form helpers shared by every app's editing pages."""

from django import forms
from django.contrib.auth import forms as auth_forms


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BootstrapFormMixin:
    """Bootstrap classes on every widget, so templates can render fields plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
