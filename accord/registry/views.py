"""Registry pages (being written)."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("")


home = state_list = state_detail = organization_list = organization_detail = person_list = person_detail = (
    _todo
)
