"""News API: anonymous readers get published items, the secretariat everything; writes call the services."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.viewsets import AccordModelViewSet
from accord.core.roles import Role
from accord.news import services
from accord.news.api import serializers
from accord.news.filtersets import NewsItemFilterSet
from accord.news.models import NewsItem


class NewsItemViewSet(AccordModelViewSet):
    queryset = NewsItem.objects.all()
    serializer_class = serializers.NewsItemSerializer
    filterset_class = NewsItemFilterSet
    ordering_fields = ["published_at", "updated_at"]
    write_roles = (Role.SECRETARIAT,)

    def get_queryset(self):
        user = self.request.user
        return super().get_queryset().with_visible_links(user).prefetch_related("attachments__news")

    def perform_create(self, serializer) -> None:
        item = services.create_news_item(acting_user=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=item.pk)  # with its links, as reads show them

    def perform_update(self, serializer) -> None:
        item = services.update_news_item(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=item.pk)

    def _fresh(self, item: NewsItem) -> Response:
        item = self.get_queryset().get(pk=item.pk)
        return Response(self.get_serializer(item).data)

    @extend_schema(request=None, responses=serializers.NewsItemSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Draft → review."""
        return self._fresh(services.submit_for_review(self.get_object(), acting_user=request.user))

    @extend_schema(request=serializers.PublishSerializer, responses=serializers.NewsItemSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Review → published, now or at `at` (a time to come schedules the item)."""
        data = serializers.PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.publish(self.get_object(), acting_user=request.user, at=data.validated_data.get("at"))
        return self._fresh(item)

    @extend_schema(request=None, responses=serializers.NewsItemSerializer)
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        """Review or published → draft."""
        return self._fresh(services.return_to_draft(self.get_object(), acting_user=request.user))

    @extend_schema(request=serializers.ConfirmLinksSerializer, responses=serializers.NewsItemSerializer)
    @action(detail=True, methods=["post"], url_path="confirm-links")
    def confirm_links(self, request, pk=None):
        """Confirm every proposed link (or those of `link_ids`) in one call."""
        data = serializers.ConfirmLinksSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = self.get_object()
        services.confirm_links(item, acting_user=request.user, link_ids=data.validated_data.get("link_ids"))
        return self._fresh(item)
