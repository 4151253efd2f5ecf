"""Reads of instruments: parties on a day, provisions in reading order."""

import datetime

from django.db.models import Q

from accord.core.querysets import RestrictedQuerySet


class InstrumentQuerySet(RestrictedQuerySet):
    def search(self, text: str) -> "InstrumentQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name_ru__icontains=text)
            | Q(name_en__icontains=text)
            | Q(abbreviation_ru__icontains=text)
            | Q(abbreviation_en__icontains=text)
        )


class ProvisionQuerySet(RestrictedQuerySet):
    def search(self, text: str) -> "ProvisionQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(title_ru__icontains=text) | Q(title_en__icontains=text) | Q(number__iexact=text))


class PartyQuerySet(RestrictedQuerySet):
    def bound_on(self, day: datetime.date) -> "PartyQuerySet":
        """States bound by the instrument on that day (a party, not withdrawn by then).

        A party with no recorded dates counts as bound: the record says it is a
        party even when the day it became one is not known for certain.
        """
        from accord.instruments.choices import PartyStatus

        became = Q(consent_on__isnull=True) | Q(consent_on__lte=day)
        still = Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
        return self.filter(status__in=[PartyStatus.PARTY, PartyStatus.WITHDRAWN]).filter(became & still)

    def current(self) -> "PartyQuerySet":
        from accord.instruments.choices import PartyStatus

        return self.filter(status=PartyStatus.PARTY)


class MandateQuerySet(RestrictedQuerySet):
    def search(self, text: str) -> "MandateQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(number__iexact=text) | Q(title_ru__icontains=text) | Q(title_en__icontains=text))
