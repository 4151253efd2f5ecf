"""The role matrix: every API endpoint and every page kind, for every role.

Columns are the roles of `accord.core.testing` (anonymous, signed in without
a role, secretariat, focal point of the world's state, focal point of another
state, reviewer named on the world's review, analyst, contact of the world's
intergovernmental organization); each row names a
record of the world below and the roles allowed to read, create, change,
delete it or call an action on it. The answers follow from one rule
(`accord.core.testing.expected_api`, `expected_page`): allowed 2xx, hidden
404, refused 403, and a refusal changes nothing.

A new API endpoint, API action or page of a covered kind without a row here
fails `test_every_endpoint_is_in_the_matrix` / `test_every_page_is_in_the_matrix`.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.core.testing import (
    ANALYST,
    ANONYMOUS,
    EVERYONE,
    FOCAL_POINT,
    MEMBERS,
    NO_ROLE,
    NOBODY,
    ORGANIZATION_CONTACT,
    OTHER_FOCAL_POINT,
    REVIEWER,
    ROLES,
    SECRETARIAT,
    SIGNED_IN,
    Action,
    Page,
    Resource,
    View,
    api_endpoints,
    expected_action,
    expected_api,
    expected_page,
    mismatches,
    only,
    page_names,
    rolled_back,
    shared_test_data,
    short_body,
    snapshot,
)
from accord.portal.addresses import person_slug
from conftest import make_user

pytestmark = pytest.mark.django_db

S, F, OTHER, R, C = SECRETARIAT, FOCAL_POINT, OTHER_FOCAL_POINT, REVIEWER, ORGANIZATION_CONTACT
SECRETARIAT_ONLY = only(S)


# ---- the world: one record per resource, most of them the focal point's state's -------------------


def build_world() -> SimpleNamespace:
    from accord.chairmanship.tests.factories import ProgrammeFactory, ProgrammeItemFactory
    from accord.cooperation.models import InitiativeStep, InitiativeSupport
    from accord.cooperation.tests.factories import (
        AgreementFactory,
        AgreementPartyFactory,
        InitiativeFactory,
        PlannedActivityFactory,
    )
    from accord.documents.tests.factories import DocumentFactory
    from accord.extraction.tests.factories import MentionFactory, SuggestionFactory
    from accord.followup import services as followup
    from accord.followup.tests.factories import RecommendationFactory
    from accord.instruments.tests.factories import (
        InstrumentFactory,
        MandateFactory,
        PartyFactory,
        ProvisionFactory,
    )
    from accord.legal_cooperation import services as legal
    from accord.meetings.models import Outcome
    from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ParticipationFactory
    from accord.news.tests.factories import NewsAttachmentFactory, NewsItemFactory, PublishedNewsItemFactory
    from accord.registry.models import Alias, Membership
    from accord.registry.tests.factories import (
        NationalAuthorityFactory,
        OrganizationFactory,
        PersonFactory,
        PostFactory,
        StateFactory,
    )
    from accord.reviews import services as drawing
    from accord.reviews.choices import Phase, Side
    from accord.reviews.models import (
        Attachment,
        Comment,
        CountryReview,
        Draw,
        Observation,
        Summary,
        Transition,
    )
    from accord.reviews.services import save_answer
    from accord.reviews.tests.factories import review_setting
    from accord.reviews.tests.test_draw_services import world as draw_world

    w = SimpleNamespace()
    w.state = StateFactory(name_en="Ownland")
    w.other_state = StateFactory(name_en="Otherland")
    w.third_state = StateFactory(name_en="Thirdland")
    w.spare_state = StateFactory(name_en="Spareland")  # referenced by nothing: deletable
    w.users = {
        ANONYMOUS: None,
        NO_ROLE: make_user("matrix-none"),
        S: make_user("matrix-secretariat", Role.SECRETARIAT),
        F: make_user("matrix-focal", Role.FOCAL_POINT, state=w.state),
        OTHER: make_user("matrix-other", Role.FOCAL_POINT, state=w.other_state),
        R: make_user("matrix-reviewer", Role.REVIEWER),
        ANALYST: make_user("matrix-analyst", Role.ANALYST),
    }
    secretariat = w.users[S]

    # Registry: the state's authority with a hidden official; a free office to delete.
    w.igo = OrganizationFactory(name_en="Council")
    w.users[C] = make_user("matrix-contact", Role.ORGANIZATION_CONTACT, organization=w.igo)
    w.body = NationalAuthorityFactory(state=w.state, name_en="Own agency")
    w.office = NationalAuthorityFactory(state=w.state, name_en="Own office", parent=w.body)
    w.foreign_body = NationalAuthorityFactory(state=w.other_state, name_en="Foreign agency")
    w.foreign_office = NationalAuthorityFactory(state=w.other_state, name_en="Foreign office")
    w.person = PersonFactory(family_name_ru="Скрытнов", family_name_en="Hiddenson", is_public=False)
    w.post = PostFactory(person=w.person, organization=w.body)
    w.mixed_person = PersonFactory()  # serves both states: the secretariat's to edit
    PostFactory(person=w.mixed_person, organization=w.body)
    w.mixed_post = PostFactory(person=w.mixed_person, organization=w.foreign_body)
    w.membership = Membership.objects.create(body=w.igo, state=w.state, role="member")
    w.alias = Alias.objects.create(text="Ownish", language="en", kind="adjective", state=w.state)

    # Instruments.
    w.party = PartyFactory(state=w.state)
    w.instrument = w.party.instrument
    w.mandate = MandateFactory(body=w.igo)
    w.spare_instrument = InstrumentFactory(slug="spare-instrument")
    w.spare_provision = ProvisionFactory(instrument=w.spare_instrument, number="1")

    # Meetings: a restricted meeting held in the state.
    w.meeting = MeetingFactory(
        body=w.igo, country=w.state, confidentiality=Confidentiality.RESTRICTED, title_ru="Закрытое совещание"
    )
    w.agenda_item = AgendaItemFactory(meeting=w.meeting)
    w.participation = ParticipationFactory(meeting=w.meeting, state=w.state)
    w.outcome = Outcome.objects.create(meeting=w.meeting, kind="decision_adopted", description_en="Adopted")

    # Documents and what extraction found in them.
    w.document = DocumentFactory(
        title="Закрытый доклад", confidentiality=Confidentiality.RESTRICTED, text="Визит в Ташкент."
    )
    w.mention = MentionFactory(document=w.document)
    w.suggestion = SuggestionFactory(document=w.document)

    # Reviews: the state under review in the desk review, the reviewer named on it;
    # a second review of the state still answering its questionnaire.
    setting = review_setting(
        state=w.state, reviewer_users=[w.users[R]], phase=Phase.DESK_REVIEW, by=secretariat
    )
    w.review = setting.review
    w.mechanism, w.cycle, w.provision = setting.mechanism, setting.cluster.cycle, setting.provisions[0]
    w.draw = Draw.objects.get(cycle=w.cycle)
    w.transition = Transition.objects.create(
        review=w.review, from_phase=Phase.SELF_ASSESSMENT, to_phase=Phase.DESK_REVIEW, by=secretariat
    )
    w.comment = Comment.objects.create(
        review=w.review, author=secretariat, side=Side.SECRETARIAT, text="Noted"
    )
    w.observation = Observation.objects.create(
        review=w.review, provision=w.provision, kind="challenge", text_en="A gap", author=w.users[R]
    )
    w.summary = Summary.objects.create(review=w.review, text_en="Draft summary")
    # Drawing of lots: a cycle not drawn yet, and one drawn for its second year only.
    w.fresh_cycle = draw_world(groups={"AFR": 6, "EEG": 6}).cycle
    drawn = draw_world(groups={"AFR": 6, "EEG": 6}, redraws_allowed=1).cycle
    drawing.run_selection(drawn, acting_user=secretariat, seed=1)
    first_year, second_year = sorted(
        set(CountryReview.objects.filter(cycle=drawn).values_list("year", flat=True))
    )[:2]
    drawing.run_reviewer_draw(drawn, second_year, acting_user=secretariat, seed=1)
    w.drawn_cycle, w.waiting_year = drawn, first_year
    w.redraw_review = CountryReview.objects.filter(cycle=drawn, year=second_year).order_by("pk").first()
    answering = review_setting(state=w.state, phase=Phase.SELF_ASSESSMENT)
    w.answering_review = answering.review
    w.question = w.answering_review.cluster.questions.order_by("position", "pk").first()
    for question in w.answering_review.cluster.questions.filter(required=True):
        by_choice = question.kind == "implementation"
        save_answer(
            w.answering_review,
            question,
            acting_user=w.users[F],
            implementation="fully" if by_choice else "",
            text="" if by_choice else "Answered.",
            based_on=0,
        )
    text_question = w.answering_review.cluster.questions.exclude(kind="implementation").first()
    w.response = save_answer(
        w.answering_review, text_question, acting_user=w.users[F], text="Answered.", based_on=0
    ).response

    # Follow-up: a confidential recommendation to the state, with its report and assessment.
    w.recommendation = RecommendationFactory(
        state=w.state, confidentiality=Confidentiality.CONFIDENTIAL, text_ru="Раскрывать декларации"
    )
    w.unreported = RecommendationFactory(state=w.state, confidentiality=Confidentiality.CONFIDENTIAL)
    w.status_update = followup.report_progress(
        w.recommendation, acting_user=w.users[F], status="in_progress", text="Started."
    )
    w.assessment = followup.assess(w.status_update, acting_user=secretariat, comment="Agreed.")

    # Cooperation: a restricted initiative and agreement of the state.
    w.initiative = InitiativeFactory(
        proposer_state=w.state, confidentiality=Confidentiality.RESTRICTED, title_ru="Закрытая инициатива"
    )
    w.step = InitiativeStep.objects.create(
        initiative=w.initiative, status="under_discussion", taken_on=datetime.date(2021, 12, 14)
    )
    w.support = InitiativeSupport.objects.create(initiative=w.initiative, state=w.other_state)
    w.agreement = AgreementFactory(confidentiality=Confidentiality.RESTRICTED, title_ru="Закрытое соглашение")
    w.agreement_party = AgreementPartyFactory(agreement=w.agreement, state=w.state)
    w.activity = PlannedActivityFactory(agreement=w.agreement)

    # A cooperation request from the state to a third one (the other focal point is a stranger to it).
    w.request = legal.create_request(
        acting_user=secretariat,
        kind="mutual_legal_assistance",
        reference_number="MATRIX-1",
        requesting_authority=w.body,
        requested_authority=NationalAuthorityFactory(state=w.third_state),
        instrument=w.instrument,
        subject="Records of a company",
        received_on=datetime.date(2025, 1, 10),
    )
    w.access_log = w.request.access_log.first()
    w.recovery_request = legal.create_request(
        acting_user=secretariat,
        kind="asset_recovery",
        reference_number="MATRIX-3",
        requesting_authority=w.body,
        requested_authority=w.request.requested_authority,
        instrument=w.instrument,
        subject="Proceeds of a bribe",
        received_on=datetime.date(2025, 1, 20),
    )

    # Chairmanship and news.
    w.programme = ProgrammeFactory(body=w.igo, year=2024)
    w.programme_item = ProgrammeItemFactory(programme=w.programme)
    w.news = NewsItemFactory(title_en="Draft news", title_ru="Черновик новости")
    w.news_in_review = NewsItemFactory(title_en="News to check", status="review")
    w.published_news = PublishedNewsItemFactory(title_en="Published news")
    w.news_attachment = NewsAttachmentFactory(news=w.news)
    w.attachment = Attachment.objects.create(
        review=w.answering_review,
        question=w.question,
        file=ContentFile(b"Law on the civil service", name="law.txt"),
        name="law.txt",
        uploaded_by=w.users[F],
    )

    # Delegations: registration for the restricted meeting; the focal point's state nominated one delegate.
    from accord.delegations.tests.factories import (
        DelegateFactory,
        DelegationFactory,
        LetterFactory,
        RegistrationFactory,
    )
    from accord.meetings.tests.factories import MeetingFactory as _Meeting

    w.registration = RegistrationFactory(meeting=w.meeting, requires_note_verbale=False)
    w.delegation = DelegationFactory(registration=w.registration, state=w.state)
    w.delegate = DelegateFactory(delegation=w.delegation)
    w.unregistered_meeting = _Meeting(body=w.igo, country=w.state, confidentiality=Confidentiality.RESTRICTED)
    w.second_registration = RegistrationFactory(
        meeting=_Meeting(body=w.igo, country=w.state, confidentiality=Confidentiality.RESTRICTED)
    )
    w.letter = LetterFactory(delegation=w.delegation)
    # A public meeting's registration: the world's intergovernmental organization nominated one delegate.
    w.public_registration = RegistrationFactory(meeting=_Meeting(body=w.igo), requires_note_verbale=False)
    w.org_delegation = DelegationFactory(
        registration=w.public_registration, state=None, organization=w.igo, category="igo"
    )
    w.org_delegate = DelegateFactory(delegation=w.org_delegation)
    w.org_letter = LetterFactory(delegation=w.org_delegation)
    w.other_public_registration = RegistrationFactory(meeting=_Meeting(body=w.igo))
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (the function-scoped settings of conftest.py do not apply yet)."""
    private = tmp_path_factory.mktemp("matrix")
    with (
        shared_test_data(django_db_blocker),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=private / "media",
            ACCORD_OPENDATA_REFRESH_MINUTES=0,
        ),
    ):
        yield build_world()


@pytest.fixture(scope="module")
def api_clients(world):
    """One client per role for the module: a client loads the middleware once."""
    clients = {}
    for role in ROLES:
        client = APIClient()
        if world.users[role] is not None:
            client.force_authenticate(world.users[role])
        clients[role] = client
    return clients


def _letter_upload(delegation) -> dict:
    """A letter to upload (multipart): a new file for each call."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("credentials.pdf", b"%PDF-1.4 credentials", content_type="application/pdf")
    return {"delegation": delegation.pk, "kind": "credentials", "file": file}


# ---- the API table --------------------------------------------------------------------------------

REGISTRY_KEEPERS = only(S, F, OTHER)  # the secretariat and focal points add people and bodies

RESOURCES: dict[str, Resource] = {
    # registry
    "state": Resource(
        read=EVERYONE,
        subject=lambda w: w.spare_state,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"iso2": "ZX", "iso3": "ZZX", "m49": "001", "name_en": "Newland"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"name_en": "Renamed"},
        delete=SECRETARIAT_ONLY,
    ),
    "organization": Resource(
        read=EVERYONE,
        subject=lambda w: w.office,
        create=only(S, F),
        create_payload=lambda w: {
            "kind": "national_authority",
            "state": w.state.iso3,
            "name_en": "New department",
            "parent": w.body.pk,
        },
        update=only(S, F),
        update_payload=lambda w: {"name_en": "Renamed office"},
        delete=only(S, F),
    ),
    "person": Resource(
        read=MEMBERS,
        subject=lambda w: w.person,
        create=REGISTRY_KEEPERS,
        create_payload=lambda w: {"family_name_en": "Newman"},
        update=only(S, F),
        update_payload=lambda w: {"note": "Checked."},
        delete=only(S, F),
    ),
    "post": Resource(
        read=MEMBERS,
        subject=lambda w: w.post,
        create=only(S, F),
        create_payload=lambda w: {"person": w.person.pk, "organization": w.body.pk, "title_en": "Adviser"},
        update=only(S, F),
        update_payload=lambda w: {"title_en": "Director"},
        delete=only(S, F),
    ),
    "membership": Resource(
        read=EVERYONE,
        subject=lambda w: w.membership,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"body": w.igo.pk, "state": w.other_state.iso3, "role": "observer"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"note": "Since the founding."},
        delete=SECRETARIAT_ONLY,
    ),
    "alias": Resource(
        read=EVERYONE,
        subject=lambda w: w.alias,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "text": "Ownian",
            "language": "en",
            "kind": "adjective",
            "state": w.state.pk,
        },
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"text": "Ownese"},
        delete=SECRETARIAT_ONLY,
    ),
    "regional-group": Resource(read=EVERYONE, subject=lambda w: w.state.regional_group),
    # instruments
    "instrument": Resource(
        read=EVERYONE,
        subject=lambda w: w.instrument,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "slug": "new-convention",
            "kind": "convention",
            "name_en": "New convention",
        },
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"name_en": "Renamed convention"},
        delete=SECRETARIAT_ONLY,
        delete_subject=lambda w: w.spare_instrument,
    ),
    "provision": Resource(
        read=EVERYONE,
        subject=lambda w: w.provision,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"instrument": w.instrument.slug, "kind": "article", "number": "99"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Scope"},
        delete=SECRETARIAT_ONLY,
        delete_subject=lambda w: w.spare_provision,
    ),
    "party": Resource(
        read=EVERYONE,
        subject=lambda w: w.party,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"instrument": w.instrument.slug, "state": w.spare_state.iso3},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"note": "With a reservation."},
        delete=SECRETARIAT_ONLY,
    ),
    "mandate": Resource(
        read=EVERYONE,
        subject=lambda w: w.mandate,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"kind": "resolution", "number": "99/1", "body": w.igo.pk},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "On cooperation"},
        delete=SECRETARIAT_ONLY,
    ),
    # meetings: a restricted meeting and what it holds
    "meeting": Resource(
        read=MEMBERS,
        subject=lambda w: w.meeting,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "kind": "session",
            "body": w.igo.pk,
            "title_en": "New",
            "start_on": "2026-05-04",
        },
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Renamed session"},
        delete=SECRETARIAT_ONLY,
    ),
    "agenda-item": Resource(
        read=MEMBERS,
        subject=lambda w: w.agenda_item,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"meeting": w.meeting.pk, "number": "99", "title_en": "Other matters"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Opening"},
        delete=SECRETARIAT_ONLY,
    ),
    "participation": Resource(
        read=MEMBERS,
        subject=lambda w: w.participation,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"meeting": w.meeting.pk, "state": w.other_state.iso3},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"note": "Delegation of three."},
        delete=SECRETARIAT_ONLY,
    ),
    "outcome": Resource(
        read=MEMBERS,
        subject=lambda w: w.outcome,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"meeting": w.meeting.pk, "kind": "other", "description_en": "Agreed"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"description_en": "Adopted by consensus"},
        delete=SECRETARIAT_ONLY,
    ),
    # documents and extraction
    "document": Resource(
        read=MEMBERS,
        subject=lambda w: w.document,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"title": "New report", "language": "en", "kind": "report"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title": "Renamed report"},
        delete=SECRETARIAT_ONLY,
        actions={"publish": Action(SECRETARIAT_ONLY, payload=lambda w: {})},
    ),
    "mention": Resource(read=MEMBERS, subject=lambda w: w.mention),
    "suggestion": Resource(
        read=SECRETARIAT_ONLY,
        subject=lambda w: w.suggestion,
        actions={
            "accept": Action(SECRETARIAT_ONLY, payload=lambda w: {}),
            "reject": Action(SECRETARIAT_ONLY, payload=lambda w: {"note": "Not a meeting."}),
        },
    ),
    # reviews: the desk review of the state, worked on by its focal point and the named reviewer
    "review-mechanism": Resource(
        read=EVERYONE,
        subject=lambda w: w.mechanism,
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"name_en": "Renamed mechanism"},
    ),
    "review-cycle": Resource(read=EVERYONE, subject=lambda w: w.cycle),
    "country-review": Resource(
        read=only(S, F, R),
        subject=lambda w: w.review,
        actions={"move": Action(SECRETARIAT_ONLY, payload=lambda w: {"to_phase": "dialogue"})},
    ),
    "review-transition": Resource(read=only(S, F, R), subject=lambda w: w.transition),
    "review-comment": Resource(
        read=only(S, F, R),
        subject=lambda w: w.comment,
        create=only(S, F, R),
        create_payload=lambda w: {"review": w.review.pk, "text": "A question on article 5."},
    ),
    "draw": Resource(
        read=MEMBERS,
        subject=lambda w: w.draw,
        actions={
            "verify": Action(MEMBERS),
            "selection": Action(SECRETARIAT_ONLY, payload=lambda w: {"cycle": w.fresh_cycle.pk, "seed": "7"}),
            "reviewers": Action(
                SECRETARIAT_ONLY,
                payload=lambda w: {"cycle": w.drawn_cycle.pk, "year": w.waiting_year, "seed": "7"},
            ),
            "redraw": Action(SECRETARIAT_ONLY, payload=lambda w: {"review": w.redraw_review.pk, "seed": "7"}),
        },
    ),
    "question": Resource(read=EVERYONE, subject=lambda w: w.question),
    "response": Resource(
        read=only(S, F),
        subject=lambda w: w.response,
        actions={
            "progress": Action(only(S, F), query=lambda w: {"review": w.answering_review.pk}),
            "save": Action(
                only(F),
                payload=lambda w: {
                    "review": w.answering_review.pk,
                    "question": w.response.question_id,
                    "text": "Amended.",
                    "based_on": w.response.version,
                },
            ),
            "submit": Action(only(F), payload=lambda w: {"review": w.answering_review.pk}),
        },
    ),
    "observation": Resource(
        read=only(S, F, R),
        subject=lambda w: w.observation,
        create=only(S, R),
        create_payload=lambda w: {
            "review": w.review.pk,
            "provision": w.provision.pk,
            "kind": "good_practice",
            "text_en": "A register of assets.",
        },
        update=only(S, R),
        update_payload=lambda w: {"text_en": "A wider gap."},
        delete=only(S, R),
    ),
    "summary": Resource(
        read=only(S, F, R),
        subject=lambda w: w.summary,
        create=only(S, R),
        create_payload=lambda w: {"review": w.review.pk, "text_en": "Second draft."},
        update=only(S, R),
        update_payload=lambda w: {"text_en": "Third draft."},
    ),
    # follow-up: a confidential recommendation to the state
    "recommendation": Resource(
        read=only(S, F),
        subject=lambda w: w.recommendation,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "source_kind": "integrity_review",
            "state": w.state.iso3,
            "text_en": "Publish asset declarations.",
        },
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"priority": "high"},
        delete=SECRETARIAT_ONLY,
        delete_subject=lambda w: w.unreported,  # a reported one is kept with its history (409)
    ),
    "status-update": Resource(
        read=only(S, F),
        subject=lambda w: w.status_update,
        create=only(F),
        create_payload=lambda w: {
            "recommendation": w.recommendation.pk,
            "status": "implemented",
            "text": "Done.",
        },
    ),
    "assessment": Resource(
        read=only(S, F),
        subject=lambda w: w.assessment,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"update": w.status_update.pk, "comment": "Confirmed."},
    ),
    # cooperation: a restricted initiative and agreement
    "initiative": Resource(
        read=MEMBERS,
        subject=lambda w: w.initiative,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"title_en": "Joint training", "proposer_state": w.state.iso3},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Joint training course"},
        delete=SECRETARIAT_ONLY,
    ),
    "initiative-step": Resource(
        read=MEMBERS,
        subject=lambda w: w.step,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "initiative": w.initiative.pk,
            "status": "in_decision",
            "taken_on": "2022-06-01",
        },
    ),
    "initiative-support": Resource(
        read=MEMBERS,
        subject=lambda w: w.support,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"initiative": w.initiative.pk, "state": w.third_state.iso3},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"note": "In writing."},
        delete=SECRETARIAT_ONLY,
    ),
    "agreement": Resource(
        read=MEMBERS,
        subject=lambda w: w.agreement,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"kind": "bilateral", "title_en": "Memorandum"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Memorandum of understanding"},
        delete=SECRETARIAT_ONLY,
    ),
    "agreement-party": Resource(
        read=MEMBERS,
        subject=lambda w: w.agreement_party,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"agreement": w.agreement.pk, "state": w.other_state.iso3},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"role": "party"},
        delete=SECRETARIAT_ONLY,
    ),
    "planned-activity": Resource(
        read=MEMBERS,
        subject=lambda w: w.activity,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"agreement": w.agreement.pk, "title_en": "Study visit", "kind": "exchange"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"note": "Postponed."},
        delete=SECRETARIAT_ONLY,
    ),
    # legal cooperation: a request from the state to a third state
    "cooperation-request": Resource(
        read=only(S, F),
        subject=lambda w: w.request,
        create=only(S, F),
        create_payload=lambda w: {
            "kind": "extradition",
            "reference_number": "MATRIX-2",
            "requesting_authority": w.body.pk,
            "requested_authority": w.foreign_body.pk,
            "instrument": w.instrument.pk,
            "subject": "A fugitive",
            "received_on": "2025-02-01",
        },
        update=only(S, F),
        update_payload=lambda w: {"subject": "Records of two companies"},
        actions={
            "status": Action(SECRETARIAT_ONLY, payload=lambda w: {"status": "under_execution"}),
            "notes": Action(only(S, F), payload=lambda w: {"note": "Reminder sent."}),
            "amounts": Action(
                only(S, F),
                subject=lambda w: w.recovery_request,
                payload=lambda w: {
                    "stage": "traced",
                    "amount": "1000.00",
                    "currency": "EUR",
                    "on": "2025-03-01",
                },
            ),
        },
    ),
    "cooperation-request-statistics": Resource(read=EVERYONE),
    "cooperation-request-access-log": Resource(
        read=SECRETARIAT_ONLY, subject=lambda w: w.access_log, listed=SECRETARIAT_ONLY
    ),
    # chairmanship and deadlines
    "programme": Resource(
        read=EVERYONE,
        subject=lambda w: w.programme,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"body": w.igo.pk, "year": 2025, "title_en": "Programme 2025"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Programme of the chair"},
        delete=SECRETARIAT_ONLY,
    ),
    "programme-item": Resource(
        read=EVERYONE,
        subject=lambda w: w.programme_item,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"programme": w.programme.pk, "title_en": "Conference"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"note_en": "Moved to spring."},
        delete=SECRETARIAT_ONLY,
    ),
    "chairmanship-report": Resource(read=EVERYONE, list_query=lambda w: {"body": w.igo.pk, "year": 2024}),
    "my-deadline": Resource(read=SIGNED_IN, listed=SIGNED_IN),
    # news: a draft only the secretariat sees
    "news-item": Resource(
        read=SECRETARIAT_ONLY,
        subject=lambda w: w.news,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"title_en": "Second news", "body_en": "Text."},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Renamed news"},
        delete=SECRETARIAT_ONLY,
        actions={
            "submit": Action(SECRETARIAT_ONLY),
            "publish": Action(SECRETARIAT_ONLY, payload=lambda w: {}, subject=lambda w: w.news_in_review),
            "return_to_draft": Action(SECRETARIAT_ONLY, subject=lambda w: w.news_in_review),
            "confirm_links": Action(SECRETARIAT_ONLY, payload=lambda w: {}),
        },
    ),
    # delegations: the own state's delegation and its pending delegate; contacts and letters stay with S and F
    "registration": Resource(
        read=MEMBERS,
        subject=lambda w: w.registration,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "meeting": w.unregistered_meeting.pk,
            "categories": ["member_state"],
            "deadline_on": "2031-01-01",
        },
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"cap_online": 3},
        actions={
            "publish": Action(SECRETARIAT_ONLY, payload=lambda w: {"value": True}),
            "finalize": Action(SECRETARIAT_ONLY, payload=lambda w: {"value": True}),
        },
    ),
    "delegation": Resource(
        read=only(S, F),
        subject=lambda w: w.delegation,
        create=only(S, F),
        create_payload=lambda w: {
            "registration": w.second_registration.pk,
            "state": w.state.iso3,
            "category": "member_state",
        },
        actions={"credentials": Action(SECRETARIAT_ONLY, payload=lambda w: {"credentials": "formal"})},
    ),
    "delegate": Resource(
        read=only(S, F),
        subject=lambda w: w.delegate,
        create=only(S, F),
        create_payload=lambda w: {
            "delegation": w.delegation.pk,
            "family_name_ru": "Новиков",
            "function": "expert",
            "mode": "videoconference",
        },
        update=only(S, F),
        update_payload=lambda w: {"position_en": "Prosecutor"},
        actions={
            "approve": Action(SECRETARIAT_ONLY),
            "return_": Action(SECRETARIAT_ONLY, payload=lambda w: {"reason": "Name the post."}),
            "withdraw": Action(only(S, F), payload=lambda w: {"reason": ""}),
        },
    ),
    "letter": Resource(
        read=only(S, F),
        subject=lambda w: w.letter,
        create=only(S, F),
        create_payload=lambda w: _letter_upload(w.delegation),
        actions={"download": Action(only(S, F))},
    ),
}

#: More rows for resources whose rules depend on the record: whose it is (issue 15's routes), its status.
SCENARIOS: dict[tuple[str, str], Resource] = {
    ("delegation", "an organization's: its contact's and the secretariat's"): Resource(
        read=only(S, C),
        subject=lambda w: w.org_delegation,
        create=only(S, C),
        create_payload=lambda w: {
            "registration": w.other_public_registration.pk,
            "organization": w.igo.pk,
            "category": "igo",
        },
    ),
    ("delegate", "of an organization's delegation"): Resource(
        read=only(S, C),
        subject=lambda w: w.org_delegate,
        create=only(S, C),
        create_payload=lambda w: {
            "delegation": w.org_delegation.pk,
            "family_name_en": "Newman",
            "function": "expert",
            "mode": "videoconference",
        },
        update=only(S, C),
        update_payload=lambda w: {"position_en": "Adviser"},
    ),
    ("letter", "of an organization's delegation"): Resource(
        read=only(S, C),
        subject=lambda w: w.org_letter,
        create=only(S, C),
        create_payload=lambda w: _letter_upload(w.org_delegation),
    ),
    ("news-item", "published: read by all, written by the secretariat"): Resource(
        read=EVERYONE,
        subject=lambda w: w.published_news,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {"title_en": "Third news", "body_en": "Text."},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Corrected news"},
        delete=SECRETARIAT_ONLY,
    ),
    ("person", "with posts in two states"): Resource(
        read=EVERYONE,
        subject=lambda w: w.mixed_person,
        create=REGISTRY_KEEPERS,
        create_payload=lambda w: {"family_name_en": "Newman"},
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"is_public": False},
        delete=SECRETARIAT_ONLY,
    ),
    ("post", "in another state's body, for our official"): Resource(
        read=EVERYONE,
        subject=lambda w: w.mixed_post,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "person": w.person.pk,
            "organization": w.foreign_body.pk,
            "title_en": "Guest",
        },
        update=SECRETARIAT_ONLY,
        update_payload=lambda w: {"title_en": "Adviser"},
        delete=SECRETARIAT_ONLY,
    ),
    ("organization", "under another state's body"): Resource(
        read=EVERYONE,
        subject=lambda w: w.foreign_body,
        create=SECRETARIAT_ONLY,
        create_payload=lambda w: {
            "kind": "national_authority",
            "state": w.state.iso3,
            "name_en": "Planted body",
            "parent": w.foreign_body.pk,
        },
        update=only(S, OTHER),
        update_payload=lambda w: {"name_en": "Renamed agency"},
        delete=only(S, OTHER),
        delete_subject=lambda w: w.foreign_office,
    ),
}

VIEWS: dict[str, View] = {
    "popolo": View(EVERYONE),
    "search": View(EVERYONE, query=lambda w: {"q": "report"}),
    "search_everything": View(EVERYONE, query=lambda w: {"q": "report"}),
    "schema": View(EVERYONE, checked_by="accord/core/tests/test_schema.py: generating it takes long"),
    "swagger-ui": View(EVERYONE),
    "redoc": View(EVERYONE),
}


# ---- the page table: list, detail, create, edit and delete pages ---------------------------------

PUBLIC = {"public": True}


def _pk(attribute: str):
    return lambda w: [getattr(w, attribute).pk]


#: Registry addresses of records whose one page is the portal's: they redirect there (accord/portal/registry_urls.py).
LEADS_TO_ONE_PAGE = {"registry:state_detail", "registry:organization_detail", "registry:person_detail"}

PAGES: dict[str, Page] = {
    # registry: public pages; a hidden person is the members'
    "registry:state_list": Page(EVERYONE, **PUBLIC),
    "registry:state_detail": Page(EVERYONE, args=lambda w: [w.state.iso3], **PUBLIC),
    "registry:organization_list": Page(EVERYONE, **PUBLIC),
    "registry:organization_detail": Page(EVERYONE, args=_pk("body"), **PUBLIC),
    "registry:person_list": Page(
        EVERYONE, marker=lambda w: w.person.family_name_ru, shown_to=MEMBERS, **PUBLIC
    ),
    "registry:person_detail": Page(MEMBERS, args=_pk("person"), **PUBLIC),
    # instruments
    "instruments:instrument_list": Page(EVERYONE, **PUBLIC),
    "instruments:instrument_detail": Page(EVERYONE, args=lambda w: [w.instrument.slug], **PUBLIC),
    "instruments:mandate_list": Page(EVERYONE, **PUBLIC),
    "instruments:mandate_detail": Page(EVERYONE, args=_pk("mandate"), **PUBLIC),
    # meetings: a restricted meeting; the secretariat edits
    "meetings:meeting_list": Page(EVERYONE, marker=lambda w: w.meeting.title_ru, shown_to=MEMBERS, **PUBLIC),
    "meetings:meeting_detail": Page(MEMBERS, args=_pk("meeting"), **PUBLIC),
    "meetings:meeting_create": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "meetings:meeting_update": Page(SECRETARIAT_ONLY, args=_pk("meeting"), read=MEMBERS),
    "meetings:section_delete": Page(
        SECRETARIAT_ONLY,
        args=lambda w: [w.meeting.pk, "agenda", w.agenda_item.pk],
        read=MEMBERS,
        method="post",
        subject=lambda w: w.agenda_item,
    ),
    # documents and extraction
    "documents:document_list": Page(EVERYONE, marker=lambda w: w.document.title, shown_to=MEMBERS, **PUBLIC),
    "documents:document_detail": Page(MEMBERS, args=_pk("document"), **PUBLIC),
    "documents:document_create": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "documents:document_update": Page(SECRETARIAT_ONLY, args=_pk("document"), read=MEMBERS),
    "extraction:suggestion_list": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "extraction:suggestion_edit": Page(SECRETARIAT_ONLY, args=_pk("suggestion")),
    # reviews: the desk review of the state
    "reviews:mechanism_list": Page(EVERYONE, **PUBLIC),
    "reviews:mechanism_detail": Page(EVERYONE, args=lambda w: [w.mechanism.slug], **PUBLIC),
    "reviews:review_list": Page(SIGNED_IN, anonymous=302),  # the public list of mechanisms instead
    "reviews:review_detail": Page(only(S, F, R), args=_pk("review"), **PUBLIC),  # public once published
    "reviews:draw_detail": Page(MEMBERS, args=_pk("draw")),
    "reviews:observation_edit": Page(only(S, R), args=_pk("observation"), read=only(S, F, R)),
    "reviews:observation_delete": Page(
        only(S, R),
        args=_pk("observation"),
        read=only(S, F, R),
        method="post",
        subject=lambda w: w.observation,
    ),
    "reviews:questionnaire_attachment_delete": Page(
        only(F),
        args=lambda w: [w.answering_review.pk, w.attachment.pk],
        read=only(S, F),
        method="post",
        subject=lambda w: w.attachment,
    ),
    # follow-up: a confidential recommendation to the state
    "followup:recommendation_list": Page(
        EVERYONE, marker=lambda w: w.recommendation.text_ru, shown_to=only(S, F), **PUBLIC
    ),
    "followup:recommendation_detail": Page(only(S, F), args=_pk("recommendation"), **PUBLIC),
    "followup:recommendation_create": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "followup:recommendation_update": Page(SECRETARIAT_ONLY, args=_pk("recommendation"), read=only(S, F)),
    "followup:assess_update": Page(
        SECRETARIAT_ONLY,
        args=lambda w: [w.recommendation.pk, w.status_update.pk],
        read=only(S, F),
        method="post",
        data=lambda w: {"status": "", "comment": "Confirmed."},
    ),
    # cooperation: a restricted initiative and agreement
    "cooperation:initiative_list": Page(
        EVERYONE, marker=lambda w: w.initiative.title_ru, shown_to=MEMBERS, **PUBLIC
    ),
    "cooperation:initiative_detail": Page(MEMBERS, args=_pk("initiative"), **PUBLIC),
    "cooperation:initiative_create": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "cooperation:initiative_update": Page(SECRETARIAT_ONLY, args=_pk("initiative"), read=MEMBERS),
    "cooperation:agreement_list": Page(
        EVERYONE, marker=lambda w: w.agreement.title_ru, shown_to=MEMBERS, **PUBLIC
    ),
    "cooperation:agreement_detail": Page(MEMBERS, args=_pk("agreement"), **PUBLIC),
    "cooperation:agreement_create": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "cooperation:agreement_update": Page(SECRETARIAT_ONLY, args=_pk("agreement"), read=MEMBERS),
    "cooperation:agreement_section_delete": Page(
        SECRETARIAT_ONLY,
        args=lambda w: [w.agreement.pk, "parties", w.agreement_party.pk],
        read=MEMBERS,
        method="post",
        subject=lambda w: w.agreement_party,
    ),
    # legal cooperation: the request from the state to a third state
    "legal_cooperation:request_list": Page(
        EVERYONE, marker=lambda w: w.request.reference_number, shown_to=only(S, F), **PUBLIC
    ),
    "legal_cooperation:request_detail": Page(only(S, F), args=_pk("request")),
    "legal_cooperation:request_create": Page(only(S, F, OTHER), read=SIGNED_IN),
    "legal_cooperation:request_update": Page(only(S, F), args=_pk("request")),
    # chairmanship, news, portal
    "chairmanship:chairmanship_list": Page(EVERYONE, **PUBLIC),
    "news:news_list": Page(EVERYONE, marker=lambda w: w.news.title_ru, shown_to=NOBODY, **PUBLIC),
    "news:news_detail": Page(EVERYONE, args=lambda w: [w.published_news.slug], **PUBLIC),
    "news:news_create": Page(SECRETARIAT_ONLY, read=SIGNED_IN),
    "news:news_edit": Page(SECRETARIAT_ONLY, args=_pk("news")),
    "news:news_attachment_delete": Page(
        SECRETARIAT_ONLY,
        args=lambda w: [w.news.pk, w.news_attachment.pk],
        method="post",
        subject=lambda w: w.news_attachment,
    ),
    "delegations:registration_list": Page(MEMBERS | {C}, read=SIGNED_IN),
    "delegations:registration_detail": Page(SECRETARIAT_ONLY, args=lambda w: [w.meeting.pk], read=MEMBERS),
    "portal:body_list": Page(EVERYONE, **PUBLIC),
    "portal:body_detail": Page(EVERYONE, args=lambda w: [w.igo.slug or w.igo.pk], **PUBLIC),
    "portal:state_list": Page(EVERYONE, **PUBLIC),
    "portal:state_detail": Page(EVERYONE, args=lambda w: [w.state.iso3.lower()], **PUBLIC),
    "portal:person_detail": Page(MEMBERS, args=lambda w: [w.person.pk, person_slug(w.person)], **PUBLIC),
}


# ---- the checks -----------------------------------------------------------------------------------


#: Viewsets whose records are not rows with an id, tested by their own module: a listed reason, never silence.
TESTED_ELSEWHERE = {
    # Keyed by the token's first characters; each user lists and revokes only their own, the
    # secretariat everyone's: accord/core/tests/test_security.py.
    "token": "accord/core/tests/test_security.py",
}


def test_every_endpoint_is_in_the_matrix():
    """A new viewset, or a new action of one, cannot ship without its row."""
    endpoints, views = api_endpoints()
    for basename in TESTED_ELSEWHERE:
        endpoints.pop(basename, None)
    assert set(endpoints) == set(RESOURCES), "rows missing or stale: " + str(set(endpoints) ^ set(RESOURCES))
    assert views == set(VIEWS)
    for basename, endpoint in endpoints.items():
        row = RESOURCES[basename]
        assert set(endpoint.extra) == set(row.actions), basename
        for action in ("create", "update", "delete"):
            offered = action in endpoint.standard
            assert offered == (getattr(row, action) is not None), f"{basename}: {action} offered={offered}"
        assert ("retrieve" in endpoint.standard) == (row.subject is not None), basename
    for basename, _name in SCENARIOS:
        assert basename in endpoints, basename


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def _error_shaped(response) -> bool:
    """A refusal answers in the documented error shape (docs/api.md)."""
    codes = {
        401: {"not_authenticated", "authentication_failed"},
        403: {"permission_denied", "not_authenticated"},
        404: {"not_found"},
        405: {"method_not_allowed"},
    }
    if response.status_code not in codes:
        return True
    body = response.json()
    return {"code", "detail", "fields"} <= set(body) and body["code"] in codes[response.status_code]


def _ids(response) -> set:
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return {row.get("id") for row in rows if isinstance(row, dict)}


def _rows() -> list[tuple[str, str, Resource]]:
    rows = [(basename, basename, row) for basename, row in sorted(RESOURCES.items())]
    rows += [(f"{basename}: {name}", basename, row) for (basename, name), row in SCENARIOS.items()]
    return rows


ROWS = _rows()


@pytest.mark.parametrize(("basename", "row"), [(b, r) for _k, b, r in ROWS], ids=[k for k, _b, _r in ROWS])
def test_reads(basename, row, world, api_clients):
    endpoints, _views = api_endpoints()
    endpoint = endpoints[basename]
    subject = row.subject(world) if row.subject else None
    query = row.list_query(world) if row.list_query else {}
    observed, expected, details, listed_wrongly = {}, {}, {}, {}
    for role in ROLES:
        client = api_clients[role]
        response = client.get(_url(endpoint.list_name), query)
        key = f"{role} list"
        observed[key], expected[key] = response.status_code, expected_api(row, "list", role)
        details[key] = short_body(response)
        if subject is None:
            continue
        if response.status_code == 200 and (subject.pk in _ids(response)) != (role in row.read):
            listed_wrongly[role] = "listed" if role not in row.read else "missing"
        response = client.get(_url(endpoint.detail_name, subject.pk))
        key = f"{role} retrieve"
        observed[key], expected[key] = response.status_code, expected_api(row, "retrieve", role)
        details[key] = short_body(response)
    found = mismatches(observed, expected, details)
    assert found == {} and listed_wrongly == {}, (found, listed_wrongly)


WRITES = [(k, b, r, a) for k, b, r in ROWS for a in ("create", "update", "delete") if r.subject]


@pytest.mark.parametrize(
    ("basename", "row", "action"),
    [(b, r, a) for _k, b, r, a in WRITES],
    ids=[f"{k}-{a}" for k, _b, _r, a in WRITES],
)
def test_writes(basename, row, action, world, api_clients):
    endpoint = api_endpoints()[0][basename]
    target = row.delete_subject(world) if action == "delete" and row.delete_subject else row.subject(world)
    model = type(target)
    observed, expected, details, traces = {}, {}, {}, {}
    for role in ROLES:
        client = api_clients[role]
        before, count = snapshot(target), model._base_manager.count()
        with rolled_back():
            if action == "create":
                payload = row.create_payload(world) if row.create_payload else {}
                upload = any(hasattr(value, "read") for value in payload.values())
                response = client.post(
                    _url(endpoint.list_name), payload, format="multipart" if upload else "json"
                )
            elif action == "update":
                payload = row.update_payload(world) if row.update_payload else {}
                response = client.patch(_url(endpoint.detail_name, target.pk), payload, format="json")
            else:
                response = client.delete(_url(endpoint.detail_name, target.pk))
            after, count_after = snapshot(target), model._base_manager.count()
        observed[role], details[role] = response.status_code, short_body(response)
        expected[role] = expected_api(row, action, role)
        if not _error_shaped(response):
            traces[role] = f"{response.status_code} without the error shape: {short_body(response)}"
        if response.status_code >= 300 and (after != before or count_after != count):
            traces[role] = f"refused with {response.status_code} but the data changed"
        if response.status_code < 300 and action == "delete" and after is not None:
            traces[role] = "deleted, yet still there"
        if response.status_code == 201 and count_after != count + 1:
            traces[role] = "created, yet not stored"
    found = mismatches(observed, expected, details)
    assert found == {} and traces == {}, (found, traces)


ACTIONS = [(b, a) for b, row in sorted(RESOURCES.items()) for a in sorted(row.actions)]


@pytest.mark.parametrize(("basename", "name"), ACTIONS)
def test_actions(basename, name, world, api_clients):
    row = RESOURCES[basename]
    action = row.actions[name]
    endpoint = api_endpoints()[0][basename]
    url_name = endpoint.extra[name]
    subject = action.subject(world) if action.subject else (row.subject(world) if row.subject else None)
    handler = getattr(endpoint.viewset, name)
    url = reverse(url_name, args=[subject.pk]) if handler.detail else reverse(url_name)
    method = next(iter(handler.mapping))
    observed, expected, details, traces = {}, {}, {}, {}
    for role in ROLES:
        client = api_clients[role]
        before = snapshot(subject)
        with rolled_back():
            if method == "get":
                response = client.get(url, action.query(world) if action.query else {})
            else:
                response = client.post(url, action.payload(world) if action.payload else {}, format="json")
            after = snapshot(subject)
        observed[role], details[role] = response.status_code, short_body(response)
        expected[role] = expected_action(row, action, role)
        if not _error_shaped(response):
            traces[role] = f"{response.status_code} without the error shape: {short_body(response)}"
        if response.status_code >= 300 and after != before:
            traces[role] = f"refused with {response.status_code} but the record changed"
    found = mismatches(observed, expected, details)
    assert found == {} and traces == {}, (found, traces)


@pytest.mark.parametrize("name", sorted(name for name, view in VIEWS.items() if not view.checked_by))
def test_api_views(name, world, api_clients):
    view = VIEWS[name]
    observed = {
        role: api_clients[role].get(_url(name), view.query(world) if view.query else {}).status_code
        for role in ROLES
    }
    expected = {role: frozenset({200}) if role in view.allowed else frozenset({401, 403}) for role in ROLES}
    assert mismatches(observed, expected) == {}


# ---- pages ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_clients(world):
    clients = {}
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        clients[role] = client
    return clients


def test_every_page_is_in_the_matrix():
    """A new list, detail, create, edit or delete page cannot ship without its row."""
    missing, stale = page_names() - set(PAGES), set(PAGES) - page_names()
    assert (missing, stale) == (set(), set())


WRITE_PAGES = ("_create", "_update", "_edit", "_delete")


def _page_answer(response, login_url: str):
    if response.status_code == 302 and response["Location"].startswith(login_url):
        return login_url
    return response.status_code


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages(name, world, page_clients):
    page = PAGES[name]
    url = reverse(name, args=page.args(world) if page.args else [])
    login_url = reverse("login")
    subject = page.subject(world) if page.subject else None
    observed, expected, details, traces = {}, {}, {}, {}
    for role in ROLES:
        client = page_clients[role]
        before = snapshot(subject)
        with rolled_back():
            if page.method == "get":
                response = client.get(url)
                if name in LEADS_TO_ONE_PAGE and response.status_code == 302:
                    # A record's other address leads to its one page (/registry/states/KAZ/ → /states/kaz/):
                    # what the role gets is what that page answers.
                    response = client.get(response["Location"])
            else:
                response = client.post(url, page.data(world) if page.data else {})
            after = snapshot(subject)
        observed[role] = _page_answer(response, login_url)
        expected[role] = expected_page(page, role, login_url, write=name.endswith(WRITE_PAGES))
        if page.marker is not None and response.status_code == 200:
            shown = page.marker(world) in response.content.decode()
            if shown != (role in page.shown_to):
                traces[role] = "shows the restricted record" if shown else "misses the record it may see"
        details[role] = "" if response.status_code in (200, 302) else short_body(response)[:80]
        if role not in page.allowed and after != before:
            traces[role] = f"refused with {observed[role]} but the record changed"
        if role in page.allowed and name.endswith("_delete") and after is not None:
            traces[role] = "deleted, yet still there"
    found = mismatches(observed, expected, details)
    assert found == {} and traces == {}, (found, traces)
