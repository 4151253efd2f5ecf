"""Forms of the secretariat: meetings, agenda items, participations (one or many at once), outcomes."""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.core.forms import BootstrapFormMixin, DateInput, LayoutFormMixin, VersionedFormMixin
from accord.meetings.choices import MeetingFormat, ParticipantRole, ParticipationMode
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation
from accord.registry.models import Organization, Person, State
from accord.registry.names import ORGANIZATION, PERSON, STATE
from accord.registry.pickers import records_named


class MeetingForm(VersionedFormMixin, LayoutFormMixin, BootstrapFormMixin, forms.ModelForm):
    """The whole meeting; a form opened before someone else saved it is refused, the input kept.

    Laid out as people read a meeting: what and whose, its titles in both
    languages side by side, when (start and end on one row), where, then the rest.
    """

    pickers = {"body": "organization", "country": "state", "parent": "meeting"}
    layout = (
        ("kind", "body", "ordinal"),
        ("title_ru", "title_en"),
        ("start_on", "end_on"),
        ("city_ru", "city_en", "country"),
        ("format", "status", "confidentiality"),
        ("parent", "web_page"),
        ("description_ru", "description_en"),
    )

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


class TimeInput(forms.TimeInput):
    """The browser's time picker («10:30»)."""

    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class AgendaItemForm(BootstrapFormMixin, forms.ModelForm):
    """One agenda item; its number is offered (the next one), its position is the service's."""

    class Meta:
        model = AgendaItem
        fields = ["number", "starts_at", "ends_at", "title_ru", "title_en"]
        widgets = {"starts_at": TimeInput(), "ends_at": TimeInput()}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting  # its position is the service's (`add_agenda_item`)
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("number", next_agenda_number(meeting))


def next_agenda_number(meeting: Meeting) -> str:
    """The number after the agenda's highest whole number («4» after «1», «2», «3a»)."""
    numbers = [
        int(n) for n in meeting.agenda_items.values_list("number", flat=True) if n.isascii() and n.isdigit()
    ]
    return str(max(numbers, default=0) + 1)


class ParticipationForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"state": "state", "organization": "organization", "person": "person"}

    class Meta:
        model = Participation
        fields = ["state", "organization", "person", "role", "mode", "note"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting


CYRILLIC = re.compile(r"[А-Яа-яЁё]")
CREATE, SKIP = "create", "skip"


@dataclass
class PastedName:
    """One line of a pasted list of participants, and what becomes of it.

    `found` are the registry records whose name the line is (kind, pk, label);
    one makes the line resolved. Otherwise the secretariat decides: one of
    the records found, a new person (`family`, `given` as prefilled or
    corrected), or to skip the line.
    """

    number: int
    text: str
    found: list[tuple[str, int, str]] = field(default_factory=list)
    decision: str = ""
    family: str = ""
    given: str = ""
    patronymic: str = ""

    @property
    def resolved(self) -> bool:
        return len(self.found) == 1

    @property
    def russian(self) -> bool:
        return bool(CYRILLIC.search(self.text))

    @property
    def prefix(self) -> str:
        return f"line-{self.number}"

    @property
    def options(self) -> list[tuple[str, str]]:
        """(decision value, label) of each record found: what a choice among several posts."""
        return [(f"{kind}:{pk}", label) for kind, pk, label in self.found]


def _split_name(text: str, russian: bool) -> tuple[str, str, str]:
    """(family, given, patronymic) as lists write them: «Иванов Иван Иванович», "Ivan Ivanov"."""
    words = text.replace(",", " ").split()
    if not words:
        return "", "", ""
    if russian:
        return words[0], " ".join(words[1:2]), " ".join(words[2:])
    return words[-1], " ".join(words[:-1]), ""


class BulkParticipantsForm(BootstrapFormMixin, forms.Form):
    """Many participants at once with one role and mode: states, bodies and a pasted list of names.

    Each pasted line is looked up in the registry (`records_named`): a line
    that names exactly one state, organization or person is taken; a line
    that names none or several is shown back with a choice (the records
    found, a new person, or skip) and nothing is saved until each is decided.
    """

    states = forms.ModelMultipleChoiceField(State.objects.none(), required=False, label=_("States"))
    organizations = forms.ModelMultipleChoiceField(
        Organization.objects.none(), required=False, label=_("Organizations and bodies")
    )
    names = forms.CharField(
        label=_("Names, one per line"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("States, bodies or people as they are written in the list of participants."),
    )
    role = forms.ChoiceField(label=_("role"), choices=ParticipantRole.choices, initial=ParticipantRole.MEMBER)
    mode = forms.ChoiceField(label=_("mode"), choices=ParticipationMode.choices)

    MAX_LINES = 300
    pickers = {"states": "state", "organizations": "organization"}

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["states"].queryset = State.objects.visible_to(user)
        self.fields["organizations"].queryset = Organization.objects.visible_to(user)
        self.fields["mode"].initial = (
            ParticipationMode.VIDEOCONFERENCE
            if meeting.format == MeetingFormat.ONLINE
            else ParticipationMode.IN_PERSON
        )
        self._people = Person.objects.visible_to(user)
        self.lines: list[PastedName] = []

    def clean_names(self) -> list[str]:
        lines = []
        for raw in self.cleaned_data.get("names", "").splitlines():
            text = " ".join(raw.strip(" \t;·•-–—").split())
            if text and text not in lines:
                lines.append(text)
        if len(lines) > self.MAX_LINES:
            raise forms.ValidationError(
                gettext("At most %(limit)s names at once; %(count)s were pasted.")
                % {"limit": self.MAX_LINES, "count": len(lines)}
            )
        return lines

    def clean(self):
        cleaned = super().clean()
        texts = cleaned.get("names") or []
        found = records_named(texts) if texts else {}
        labels = self._labels({key for keys in found.values() for key in keys})
        self.lines = []
        for number, text in enumerate(texts, start=1):
            keys = [key for key in found.get(text, []) if key in labels]
            line = PastedName(number, text, [(kind, pk, labels[(kind, pk)]) for kind, pk in keys])
            family, given, patronymic = _split_name(text, line.russian)
            prefix = line.prefix
            if self.data.get(f"{prefix}-text") == text:  # a decision taken on this very line
                line.decision = self.data.get(f"{prefix}-decision", "")
                family = self.data.get(f"{prefix}-family", family).strip()[:200]
                given = self.data.get(f"{prefix}-given", given).strip()[:200]
                patronymic = self.data.get(f"{prefix}-patronymic", patronymic).strip()[:200]
            line.family, line.given, line.patronymic = family, given, patronymic
            self.lines.append(line)
        undecided = [line for line in self.lines if not line.resolved and not self._valid_decision(line)]
        if undecided:
            raise forms.ValidationError(
                gettext(
                    "Some names were not found in the registry, or name several records: "
                    "choose for each what to do, then add again."
                ),
                code="undecided",
            )
        if not (cleaned.get("states") or cleaned.get("organizations") or self.lines):
            raise forms.ValidationError(gettext("Choose states or bodies, or paste names."), code="empty")
        return cleaned

    def _labels(self, keys: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
        """The names of the records found, in the reader's language: those the user may see only."""
        querysets = {
            STATE: self.fields["states"].queryset,
            ORGANIZATION: self.fields["organizations"].queryset,
            PERSON: self._people,
        }
        labels = {}
        for kind, queryset in querysets.items():
            ids = [pk for k, pk in keys if k == kind]
            if ids:
                labels.update({(kind, obj.pk): str(obj) for obj in queryset.filter(pk__in=ids)})
        return labels

    def _valid_decision(self, line: PastedName) -> bool:
        if line.decision == SKIP:
            return True
        if line.decision == CREATE:
            return bool(line.family)
        return line.decision in {f"{kind}:{pk}" for kind, pk, _label in line.found}

    def participants(self) -> dict:
        """The keyword arguments of `services.add_participants`: records chosen, found and to create."""
        chosen = {
            STATE: list(self.cleaned_data["states"]),
            ORGANIZATION: list(self.cleaned_data["organizations"]),
        }
        picked: dict[str, set[int]] = {STATE: set(), ORGANIZATION: set(), PERSON: set()}
        new_people = []
        for line in self.lines:
            if line.resolved:
                kind, pk, _label = line.found[0]
                picked[kind].add(pk)
            elif line.decision == CREATE:
                new_people.append(self._new_person(line))
            elif line.decision and line.decision != SKIP:
                kind, pk = line.decision.split(":")
                picked[kind].add(int(pk))
        return {
            "states": chosen[STATE]
            + list(State.objects.filter(pk__in=picked[STATE] - {s.pk for s in chosen[STATE]})),
            "organizations": chosen[ORGANIZATION]
            + list(
                Organization.objects.filter(
                    pk__in=picked[ORGANIZATION] - {o.pk for o in chosen[ORGANIZATION]}
                )
            ),
            "people": list(Person.objects.filter(pk__in=picked[PERSON])),
            "new_people": new_people,
            "role": self.cleaned_data["role"],
            "mode": self.cleaned_data["mode"],
        }

    @staticmethod
    def _new_person(line: PastedName) -> Person:
        if line.russian:
            return Person(family_name_ru=line.family, given_name_ru=line.given, patronymic_ru=line.patronymic)
        return Person(family_name_en=line.family, given_name_en=line.given)


class OutcomeForm(BootstrapFormMixin, forms.ModelForm):
    pickers = {"mandate": "mandate", "elected": "person"}

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
