"""`/api/search/`: the search page's results as JSON."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.documents.search.engine import search
from accord.documents.search.forms import SearchForm


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="document.pk")
    url = serializers.SerializerMethodField()
    title = serializers.CharField(source="document.title")
    symbol = serializers.CharField(source="document.symbol")
    language = serializers.CharField(source="document.language")
    kind = serializers.CharField(source="document.kind")
    published_on = serializers.DateField(source="document.published_on")
    rank = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: matching words in <mark>.")

    def get_url(self, hit) -> str:
        return self.context["request"].build_absolute_uri(hit.document.get_absolute_url())


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField(
        help_text="Matches counted; exact up to a threshold (10,000), a lower bound when count_is_exact is false"
    )
    count_is_exact = serializers.BooleanField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class SearchView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words, “phrases”, prefix*, AND, OR, NOT"),
            OpenApiParameter("language", OpenApiTypes.STR),
            OpenApiParameter("kind", OpenApiTypes.STR),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("body", OpenApiTypes.INT),
            OpenApiParameter("state", OpenApiTypes.STR, description="ISO alpha-3"),
            OpenApiParameter("meeting", OpenApiTypes.INT),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses=SearchResponseSerializer,
        summary="Full-text search of documents",
    )
    def get(self, request) -> Response:
        form = SearchForm(request.query_params)
        if not form.is_valid() or not form.cleaned_data.get("q"):
            fields = dict(form.errors) if form.errors else {"q": [_("This field is required.")]}
            return Response(
                {
                    "code": "validation_error",
                    "detail": _("The search parameters are not valid."),
                    "fields": fields,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        results = search(
            request.user,
            form.cleaned_data["q"],
            filters=form.filters(),
            page=form.cleaned_data.get("page") or 1,
        )
        if results.error:
            return Response(
                {"code": "validation_error", "detail": results.error, "fields": {"q": [results.error]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        data = {
            "query": results.query,
            "count": results.total,
            "count_is_exact": results.total_is_exact,
            "page": results.page,
            "pages": results.pages,
            "results": SearchHitSerializer(results.hits, many=True, context={"request": request}).data,
        }
        return Response(data)
