"""Forms of cooperation requests: particulars, status, notes and amounts."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, DateInput
from accord.core.pickers import use_pickers
from accord.core.roles import is_secretariat
from accord.legal_cooperation.choices import AmountStage, RequestStatus
from accord.legal_cooperation.models import CooperationRequest
from accord.legal_cooperation.querysets import focal_state_id
from accord.legal_cooperation.services import EDITABLE_FIELDS
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization


class CooperationRequestForm(BootstrapFormMixin, forms.ModelForm):
    """A focal point chooses the requesting authority among their own state's authorities."""

    class Meta:
        model = CooperationRequest
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "received_on": DateInput(),
            "acknowledged_on": DateInput(),
            "answered_on": DateInput(),
            "deadline_on": DateInput(),
            "subject": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        authorities = Organization.objects.filter(
            kind=OrganizationKind.NATIONAL_AUTHORITY, state__isnull=False
        ).select_related("state")
        self.fields["requested_authority"].queryset = authorities
        # Every state's authorities and the instruments are typed for; a focal point's own state's few stay a list.
        use_pickers(self, requested_authority="authority", instrument="instrument")
        state_id = focal_state_id(user)
        if not is_secretariat(user) and state_id is not None:
            self.fields["requesting_authority"].queryset = authorities.filter(state_id=state_id)
        else:
            self.fields["requesting_authority"].queryset = authorities
            use_pickers(self, requesting_authority="authority")
        self.fields["provision"].queryset = self.fields["provision"].queryset.select_related("instrument")


class StatusForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=RequestStatus.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class AmountForm(BootstrapFormMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=AmountStage.choices)
    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=2, min_value=Decimal("0.01"))
    currency = forms.CharField(
        label=_("Currency"), max_length=3, help_text=_("ISO 4217 code: USD, EUR, RUB.")
    )
    on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
