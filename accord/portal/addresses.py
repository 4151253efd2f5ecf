"""The portal's clean addresses for registry records: /bodies/cis/, /states/kaz/, /people/12/igor-krasnov/.

Workspace pages keep their own addresses (`get_absolute_url`); the public
pages link to each other through these helpers so that the address a
visitor sees is the one search engines index.
"""

from django.urls import reverse
from django.utils.text import slugify


def body_key(organization) -> str:
    """The reference key (“cis”) when the body has one, else its number."""
    return organization.slug or str(organization.pk)


def body_url(organization) -> str:
    return reverse("portal:body_detail", kwargs={"key": body_key(organization)})


def state_url(state) -> str:
    return reverse("portal:state_detail", kwargs={"iso3": state.iso3.lower()})


def person_slug(person) -> str:
    """Latin letters for the address: the English name, else a neutral word."""
    english = " ".join(p for p in (person.given_name_en, person.family_name_en) if p)
    return slugify(english) or "person"


def person_url(person) -> str:
    return reverse("portal:person_detail", kwargs={"pk": person.pk, "slug": person_slug(person)})
