"""Who reads what extraction found: mentions follow their document, suggestions the secretariat."""

from accord.core.querysets import InheritedVisibilityQuerySet, RestrictedQuerySet
from accord.core.roles import is_secretariat


class ExtractionQuerySet(InheritedVisibilityQuerySet):
    """An extraction run is seen with its document."""

    parent_path = "document"


class MentionQuerySet(InheritedVisibilityQuerySet):
    """A mention is seen by whoever may read its document, never otherwise."""

    parent_path = "document"

    def editable_by(self, user) -> "MentionQuerySet":
        return self.none()  # written by extraction only


class SuggestionQuerySet(RestrictedQuerySet):
    """The curation queue belongs to the secretariat: nobody else sees it."""

    def visible_to(self, user) -> "SuggestionQuerySet":
        return self.all() if is_secretariat(user) else self.none()

    def pending(self) -> "SuggestionQuerySet":
        from accord.extraction.choices import SuggestionStatus

        return self.filter(status=SuggestionStatus.PENDING)

    def accepted(self) -> "SuggestionQuerySet":
        from accord.extraction.choices import SuggestionStatus

        return self.filter(status=SuggestionStatus.ACCEPTED)

    def search(self, text: str) -> "SuggestionQuerySet":
        from django.db.models import Q

        text = text.strip()
        if not text:
            return self
        return self.filter(Q(label__icontains=text) | Q(document__title__icontains=text))
