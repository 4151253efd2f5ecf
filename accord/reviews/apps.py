from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "accord.reviews"
    label = "reviews"
    verbose_name = _("Review mechanism")
    reference_loader = "accord.reviews.reference.load_reference"
    sample_loader = "accord.reviews.samples.load_samples"
    record_panel = "accord.reviews.panels.record_panel"
    workspace_panel = "accord.reviews.panels.workspace_panel"
    deadline_source = "accord.reviews.deadlines.deadlines"
    opendata_tables = "accord.reviews.opendata.tables"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.reviews import models

        for model in (
            models.Mechanism,
            models.PhaseRule,
            models.Cycle,
            models.Cluster,
            models.CountryReview,
            models.ReviewerAssignment,
            models.ReviewExpert,
            models.Observation,
            models.Summary,
        ):
            auditlog.register(model)
