from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    default_limit = 50
    max_limit = 1000


class CursorPagination(pagination.CursorPagination):
    """For long, growing lists (documents, mentions): stable pages at any depth."""

    page_size = 50
    max_page_size = 1000
    page_size_query_param = "limit"
    ordering = "-id"
