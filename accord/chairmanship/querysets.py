"""Reads of programmes: everyone reads them, the secretariat writes (the core default)."""

from accord.core.querysets import RestrictedQuerySet


class ProgrammeQuerySet(RestrictedQuerySet):
    def of_year(self, body, year: int) -> "ProgrammeQuerySet":
        return self.filter(body=body, year=year)


class ProgrammeItemQuerySet(RestrictedQuerySet):
    pass
