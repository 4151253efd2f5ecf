"""The secretariat's small form on the year page: an item's status and its meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.chairmanship.choices import ProgrammeItemStatus
from accord.meetings.models import Meeting


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProgrammeItemStatus.choices)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            # Only the meetings of the programme's year keep the select box short.
            self.fields["meeting"].queryset = Meeting.objects.filter(start_on__year=item.programme.year)
            self.initial.setdefault("status", item.status)
            self.initial.setdefault("meeting", item.meeting_id)
