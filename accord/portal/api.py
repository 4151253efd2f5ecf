"""`/api/search/everything/`: the search page's answer as JSON (names first, then documents and news)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.documents.api.search_views import SearchHitSerializer
from accord.portal.search import EverythingForm, search_everything


class EntityHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["state", "organization", "person"])
    name = serializers.CharField()
    detail = serializers.CharField(help_text="An abbreviation or an official name; may be empty.")
    url = serializers.SerializerMethodField()

    def get_url(self, entity) -> str:
        return self.context["request"].build_absolute_uri(entity.url)


class MeetingHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    start_on = serializers.DateField()
    url = serializers.SerializerMethodField()

    def get_url(self, meeting) -> str:
        return self.context["request"].build_absolute_uri(meeting.get_absolute_url())


class NewsHitSerializer(serializers.Serializer):
    slug = serializers.CharField(source="item.slug")
    title = serializers.CharField(source="item.title")
    published_at = serializers.DateTimeField(source="item.published_at")
    rank = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: matching words in <mark>.")
    url = serializers.SerializerMethodField()

    def get_url(self, hit) -> str:
        return self.context["request"].build_absolute_uri(hit.item.get_absolute_url())


class EverythingSerializer(serializers.Serializer):
    query = serializers.CharField()
    entities = EntityHitSerializer(many=True)
    meetings = MeetingHitSerializer(many=True)
    documents_count = serializers.IntegerField()
    documents_count_is_exact = serializers.BooleanField()
    documents = SearchHitSerializer(many=True)
    news_count = serializers.IntegerField()
    news = NewsHitSerializer(many=True)
    suggestions = EntityHitSerializer(many=True, help_text="Nearest names when nothing was found.")


class EverythingView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="A name (any language or romanization), a UN symbol or words",
            ),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses=EverythingSerializer,
        summary="Search states, bodies, people, meetings, documents and news at once",
    )
    def get(self, request) -> Response:
        form = EverythingForm(request.query_params)
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
        found = search_everything(request.user, form.cleaned_data["q"], page=form.cleaned_data["page"])
        if found.error:
            return Response(
                {"code": "validation_error", "detail": found.error, "fields": {"q": [found.error]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        context = {"request": request}
        data = {
            "query": found.query,
            "entities": EntityHitSerializer(found.entities, many=True, context=context).data,
            "meetings": MeetingHitSerializer(found.meetings, many=True, context=context).data,
            "documents_count": found.documents.total,
            "documents_count_is_exact": found.documents.total_is_exact,
            "documents": SearchHitSerializer(found.documents.hits, many=True, context=context).data,
            "news_count": found.news.total,
            "news": NewsHitSerializer(found.news.hits, many=True, context=context).data,
            "suggestions": EntityHitSerializer(found.suggestions, many=True, context=context).data,
        }
        return Response(data)
