"""Every write to a case. Views, the API, imports and commands all call these."""

from ejcms.cases.services.assignment import case_assign_automatically, case_reassign
from ejcms.cases.services.complaints import (
    complaint_decide,
    complaint_decide_refusal,
    complaint_record,
    complaint_record_refusal,
)
from ejcms.cases.services.intake import (
    DecisionData,
    DuplicateDecision,
    ObligationData,
    PartyData,
    Received,
    case_receive_from_court,
    case_register,
)
from ejcms.cases.services.parties import correction_refusal, party_correct
from ejcms.cases.services.workflow import case_transition, steps_for

__all__ = [
    "DecisionData",
    "DuplicateDecision",
    "ObligationData",
    "PartyData",
    "Received",
    "case_assign_automatically",
    "case_reassign",
    "case_receive_from_court",
    "case_register",
    "case_transition",
    "complaint_decide",
    "complaint_decide_refusal",
    "complaint_record",
    "complaint_record_refusal",
    "correction_refusal",
    "party_correct",
    "steps_for",
]
