"""The secretariat's small form on the year page: an item's status and its meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.chairmanship.choices import ProgrammeItemStatus
from accord.core.forms import BootstrapFormMixin
from accord.meetings.models import Meeting


class ItemStatusForm(BootstrapFormMixin, forms.Form):
    """An item's status and the meeting that held it, the meeting typed for (the programme's year first).

    Each item of the page has its own form: its fields' ids carry the item's id.
    """

    pickers = {"meeting": "meeting"}

    status = forms.ChoiceField(label=_("Status"), choices=ProgrammeItemStatus.choices)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, item=None, user=None, **kwargs):
        if item is not None:
            kwargs.setdefault("auto_id", f"item-{item.pk}-%s")
        super().__init__(*args, **kwargs)
        # Any meeting the user may see: an item moved to another year is held at that year's meeting.
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user)
        self.fields["status"].widget.attrs.update({"class": "form-select form-select-sm"})
        self.fields["meeting"].widget.attrs["aria-label"] = _("Meeting")
        if item is not None:
            self.fields["meeting"].widget.first = {"year": item.programme.year}
            if item.meeting is not None:  # loaded with the programme: one form per item asks nothing more
                self.fields["meeting"].widget.known = {str(item.meeting_id): item.meeting}
            self.initial.setdefault("status", item.status)
            self.initial.setdefault("meeting", item.meeting_id)
