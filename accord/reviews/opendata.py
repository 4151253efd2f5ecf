"""The review mechanism's public tables in the open-data package (its `opendata_tables` hook)."""

from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Column, Table, anonymous, col, model_table, url_col, visible_fk


def tables() -> list[Table]:
    """Country reviews whose summary is published, and those summaries."""
    from accord.meetings.models import Meeting
    from accord.reviews.models import CountryReview, Summary

    public = anonymous()
    meetings = Meeting.objects.visible_to(public)
    return [
        model_table(
            "country_reviews",
            _("Country reviews"),
            _("Reviews of a state under a review mechanism whose summary is published."),
            [
                col(CountryReview, "id"),
                Column(
                    "mechanism", "string", _("Review mechanism (its key)."), source="cycle__mechanism__slug"
                ),
                Column("cycle", "integer", _("Number of the review cycle."), source="cycle__number"),
                Column(
                    "cluster", "integer", _("Number of the cluster of provisions."), source="cluster__number"
                ),
                Column("cluster_name_ru", "string", _("Cluster (Russian)."), source="cluster__name_ru"),
                Column("cluster_name_en", "string", _("Cluster (English)."), source="cluster__name_en"),
                col(CountryReview, "state_id"),
                col(CountryReview, "year"),
                col(CountryReview, "phase"),
                col(CountryReview, "dialogue_format"),
                col(CountryReview, "dialogue_meeting_id", source="public_dialogue_meeting_id"),
                url_col("reviews:review_detail"),
            ],
            lambda: CountryReview.objects.visible_to(public).annotate(
                public_dialogue_meeting_id=visible_fk("dialogue_meeting", meetings)
            ),
            foreign_keys=(("state_id", "states", "id"), ("dialogue_meeting_id", "meetings", "id")),
        ),
        model_table(
            "review_summaries",
            _("Review summaries"),
            _("The published executive summaries of country reviews."),
            [
                col(Summary, "id"),
                col(Summary, "review_id"),
                col(Summary, "text_ru"),
                col(Summary, "text_en"),
                col(Summary, "published_at"),
            ],
            lambda: Summary.objects.visible_to(public),
            foreign_keys=(("review_id", "country_reviews", "id"),),
        ),
    ]
