"""Factories for the follow-up register's tests."""

import factory

from accord.core.choices import Confidentiality
from accord.followup.choices import SourceKind
from accord.followup.models import Recommendation
from accord.registry.tests.factories import StateFactory


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    source_kind = SourceKind.INTEGRITY_REVIEW
    state = factory.SubFactory(StateFactory)
    text_en = factory.Sequence(lambda n: f"Recommendation {n}")
    text_ru = ""
    confidentiality = Confidentiality.PUBLIC
