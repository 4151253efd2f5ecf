"""The review mechanism: mechanisms and their rules, cycles, draws, country reviews and their outputs.

Rules are data the secretariat edits (`Mechanism`, `PhaseRule`); the drawing
of lots (`lots.py`) and the workflow read them, never hard-code them.
"""

from accord.reviews.models.country_reviews import CountryReview, ReviewerAssignment, ReviewExpert, Transition
from accord.reviews.models.cycles import Cluster, Cycle
from accord.reviews.models.draws import Draw
from accord.reviews.models.mechanisms import Mechanism, MechanismInstrument, PhaseRule
from accord.reviews.models.outputs import Observation, Summary
from accord.reviews.models.questionnaires import (
    Attachment,
    Comment,
    Question,
    Response,
    ResponseVersion,
    attachment_path,
)

__all__ = [
    "Attachment",
    "Cluster",
    "Comment",
    "CountryReview",
    "Cycle",
    "Draw",
    "Mechanism",
    "MechanismInstrument",
    "Observation",
    "PhaseRule",
    "Question",
    "Response",
    "ResponseVersion",
    "ReviewExpert",
    "ReviewerAssignment",
    "Summary",
    "Transition",
    "attachment_path",
]
