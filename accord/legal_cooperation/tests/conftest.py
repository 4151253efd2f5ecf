"""A request between two states, with every role around it."""

import pytest

from accord.core.roles import Role
from accord.legal_cooperation.tests.factories import CooperationRequestFactory
from accord.registry.tests.factories import NationalAuthorityFactory, StateFactory
from conftest import make_user


@pytest.fixture
def world(db):
    """Requesting state A, requested state B, third state C; one user per role; one request A → B."""
    state_a, state_b, state_c = StateFactory(), StateFactory(), StateFactory()
    authority_a = NationalAuthorityFactory(state=state_a)
    authority_b = NationalAuthorityFactory(state=state_b)
    users = {
        "secretariat": make_user("lc-secretariat", Role.SECRETARIAT),
        "requesting": make_user("lc-focal-a", Role.FOCAL_POINT, state=state_a),
        "requested": make_user("lc-focal-b", Role.FOCAL_POINT, state=state_b),
        "third": make_user("lc-focal-c", Role.FOCAL_POINT, state=state_c),
        "reviewer": make_user("lc-reviewer", Role.REVIEWER),
        "analyst": make_user("lc-analyst", Role.ANALYST),
        "anonymous": None,
    }
    request = CooperationRequestFactory(
        requesting_authority=authority_a,
        requested_authority=authority_b,
        reference_number="CONFIDENTIAL-REF-1",
    )
    return {
        "states": (state_a, state_b, state_c),
        "authorities": (authority_a, authority_b),
        "users": users,
        "request": request,
    }
