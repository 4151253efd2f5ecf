"""API of the self-assessment questionnaires: questions, answers with their versions, saving and submitting.

Questions are public (the checklist is published); answers are the review's
confidential material (`Response.objects.visible_to`). Saving and submitting
go through the same services as the pages: 403 without permission, 400 on
bad data, 409 when the answer changed since the version the client saw.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from accord.core.api.errors import CodedError
from accord.core.api.viewsets import AccordReadOnlyViewSet
from accord.core.concurrency import EDIT_CONFLICT
from accord.core.forms import whole_number
from accord.reviews.api.serializers import (
    AnswerConflict,
    Progress,
    QuestionnaireReviewSerializer,
    QuestionSerializer,
    ResponseSerializer,
    ResponseVersionSerializer,
    SaveAnswerSerializer,
    SavedAnswer,
    Submitted,
)
from accord.reviews.models import CountryReview, Question, Response, ResponseVersion
from accord.reviews.permissions import can_work
from accord.reviews.questionnaires import SaveOutcome, completeness
from accord.reviews.services import save_answer, submit_questionnaire


class AnswerPermission(permissions.BasePermission):
    """Reads are filtered by the queryset; a write needs a signed-in user, the service decides the rest.

    Role groups cannot say it: an expert of the state under review may hold no role at all.
    """

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class QuestionViewSet(AccordReadOnlyViewSet):
    """The questions of the clusters' questionnaires; filter them by `cluster`."""

    queryset = Question.objects.select_related("provision").order_by("cluster_id", "position", "pk")
    serializer_class = QuestionSerializer
    filterset_fields = ["cluster", "provision", "kind", "required"]
    ordering_fields = ["position", "id"]

    def get_queryset(self):
        # Public like the published checklists: no `visible_to` to apply.
        return self.queryset.all()


def _review(request, pk: int) -> CountryReview:
    """The review named in a body; 404 when the user cannot see it at all."""
    return get_object_or_404(
        CountryReview.objects.visible_to(request.user).prefetch_related("expert_links"), pk=pk
    )


class ResponseViewSet(AccordReadOnlyViewSet):
    """Answers of the reviews the user works on, each with its current version and every version."""

    queryset = Response.objects.select_related("question").prefetch_related(
        Prefetch("versions", queryset=ResponseVersion.objects.select_related("author").order_by("number"))
    )
    serializer_class = ResponseSerializer
    filterset_fields = ["review", "question"]
    ordering_fields = ["question__position", "updated_at", "id"]
    permission_classes = [AnswerPermission]

    @extend_schema(
        request=SaveAnswerSerializer,
        responses={200: SavedAnswer, 201: SavedAnswer, 409: AnswerConflict},
        description=(
            "Save an answer based on version `based_on`. If the answer changed since, nothing is saved over it: "
            "409, with the current version and the refused one (kept as a `conflict` version)."
        ),
    )
    @action(detail=False, methods=["post"], url_path="save")
    def save(self, request):
        body = SaveAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        review = _review(request, data["review"])
        question = Question.objects.filter(pk=data["question"], cluster_id=review.cluster_id).first()
        if question is None:
            raise exceptions.ValidationError(
                {"question": [_("This question is not part of the review's questionnaire.")]}
            )
        result = save_answer(
            review,
            question,
            acting_user=request.user,
            implementation=data.get("implementation", ""),
            text=data.get("text", ""),
            based_on=data["based_on"],
            source="api",
        )
        if result.is_conflict:
            # The refused text is kept as a version; the answer says which one won.
            raise CodedError(
                result.message,
                code=EDIT_CONFLICT,
                status_code=status.HTTP_409_CONFLICT,
                current=ResponseVersionSerializer(result.current).data,
                refused=ResponseVersionSerializer(result.version).data,
            )
        response = self.get_queryset().get(pk=result.response.pk)
        return ApiResponse(
            {"outcome": result.outcome, "response": self.get_serializer(response).data},
            status=status.HTTP_201_CREATED if result.outcome == SaveOutcome.CREATED else status.HTTP_200_OK,
        )

    @extend_schema(
        request=QuestionnaireReviewSerializer,
        responses=Submitted,
        description="Submit the questionnaire: refused (400) while required questions are unanswered; "
        "the review moves to the desk review and the answers become read-only.",
    )
    @action(detail=False, methods=["post"])
    def submit(self, request):
        body = QuestionnaireReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = _review(request, body.validated_data["review"])
        review = submit_questionnaire(review, acting_user=request.user)
        return ApiResponse(
            {
                "review": review.pk,
                "phase": review.phase,
                "questionnaire_submitted_at": review.questionnaire_submitted_at,
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("review", int, required=True, description="The country review.")],
        responses=Progress,
        description="How many required questions are answered, and which are missing.",
    )
    @action(detail=False, methods=["get"])
    def progress(self, request):
        review_id = whole_number(request.query_params.get("review"))
        if review_id is None:
            raise exceptions.ValidationError({"review": [_("Name the review by its number.")]})
        review = _review(request, review_id)
        if not can_work(request.user, review):
            raise exceptions.PermissionDenied(_("You may not read the answers of this review."))
        answered, required, missing = completeness(review)
        return ApiResponse(
            {
                "review": review.pk,
                "answered": answered,
                "required": required,
                "missing": [q.pk for q in missing],
                "submitted_at": review.questionnaire_submitted_at,
            }
        )


routes = [
    ("questions", QuestionViewSet, "question"),
    ("responses", ResponseViewSet, "response"),
]
