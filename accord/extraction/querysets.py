"""Who reads what extraction found: mentions follow their document, suggestions the secretariat."""

from accord.core.querysets import RestrictedQuerySet
from accord.core.roles import is_secretariat


class ExtractionQuerySet(RestrictedQuerySet):
    def visible_to(self, user) -> "ExtractionQuerySet":
        from accord.documents.models import Document

        return self.filter(document__in=Document.objects.visible_to(user))


class MentionQuerySet(RestrictedQuerySet):
    """A mention is seen by whoever may read its document, never otherwise."""

    def visible_to(self, user) -> "MentionQuerySet":
        from accord.documents.models import Document

        return self.filter(document__in=Document.objects.visible_to(user))

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
