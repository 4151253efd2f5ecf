"""What extraction adds to other apps' pages, without those apps importing it.

The pages of documents, meetings, people and organizations call the core tag
`{% record_panels obj %}`, which asks every installed app for its
`record_panel` (an AppConfig attribute, like `reference_loader`). This one
answers with a link to a document's entities, and on a record's page with
its evidence: the accepted suggestions that created or confirmed it, with
their sentences, and the documents that mention it — only those documents
the reader may see.
"""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import ngettext

from accord.core.cache import referenced_ids
from accord.core.roles import is_secretariat
from accord.documents.models import Document
from accord.extraction.models import Mention, Suggestion
from accord.meetings.models import Meeting
from accord.registry.models import Organization, Person

EVIDENCE_LIMIT = 20


def _meetings_with_evidence() -> frozenset[int]:
    """Meetings an accepted suggestion created or confirmed: the few whose page asks for its evidence."""
    return referenced_ids("extraction-meetings", Suggestion.objects.accepted, "meeting_id")


def record_panel(request, obj) -> str:
    """The extraction panel for a page showing `obj`, or an empty string."""
    user = getattr(request, "user", None)
    if isinstance(obj, Document):
        return _document_panel(request, user, obj)
    if isinstance(obj, Meeting):
        if obj.pk not in _meetings_with_evidence():
            return ""
        accepted = Q(meeting=obj)
        mentioned = None
    elif isinstance(obj, Person):
        accepted = Q(person=obj) | Q(post__person=obj)
        mentioned = Q(mentions__person=obj)
    elif isinstance(obj, Organization):
        accepted = Q(organization=obj) | Q(post__organization=obj)
        mentioned = Q(mentions__organization=obj)
    else:
        return ""
    visible = Document.objects.visible_to(user)
    evidence = list(
        Suggestion.objects.accepted()
        .filter(accepted, document__in=visible)
        .select_related("document")
        .defer("document__text", "document__minhash")
        .order_by("-document__published_on", "pk")[:EVIDENCE_LIMIT]
    )
    documents = []
    if mentioned is not None:
        documents = list(
            visible.filter(mentioned)
            .distinct()
            .defer("text", "minhash")
            .order_by("-published_on", "-pk")[:EVIDENCE_LIMIT]
        )
    if not evidence and not documents:
        return ""
    return render_to_string(
        "extraction/_evidence.html", {"evidence": evidence, "mentioned_in": documents}, request=request
    )


def _document_panel(request, user, document: Document) -> str:
    mentions = Mention.objects.filter(document=document).count()
    pending = Suggestion.objects.pending().filter(document=document).count() if is_secretariat(user) else 0
    return render_to_string(
        "extraction/_document_panel.html",
        {"document": document, "mention_count": mentions, "pending_count": pending},
        request=request,
    )


def document_links(request, documents: list[Document]) -> dict[int, list[tuple[str, str]]]:
    """For the upload job's page: each document's suggestions (the secretariat's queue), counted in one query."""
    if not is_secretariat(getattr(request, "user", None)):
        return {}
    counts = dict(
        Suggestion.objects.filter(document__in=[d.pk for d in documents])
        .values_list("document_id")
        .annotate(n=Count("pk"))
        .values_list("document_id", "n")
    )
    return {
        document.pk: [
            (
                ngettext("%(count)s suggestion", "%(count)s suggestions", counts.get(document.pk, 0))
                % {"count": counts.get(document.pk, 0)},
                reverse("extraction:document_entities", args=[document.pk]),
            )
        ]
        for document in documents
    }
