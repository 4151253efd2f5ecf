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

    def same_as(
        self, start: datetime.date, end: datetime.date | None, body_id: int | None, city: str = ""
    ) -> "MeetingQuerySet":
        """Meetings on exactly these days of the same body (or, without one, in the same city).

        The rule by which a meeting proposed again (by extraction, from
        another outlet's story) is known to be one already recorded.
        """
        end = end or start
        same_days = Q(start_on=start) & (Q(end_on=end) | (Q(end_on__isnull=True) & Q(start_on=end)))
        meetings = self.filter(same_days)
        if body_id:
            return meetings.filter(body_id=body_id)
        if city:
            return meetings.filter(Q(city_ru__iexact=city) | Q(city_en__iexact=city))
        return meetings.none()

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
