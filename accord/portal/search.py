"""Search everywhere: states, bodies, people and meetings by name, then documents and news by their text.

Entities come from the registry's one name index (any name, alias or Latin
spelling of one), documents from documents' full-text engine, news from the
same engine over news. Each kind is read through `visible_to(user)`: a
record the reader may not see is neither listed nor counted nor suggested.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.forms import BoundedIntegerField
from accord.core.roles import is_member_user
from accord.documents.search.engine import SearchPage
from accord.documents.search.engine import search as search_documents
from accord.meetings.models import Meeting
from accord.news.search import search_news
from accord.portal import profiles
from accord.portal.addresses import body_url, person_url, state_url
from accord.registry.models import Organization, Person, State
from accord.registry.names import ORGANIZATION, PERSON, STATE, NamedRecord, name_index

ENTITY_LIMIT = 12
MEETING_LIMIT = 10
SUGGESTIONS = 5
PER_PAGE = 10


class EverythingForm(forms.Form):
    """The query and its page, validated once for the page and the API."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=500, strip=True)
    page = BoundedIntegerField(required=False, min_value=1, max_value=1000)

    def clean_page(self) -> int:
        return self.cleaned_data.get("page") or 1


@dataclass
class Entity:
    kind: str  # "state", "organization", "person"
    label: str  # what the kind is called, translated
    name: str
    url: str
    detail: str = ""  # an abbreviation, an official name


@dataclass
class Everything:
    query: str
    entities: list[Entity] = field(default_factory=list)
    meetings: list = field(default_factory=list)
    documents: SearchPage | None = None
    news: SearchPage | None = None
    suggestions: list[Entity] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(
            self.entities
            or self.meetings
            or (self.documents and self.documents.total)
            or (self.news and self.news.total)
        )

    @property
    def error(self) -> str:
        return (self.documents and self.documents.error) or ""


def _visible_entities(user, records: list[NamedRecord]) -> list[Entity]:
    """The records as links, in the order given, without those the reader may not see."""
    ids = {kind: [r.pk for r in records if r.kind == kind] for kind in (STATE, ORGANIZATION, PERSON)}
    states = State.objects.visible_to(user).in_bulk(ids[STATE])
    organizations = Organization.objects.visible_to(user).in_bulk(ids[ORGANIZATION])
    bodies = set(profiles.bodies(user).filter(pk__in=ids[ORGANIZATION]).values_list("pk", flat=True))
    people = Person.objects.visible_to(user).in_bulk(ids[PERSON])
    with_page = set(profiles.public_people(user).filter(pk__in=ids[PERSON]).values_list("pk", flat=True))
    out = []
    for record in records:
        if record.kind == STATE and (state := states.get(record.pk)):
            out.append(Entity(STATE, _("State"), state.name, state_url(state), state.official_name))
        elif record.kind == ORGANIZATION and (body := organizations.get(record.pk)):
            url = body_url(body) if body.pk in bodies else body.get_absolute_url()
            out.append(Entity(ORGANIZATION, _("Body"), body.name, url, body.abbreviation))
        elif record.kind == PERSON and (person := people.get(record.pk)):
            if person.pk not in with_page and not is_member_user(user):
                continue  # the public has no page to offer for a person without a public post
            url = person_url(person) if person.pk in with_page else person.get_absolute_url()
            out.append(Entity(PERSON, _("Person"), str(person), url))
    return out


def _meetings(user, text: str, organizations: list[int]) -> list:
    """Meetings the reader may see: of a body the query names, or with the words in their title."""
    words = text.strip()
    # SQLite compares Cyrillic case-sensitively (and PostgreSQL's LIKE every letter): the usual casings.
    spelled = {words, words.lower(), words.capitalize(), words.title()}
    query = Q(body_id__in=organizations) if organizations else Q()
    for variant in spelled:
        query |= Q(title_ru__contains=variant) | Q(title_en__contains=variant)
    return list(
        Meeting.objects.visible_to(user)
        .filter(query)
        .select_related("body")
        .order_by("-start_on", "pk")[:MEETING_LIMIT]
    )


def search_everything(user, text: str, *, page: int = 1) -> Everything:
    """Names first, then meetings, documents and news; the nearest names when nothing at all is found."""
    index = name_index(max_age=30)
    result = Everything(query=text)
    records = index.find(text, limit=ENTITY_LIMIT * 3)
    result.entities = _visible_entities(user, records)[:ENTITY_LIMIT]
    result.documents = search_documents(user, text, page=page, per_page=PER_PAGE)
    if result.documents.error:
        return result
    result.news = search_news(user, text, page=page, per_page=PER_PAGE)
    bodies = [record.pk for record in records if record.kind == ORGANIZATION][:5]
    result.meetings = _meetings(user, text, bodies) if page == 1 else []
    if not result.found:
        near = [record for record, _spelling in index.suggest(text, limit=SUGGESTIONS * 2)]
        result.suggestions = _visible_entities(user, near)[:SUGGESTIONS]
    return result
