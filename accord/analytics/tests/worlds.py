"""Small hand-counted worlds for the analytics tests: every expected number is written in the tests."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accord.core.choices import Confidentiality
from accord.meetings.choices import MeetingKind, ParticipantRole, ParticipationMode
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import NationalAuthorityFactory, OrganizationFactory, StateFactory

D = datetime.date


@dataclass
class Bodies:
    a: object
    b: object


def meetings_world() -> Bodies:
    """Council A: 2 sessions in 2020 (one with a sitting), a visit in 2021, a confidential session in 2020.
    Council B: a session in 2021, a restricted meeting in 2022. No body: a seminar in 2022."""
    a = OrganizationFactory(name_en="Council A", name_ru="Совет А")
    b = OrganizationFactory(name_en="Council B", name_ru="Совет Б")
    host = StateFactory()

    def meeting(**kw):
        return MeetingFactory(country=host, end_on=None, **kw)

    session = meeting(body=a, start_on=D(2020, 3, 1))
    meeting(body=a, start_on=D(2020, 3, 2), parent=session)  # a sitting: not counted again
    meeting(body=a, start_on=D(2020, 11, 1))
    meeting(body=a, start_on=D(2021, 5, 1), kind=MeetingKind.VISIT)
    meeting(body=a, start_on=D(2020, 6, 1), confidentiality=Confidentiality.CONFIDENTIAL)
    meeting(body=b, start_on=D(2021, 7, 1))
    meeting(
        body=b, start_on=D(2022, 2, 1), kind=MeetingKind.MEETING, confidentiality=Confidentiality.RESTRICTED
    )
    meeting(body=None, start_on=D(2022, 9, 1), kind=MeetingKind.SEMINAR)
    return Bodies(a, b)


@dataclass
class Matrix:
    a: object
    b: object
    alpha: object
    beta: object
    gamma: object
    meetings: list


def matrix_world() -> Matrix:
    """m1 (A, 2020-03-01): Alpha member, Beta observer by videoconference; m2 (A, 2020-06-01): Alpha chair;
    m3 (B, 2021-01-10): Gamma guest, Alpha member; a confidential m4 (A) with Beta; m5 (A) with an
    organization only."""
    a = OrganizationFactory(name_en="Council A")
    b = OrganizationFactory(name_en="Council B")
    alpha = StateFactory(name_en="Alpha")
    beta = StateFactory(name_en="Beta")
    gamma = StateFactory(name_en="Gamma")
    host = StateFactory(name_en="Host")

    def meeting(body, day, **kw):
        return MeetingFactory(body=body, start_on=day, end_on=None, country=host, **kw)

    m1 = meeting(a, D(2020, 3, 1), title_en="First")
    m2 = meeting(a, D(2020, 6, 1), title_en="Second")
    m3 = meeting(b, D(2021, 1, 10), title_en="Third")
    m4 = meeting(a, D(2020, 9, 1), title_en="Secret", confidentiality=Confidentiality.CONFIDENTIAL)
    m5 = meeting(a, D(2020, 10, 1), title_en="Organizations only")
    ParticipationFactory(meeting=m1, state=alpha, role=ParticipantRole.MEMBER)
    ParticipationFactory(
        meeting=m1, state=beta, role=ParticipantRole.OBSERVER, mode=ParticipationMode.VIDEOCONFERENCE
    )
    ParticipationFactory(meeting=m2, state=alpha, role=ParticipantRole.CHAIR)
    ParticipationFactory(meeting=m3, state=gamma, role=ParticipantRole.GUEST)
    ParticipationFactory(meeting=m3, state=alpha, role=ParticipantRole.MEMBER)
    ParticipationFactory(meeting=m4, state=beta, role=ParticipantRole.MEMBER)
    ParticipationFactory(meeting=m5, state=None, organization=OrganizationFactory())
    return Matrix(a, b, alpha, beta, gamma, [m1, m2, m3, m4, m5])


@dataclass
class Network:
    p: object
    q: object
    r: object
    s: object


def network_world(performed_by) -> Network:
    """States P, Q, R, S.

    Agreements: {P, Q, R (through an authority)} and {P, Q} signed; {P, R} a draft; {P, S} confidential.
    Visits: to P by Q (and R as co-host, P itself); to Q by P; a session in P with S (not a visit).
    Requests: P→Q three, Q→P one (four in all); R→S six.
    Reviews: S reviewed by P and Q (published), R replaced; R reviewed by P (not published).
    """
    from accord.cooperation.tests.factories import AgreementFactory, AgreementPartyFactory
    from accord.legal_cooperation.tests.factories import CooperationRequestFactory

    p = StateFactory(name_en="P-land")
    q = StateFactory(name_en="Q-land")
    r = StateFactory(name_en="R-land")
    s = StateFactory(name_en="S-land")
    first = AgreementFactory(kind="multilateral")
    for party in (p, q):
        AgreementPartyFactory(agreement=first, state=party)
    AgreementPartyFactory(agreement=first, state=None, organization=NationalAuthorityFactory(state=r))
    second = AgreementFactory()
    for party in (p, q):
        AgreementPartyFactory(agreement=second, state=party)
    draft = AgreementFactory(status="draft", signed_on=None)
    for party in (p, r):
        AgreementPartyFactory(agreement=draft, state=party)
    secret = AgreementFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    for party in (p, s):
        AgreementPartyFactory(agreement=secret, state=party)

    visit_to_p = MeetingFactory(kind=MeetingKind.VISIT, country=p, start_on=D(2022, 4, 1), end_on=None)
    ParticipationFactory(meeting=visit_to_p, state=q)
    ParticipationFactory(meeting=visit_to_p, state=r, role=ParticipantRole.HOST)
    ParticipationFactory(meeting=visit_to_p, state=p)
    visit_to_q = MeetingFactory(kind=MeetingKind.VISIT, country=q, start_on=D(2023, 4, 1), end_on=None)
    ParticipationFactory(meeting=visit_to_q, state=p)
    session = MeetingFactory(kind=MeetingKind.SESSION, country=p, start_on=D(2022, 5, 1), end_on=None)
    ParticipationFactory(meeting=session, state=s)

    authority = {state.pk: NationalAuthorityFactory(state=state) for state in (p, q, r, s)}

    def requests(sender, receiver, n):
        for _ in range(n):
            CooperationRequestFactory(
                requesting_authority=authority[sender.pk],
                requested_authority=authority[receiver.pk],
                subject="Confidential particulars of the case",
            )

    requests(p, q, 3)
    requests(q, p, 1)
    requests(r, s, 6)

    _reviews(performed_by, p=p, q=q, r=r, s=s)
    return Network(p, q, r, s)


def _reviews(performed_by, *, p, q, r, s) -> None:
    from accord.instruments.tests.factories import InstrumentFactory
    from accord.reviews.models import Draw, ReviewerAssignment, Summary
    from accord.reviews.tests.factories import ClusterFactory, CountryReviewFactory

    cluster = ClusterFactory()
    instrument = InstrumentFactory()
    draw = Draw.objects.create(
        cycle=cluster.cycle,
        kind="reviewers",
        year=2016,
        seed="1",
        input={},
        result={},
        performed_by=performed_by,
    )
    redraw = Draw.objects.create(
        cycle=cluster.cycle,
        kind="redraw",
        year=2016,
        seed="2",
        input={},
        result={},
        performed_by=performed_by,
    )
    of_s = CountryReviewFactory(cluster=cluster, state=s)
    of_r = CountryReviewFactory(cluster=cluster, state=r)
    for reviewer in (p, q):
        ReviewerAssignment.objects.create(
            review=of_s, state=reviewer, instrument=instrument, same_group=False, draw=draw
        )
    ReviewerAssignment.objects.create(
        review=of_s, state=r, instrument=instrument, same_group=False, draw=draw, replaced_by=redraw
    )
    ReviewerAssignment.objects.create(
        review=of_r, state=p, instrument=instrument, same_group=False, draw=draw
    )
    Summary.objects.create(review=of_s, text_en="Summary", published_at=timezone.now())
