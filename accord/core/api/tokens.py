"""`/api/tokens/`: one's API tokens (the secretariat's: everyone's), to list and revoke."""

from django.db.models import QuerySet
from knox.models import AuthToken
from rest_framework import mixins, permissions, serializers, viewsets

from accord.core.tokens import revoke_tokens, tokens_visible_to


class TokenSerializer(serializers.ModelSerializer):
    """A token by its first characters; the secret itself is never shown again."""

    key = serializers.CharField(source="token_key", read_only=True)
    user = serializers.CharField(source="user.get_username", read_only=True)

    class Meta:
        model = AuthToken
        fields = ["key", "user", "created", "expiry"]
        read_only_fields = fields


class TokenViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """List and revoke tokens; tokens are issued on the account page or by `accord api-token`."""

    serializer_class = TokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "token_key"
    lookup_url_kwarg = "key"
    lookup_value_regex = "[A-Za-z0-9_]+"
    filter_backends = []

    def get_queryset(self) -> QuerySet[AuthToken]:
        return tokens_visible_to(self.request.user).order_by("-created")

    def perform_destroy(self, instance: AuthToken) -> None:
        revoke_tokens(AuthToken.objects.filter(pk=instance.pk), acting_user=self.request.user)
