"""Sample registration for `make demo` (`accord load-samples`): the 9th session of the UNCAC Conference.

Registration is opened through the service, by the inactive sample secretariat
account, with its deadline a month ahead of the day the samples are loaded, so
the demo focal points (`focal-uzb`, `focal-kaz`) can register their delegations.
A reload keeps what was registered and only moves a passed deadline.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.reference import Counts, ReferenceDataError
from accord.core.roles import Role, sample_account
from accord.delegations import services
from accord.delegations.choices import DelegationCategory
from accord.delegations.models import Registration

SAMPLE_SECRETARIAT = "sample-secretariat"
SAMPLE_MEETING = "uncac-cosp-9"
REPORT_KEY = "registrations"
OPEN_DAYS = 30


def load_samples() -> Counts:
    """Open registration for the sample session, or move its passed deadline; `{"registrations": {...}}`."""
    from accord.meetings.samples import sample_meetings

    meeting = sample_meetings().get(SAMPLE_MEETING)
    if meeting is None:
        raise ReferenceDataError([_("Sample registration needs the sample meetings: load them first.")])
    secretariat = sample_account(SAMPLE_SECRETARIAT, Role.SECRETARIAT)
    deadline = timezone.localdate() + datetime.timedelta(days=OPEN_DAYS)
    registration = Registration.objects.filter(meeting=meeting).first()
    if registration is None:
        services.open_registration(
            Registration(
                meeting=meeting,
                categories=[
                    DelegationCategory.MEMBER_STATE,
                    DelegationCategory.SIGNATORY_STATE,
                    DelegationCategory.OBSERVER_STATE,
                    DelegationCategory.IGO,
                    DelegationCategory.NGO,
                ],
                cap_in_person=4,
                cap_online=2,
                deadline_on=deadline,
                requires_note_verbale=True,
                requires_credentials=True,
            ),
            acting_user=secretariat,
        )
        return {REPORT_KEY: {"created": 1}}
    if registration.deadline_on < timezone.localdate() or not registration.is_open:
        registration.deadline_on = max(registration.deadline_on, deadline)
        registration.is_open = True
        services.update_registration(registration, acting_user=secretariat)
        return {REPORT_KEY: {"updated": 1}}
    return {REPORT_KEY: {"unchanged": 1}}
