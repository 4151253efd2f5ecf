"""Serializer bases: model validation on writes, `{id, url, display}` on reads."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers


class ValidatedModelSerializer(serializers.ModelSerializer):
    """Runs the model's `full_clean()` so the API enforces the same rules as forms."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {f.name for f in model._meta.many_to_many}
        plain = {k: v for k, v in attrs.items() if k not in many_to_many}
        instance = model(**plain) if self.instance is None else self._copy_with(plain)
        try:
            instance.full_clean(validate_unique=True)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        return attrs

    def _copy_with(self, attrs: dict):
        instance = type(self.instance).objects.get(pk=self.instance.pk)
        for key, value in attrs.items():
            setattr(instance, key, value)
        return instance


class NestedRefSerializer(serializers.Serializer):
    """The `{id, url, display}` form in which reads show a related record."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    display = serializers.SerializerMethodField()

    def __init__(self, *args, view_name: str | None = None, **kwargs):
        self.view_name = view_name
        super().__init__(*args, **kwargs)

    def get_url(self, obj) -> str | None:
        request = self.context.get("request")
        if not self.view_name:
            return None
        url = reverse(self.view_name, kwargs={"pk": obj.pk})
        return request.build_absolute_uri(url) if request else url

    def get_display(self, obj) -> str:
        return str(obj)


class MembersOnlyFieldsMixin:
    """Blanks `members_only_fields` (null) for readers without a role: the public never sees a user account.

    Who wrote a report or recorded a step is a member's business; the public
    API, like the public pages, shows what was done, not by which login.
    """

    members_only_fields: tuple[str, ...] = ()

    def get_fields(self):
        # The fields stay in every answer (and in the schema, as nullable): null for the public.
        fields = super().get_fields()
        for name in self.members_only_fields:
            if name in fields:
                fields[name].allow_null = True
        return fields

    def to_representation(self, instance):
        from accord.core.roles import is_member_user

        data = super().to_representation(instance)
        request = self.context.get("request")
        if not is_member_user(getattr(request, "user", None)):
            for name in self.members_only_fields:
                if name in data:
                    data[name] = None
        return data
