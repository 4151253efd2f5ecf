"""Forms of registration: they validate input; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, DateInput
from accord.delegations.choices import Credentials, DelegationCategory, LetterKind
from accord.delegations.models import Delegate, Registration
from accord.registry.models import Person


class RegistrationForm(BootstrapFormMixin, forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Open to"),
        choices=DelegationCategory.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Registration
        fields = [
            "categories",
            "cap_in_person",
            "cap_online",
            "deadline_on",
            "requires_note_verbale",
            "requires_credentials",
            "is_open",
        ]
        widgets = {"deadline_on": DateInput()}


class DelegateForm(BootstrapFormMixin, forms.ModelForm):
    """A nomination: a person of the registry, or a new one by name."""

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["person"].required = False

    class Meta:
        model = Delegate
        fields = [
            "person",
            "family_name_ru",
            "given_name_ru",
            "family_name_en",
            "given_name_en",
            "function",
            "position_ru",
            "position_en",
            "mode",
            "email",
            "phone",
        ]


class LetterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LetterKind.choices)
    file = forms.FileField(label=_("File (PDF, Word, scan)"))


class CredentialsForm(BootstrapFormMixin, forms.Form):
    credentials = forms.ChoiceField(label=_("Credentials"), choices=Credentials.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
