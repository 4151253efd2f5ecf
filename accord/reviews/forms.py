"""Forms of the review pages that the secretariat and the review's team fill in."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, DateInput
from accord.meetings.models import Meeting
from accord.reviews.choices import DialogueFormat, Phase, Side


class MoveForm(BootstrapFormMixin, forms.Form):
    to_phase = forms.ChoiceField(label=_("Move to"), choices=Phase.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DialogueForm(BootstrapFormMixin, forms.Form):
    pickers = {"meeting": "meeting"}

    dialogue_format = forms.ChoiceField(
        label=_("Visit or joint meeting"), choices=DialogueFormat.choices, required=False
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting record"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.order_by("-start_on")


class DueForm(BootstrapFormMixin, forms.Form):
    due_on = forms.DateField(label=_("Phase due on"), widget=DateInput())
    note = forms.CharField(label=_("Reason"), required=False)


class ExpertForm(BootstrapFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"))
    side = forms.ChoiceField(
        label=_("Side"),
        choices=[(Side.REVIEWER, Side.REVIEWER.label), (Side.UNDER_REVIEW, Side.UNDER_REVIEW.label)],
    )
    state = forms.ChoiceField(label=_("Reviewing state"), required=False)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—")] + [(s.pk, s.name) for s in review.reviewing_states()]
        self.review = review

    def clean_username(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["username"].strip()).first()
        if user is None:
            raise forms.ValidationError(_("No user has this name."))
        return user

    def clean_state(self):
        value = self.cleaned_data.get("state")
        if not value:
            return None
        return next((s for s in self.review.reviewing_states() if str(s.pk) == value), None)


class CommentForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))
    provision = forms.IntegerField(required=False, widget=forms.HiddenInput)
