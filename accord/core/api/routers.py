"""The router every app's API uses."""

from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    """DRF's router, with a record's id matched by Django's `int` path converter.

    `/api/cooperation-requests/abc/` is then a 404 for every method and action,
    answered before any view runs, rather than a lookup a view may forget to
    guard; and the schema states that ids are integers. No `.json` suffixes
    (`?format=json` does the same): with path converters they would enter the
    schema as operations of their own.
    """

    include_format_suffixes = False

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("use_regex_path", False)
        super().__init__(*args, **kwargs)

    def get_lookup_regex(self, viewset, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        default = "int" if lookup_field in ("pk", "id") else "str"
        converter = getattr(viewset, "lookup_value_converter", default)
        return f"<{converter}:{lookup_prefix}{kwarg}>"
