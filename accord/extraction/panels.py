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

from accord.core.cache import ids_for_reader, referenced_ids
from accord.core.roles import is_secretariat
from accord.documents.models import Document
from accord.extraction.models import Mention, Suggestion
from accord.meetings.models import Meeting
from accord.registry.models import Organization, Person

EVIDENCE_LIMIT = 20


def _suggested(user, *fields: str) -> frozenset[int]:
    """What accepted suggestions point to through `fields`; for the public, those from documents it may see."""
    return ids_for_reader(
        "accepted-suggestions",
        user,
        Suggestion.objects.accepted,
        lambda: Suggestion.objects.accepted().filter(document__in=Document.objects.visible_to(None)),
        *fields,
    )


def _mentioned(field: str) -> frozenset[int]:
    """Records any document names (`field`: person_id, organization_id): the others' pages skip the query.

    From every mention, whoever reads: limiting the set to the public's
    documents would cost a join over all mentions (0.7 s at 200,000) to
    spare the few records named only in members' documents one query.
    """
    return referenced_ids(f"mentioned-{field}", Mention.objects.all, field)


def record_panel(request, obj) -> str:
    """The extraction panel for a page showing `obj`, or an empty string.

    Each list is read only for a record that an accepted suggestion or a
    mention the reader may see names: most records' pages ask nothing.
    """
    user = getattr(request, "user", None)
    if isinstance(obj, Document):
        return _document_panel(request, user, obj)
    if isinstance(obj, Meeting):
        accepted = Q(meeting=obj) if obj.pk in _suggested(user, "meeting_id") else None
        mentioned = None
    elif isinstance(obj, Person):
        accepted = Q(person=obj) | Q(post__person=obj)
        if obj.pk not in _suggested(user, "person_id", "post__person_id"):
            accepted = None
        mentioned = Q(person=obj) if obj.pk in _mentioned("person_id") else None
    elif isinstance(obj, Organization):
        accepted = Q(organization=obj) | Q(post__organization=obj)
        if obj.pk not in _suggested(user, "organization_id", "post__organization_id"):
            accepted = None
        mentioned = Q(organization=obj) if obj.pk in _mentioned("organization_id") else None
    else:
        return ""
    visible = Document.objects.visible_to(user)
    evidence = documents = []
    if accepted is not None:
        evidence = list(
            Suggestion.objects.accepted()
            .filter(accepted, document__in=visible)
            .select_related("document")
            .defer("document__text", "document__minhash")
            .order_by("-document__published_on", "pk")[:EVIDENCE_LIMIT]
        )
    if mentioned is not None:
        # The documents among the mentions' (a semi-join: the newest visible ones are read from the
        # date index until twenty match) rather than a DISTINCT over joined rows, which sorted every
        # mentioning document's whole row first: 300-470 ms for a body named 1,500 times, now 25-70.
        documents = list(
            visible.filter(pk__in=Mention.objects.filter(mentioned).values("document_id"))
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
