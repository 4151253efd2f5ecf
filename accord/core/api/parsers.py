"""The API's body parsers: DRF's, refusing a NUL character in any name or value.

No field accepts one, and PostgreSQL cannot even compare a text that holds
one (`DataError` in a lookup by a key or a slug), so it is refused once, as
the body is read, with `parse_error` (400). Uploaded files may hold any bytes.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


def refuse_nul(data):
    """The parsed body as is, or ParseError when any key or string in it holds a NUL."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise exceptions.ParseError(
                    _("The request contains a NUL character, which no field accepts.")
                )
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif hasattr(item, "lists"):  # a QueryDict of form fields
            for key, values in item.lists():
                stack.append(key)
                stack.extend(values)
    return data


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return refuse_nul(super().parse(stream, media_type, parser_context))


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return refuse_nul(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        refuse_nul(result.data)
        refuse_nul(list(result.files.keys()))
        return result
