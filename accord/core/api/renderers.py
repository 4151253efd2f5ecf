"""The REST framework's HTML view of the API, under the Content-Security-Policy."""

from csp.constants import UNSAFE_INLINE
from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable pages: their templates carry `style` attributes and a <style> element,
    so these pages alone allow inline styles (django-csp's per-response update); scripts stay
    strict, as DRF loads all of its own from static files."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": UNSAFE_INLINE}
        return super().render(data, accepted_media_type, renderer_context)
