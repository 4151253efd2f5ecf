"""Forms of the secretariat: meetings, agenda items, participations, outcomes."""

from django import forms

from accord.core.forms import BootstrapFormMixin, DateInput, VersionedFormMixin
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation


class MeetingForm(VersionedFormMixin, BootstrapFormMixin, forms.ModelForm):
    """The whole meeting; a form opened before someone else saved it is refused, the input kept."""

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "body",
            "ordinal",
            "title_ru",
            "title_en",
            "start_on",
            "end_on",
            "city_ru",
            "city_en",
            "country",
            "format",
            "status",
            "parent",
            "confidentiality",
            "web_page",
            "description_ru",
            "description_en",
        ]
        widgets = {
            "start_on": DateInput(),
            "end_on": DateInput(),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class AgendaItemForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title_ru", "title_en"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting  # its position is the service's (`add_agenda_item`)


class ParticipationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["state", "organization", "person", "role", "mode", "note"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting


class OutcomeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "agenda_item", "mandate", "elected", "description_ru", "description_en"]
        widgets = {
            "description_ru": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
