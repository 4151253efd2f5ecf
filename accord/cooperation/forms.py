"""Forms of the secretariat: initiatives, their steps and supporters; agreements, parties, activities."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.cooperation.choices import InitiativeStatus
from accord.cooperation.models import (
    Agreement,
    AgreementParty,
    Initiative,
    InitiativeSupport,
    PlannedActivity,
)
from accord.core.choices import Topic
from accord.core.forms import BootstrapFormMixin, DateInput
from accord.documents.models import Document
from accord.instruments.models import Mandate


class InitiativeForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {
        "proposer_state": "state",
        "proposer_organization": "organization",
        "proposer_person": "person",
        "meeting": "meeting",
    }
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        required=False,
        label=_("Topics"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Initiative
        fields = [
            "title_ru",
            "title_en",
            "proposer_state",
            "proposer_organization",
            "proposer_person",
            "meeting",
            "proposed_on",
            "topics",
            "confidentiality",
            "description_ru",
            "description_en",
        ]
        widgets = {
            "proposed_on": DateInput(),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class InitiativeStepForm(BootstrapFormMixin, forms.Form):
    """A new step of the timeline; `services.record_initiative_step` saves it."""

    pickers = {"mandate": "mandate"}

    status = forms.ChoiceField(choices=InitiativeStatus.choices, label=_("Status"))
    taken_on = forms.DateField(label=_("Date"), widget=DateInput())
    mandate = forms.ModelChoiceField(queryset=Mandate.objects.all(), required=False, label=_("Decision"))
    documents = forms.ModelMultipleChoiceField(
        queryset=Document.objects.none(),
        required=False,
        label=_("Documents"),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    note_ru = forms.CharField(
        label=_("Note (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note_en = forms.CharField(
        label=_("Note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, initiative: Initiative, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        linked = Q(pk__in=initiative.documents.values("pk"))
        if initiative.meeting_id:
            linked |= Q(meeting_id=initiative.meeting_id)
        self.fields["documents"].queryset = Document.objects.visible_to(user).filter(linked)


class InitiativeSupportForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"state": "state", "organization": "organization", "person": "person", "meeting": "meeting"}

    class Meta:
        model = InitiativeSupport
        fields = ["state", "organization", "person", "supported_on", "meeting", "note"]
        widgets = {"supported_on": DateInput()}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.initiative = initiative


class AgreementForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"signed_at_meeting": "meeting"}

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "title_ru",
            "title_en",
            "status",
            "signed_on",
            "signed_place",
            "signed_at_meeting",
            "entry_into_force_on",
            "term",
            "expires_on",
            "confidentiality",
            "description_ru",
            "description_en",
        ]
        widgets = {
            "signed_on": DateInput(),
            "entry_into_force_on": DateInput(),
            "expires_on": DateInput(),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class AgreementPartyForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"state": "state", "organization": "organization"}

    class Meta:
        model = AgreementParty
        fields = ["state", "organization", "role"]

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement


class PlannedActivityForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"meeting": "meeting"}

    class Meta:
        model = PlannedActivity
        fields = ["title_ru", "title_en", "kind", "start_on", "end_on", "status", "meeting", "note"]
        widgets = {"start_on": DateInput(), "end_on": DateInput()}

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
