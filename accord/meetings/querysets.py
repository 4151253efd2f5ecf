"""Reads of meetings: who may see them, what falls in a period, a body's or a state's."""

import datetime

from django.db.models import Q

from accord.core.querysets import ConfidentialityQuerySet, InheritedVisibilityQuerySet


class MeetingQuerySet(ConfidentialityQuerySet):
    def between(self, first: datetime.date, last: datetime.date) -> "MeetingQuerySet":
        """Meetings that overlap the days first..last (a session spanning a month's edge counts)."""
        return self.filter(start_on__lte=last).filter(
            Q(end_on__gte=first) | Q(end_on__isnull=True, start_on__gte=first)
        )

    def of_body(self, organization) -> "MeetingQuerySet":
        """Meetings a body organizes, its sub-bodies included (the CIS feed shows its councils)."""
        from accord.registry.models import Organization

        ids = Organization.objects.subtree_ids(organization)
        return self.filter(body_id__in=ids)

    def of_state(self, state) -> "MeetingQuerySet":
        """Meetings a state hosts or takes part in."""
        return self.filter(Q(country=state) | Q(participations__state=state)).distinct()

    def search(self, text: str) -> "MeetingQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title_ru__icontains=text)
            | Q(title_en__icontains=text)
            | Q(city_ru__icontains=text)
            | Q(city_en__icontains=text)
        )


class MeetingChildQuerySet(InheritedVisibilityQuerySet):
    """Agenda items, participations and outcomes are seen with their meeting."""

    parent_path = "meeting"
