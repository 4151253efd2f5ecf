"""Reads of initiatives and agreements: who may see them, a state's, a search."""

from django.db.models import Q

from accord.core.querysets import ConfidentialityQuerySet, InheritedVisibilityQuerySet


class InitiativeQuerySet(ConfidentialityQuerySet):
    def of_state(self, state) -> "InitiativeQuerySet":
        """Initiatives a state (or one of its authorities) proposed or supported."""
        return self.filter(
            Q(proposer_state=state)
            | Q(proposer_organization__state=state)
            | Q(supports__state=state)
            | Q(supports__organization__state=state)
        ).distinct()

    def proposed_by_state(self, state) -> "InitiativeQuerySet":
        return self.filter(Q(proposer_state=state) | Q(proposer_organization__state=state))

    def with_topic(self, topic: str) -> "InitiativeQuerySet":
        # A JSON list of keys: the quoted key cannot match a longer one by accident.
        return self.filter(topics__icontains=f'"{topic}"')

    def search(self, text: str) -> "InitiativeQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title_ru__icontains=text)
            | Q(title_en__icontains=text)
            | Q(description_ru__icontains=text)
            | Q(description_en__icontains=text)
        )


class InitiativeChildQuerySet(InheritedVisibilityQuerySet):
    """Steps and supports are seen with their initiative (confidentiality inherits)."""

    parent_path = "initiative"


class AgreementQuerySet(ConfidentialityQuerySet):
    def of_state(self, state) -> "AgreementQuerySet":
        """Agreements a state is party to, itself or through one of its national authorities."""
        return self.filter(Q(parties__state=state) | Q(parties__organization__state=state)).distinct()

    def search(self, text: str) -> "AgreementQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title_ru__icontains=text) | Q(title_en__icontains=text) | Q(signed_place__icontains=text)
        )


class AgreementChildQuerySet(InheritedVisibilityQuerySet):
    """Parties and planned activities are seen with their agreement."""

    parent_path = "agreement"
