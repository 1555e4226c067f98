"""The appeals' records, by step of the remedies chain (arts 19-21, RI 3-16): the
complaint to the head of the body, the complaint to the Commission with its
investigation, the Commission's sessions, the court appeal record."""

from .commission import (
    CommissionComplaint,
    CommissionComplaintState,
    CommissionOutcome,
    CommissionStep,
    InvestigationNote,
    Observation,
    ObservationDocument,
)
from .common import ComplaintChannel, RegistrationSequence
from .court import CourtAppeal
from .head import HeadComplaint, HeadComplaintState, HeadComplaintStep
from .sessions import AgendaItem, Attendance, CommissionSession

__all__ = [
    "AgendaItem", "Attendance", "CommissionComplaint", "CommissionComplaintState", "CommissionOutcome",
    "CommissionSession", "CommissionStep", "ComplaintChannel", "CourtAppeal", "HeadComplaint",
    "HeadComplaintState", "HeadComplaintStep", "InvestigationNote", "Observation",
    "ObservationDocument", "RegistrationSequence",
]
