"""Template helpers of the curation pages: a payload as labelled values."""

from django import forms, template

from accord.extraction.payloads import FORMS, StateCodesField

register = template.Library()

SHOWN = {
    "meeting": ["start_on", "end_on", "city", "country", "format", "body", "participants"],
    "participation": ["meeting", "state", "role", "mode"],
    "post": ["person", "title", "organization", "start_on", "end_on"],
    "person": ["family_name", "given_name", "patronymic"],
    "organization": ["name", "abbreviation", "kind", "parent", "state"],
    "reference": ["symbol"],
    "initiative": ["proposer", "verb", "text"],
}


@register.filter
def payload_items(suggestion) -> list[tuple[str, str]]:
    """(label, value) pairs of what a suggestion proposes, in the words of its form's fields."""
    form_class = FORMS.get(suggestion.kind)
    payload = suggestion.payload or {}
    items = []
    for name in SHOWN.get(suggestion.kind, []):
        field = form_class.base_fields.get(name) if form_class else None
        value = payload.get(name)
        if isinstance(field, forms.ModelChoiceField):
            value = payload.get(f"{name}_name") or value
            if name == "person" and not payload.get("person"):
                value = " ".join(p for p in (payload.get("given_name"), payload.get("family_name")) if p)
        elif isinstance(field, forms.ChoiceField):
            value = dict(field.choices).get(value, value)
        elif isinstance(field, StateCodesField) and isinstance(value, list):
            value = ", ".join(value)
        if value in (None, "", []):
            continue
        items.append((str(field.label) if field else name, str(value)))
    if suggestion.kind == "post" and payload.get("held_on"):
        from django.utils.translation import gettext as _

        items.append((_("Held on"), payload["held_on"]))
    return items
