"""The closed lists of the enforcement domain, each with the article it comes from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class State(models.TextChoices):
    RECEIVED = "received", _("Decision received")
    VOLUNTARY = "voluntary", _("Voluntary compliance")
    ORDERED = "ordered", _("Enforcement order issued")
    PLANNED = "planned", _("Decision studied, plan made")
    NOTIFIED = "notified", _("Notice to comply given")
    COMPLIANCE = "compliance", _("Compliance period")
    COMPULSORY = "compulsory", _("Compulsory enforcement")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Enforcement terminated")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Request refused")


# The order in which a case normally moves; used for dashboards and demo data.
STAGE_ORDER = [
    State.RECEIVED,
    State.VOLUNTARY,
    State.ORDERED,
    State.PLANNED,
    State.NOTIFIED,
    State.COMPLIANCE,
    State.COMPULSORY,
    State.SUSPENDED,
    State.TERMINATED,
    State.CLOSED,
    State.REFUSED,
]
FINAL_STATES = frozenset({State.CLOSED, State.REFUSED})
OPEN_STATES = frozenset(set(State) - FINAL_STATES)
# States from which a case may be suspended or terminated: every open one.
ACTIVE_STATES = frozenset(
    {
        State.RECEIVED,
        State.VOLUNTARY,
        State.ORDERED,
        State.PLANNED,
        State.NOTIFIED,
        State.COMPLIANCE,
        State.COMPULSORY,
    }
)


class CaseSource(models.TextChoices):
    COURT = "court", _("Sent by the court (Art. 11)")
    REQUEST = "request", _("Request for enforcement (Art. 44–45)")
    LEGACY = "legacy", _("Imported from an earlier paper or spreadsheet register")


class DecisionKind(models.TextChoices):
    CIVIL = "civil", _("Civil decision")
    CRIMINAL = "criminal", _("Criminal decision: civil damages, fine, confiscation")
    MEDIATION = "mediation", _("Court mediation minutes")
    PROVISIONAL = "provisional", _("Decision ordering provisional enforcement")
    ECONOMIC = "economic", _("Decision of the Economic Dispute Resolution body")
    FOREIGN_JUDGMENT = "foreign_judgment", _("Recognised foreign court decision")
    FOREIGN_AWARD = "foreign_award", _("Recognised foreign arbitral award")


class PartyRole(models.TextChoices):
    CREDITOR = "creditor", _("Judgment creditor")
    DEBTOR = "debtor", _("Person subject to enforcement")
    THIRD_PARTY = "third_party", _("Third party")


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ORGANISATION = "organisation", _("Legal entity")


class IdDocumentType(models.TextChoices):
    ID_CARD = "id_card", _("Identity card")
    FAMILY_BOOK = "family_book", _("Family book")
    PASSPORT = "passport", _("Passport")
    ENTERPRISE = "enterprise", _("Enterprise registration")
    OTHER = "other", _("Other document")
    NONE = "none", _("No document")


class ObligationKind(models.TextChoices):
    PAY_MONEY = "pay_money", _("Pay money")
    HAND_OVER = "hand_over", _("Hand over property")
    VACATE = "vacate", _("Vacate premises")
    ACT = "act", _("Perform an act")
    REFRAIN = "refrain", _("Refrain from an act")
    FINE = "fine", _("Fine to the state")
    CONFISCATION = "confiscation", _("Confiscation to the state")
    COURT_FEES = "court_fees", _("Court fees")


MONEY_OBLIGATIONS = frozenset(
    {
        ObligationKind.PAY_MONEY,
        ObligationKind.FINE,
        ObligationKind.CONFISCATION,
        ObligationKind.COURT_FEES,
    }
)
STATE_OBLIGATIONS = frozenset(
    {ObligationKind.FINE, ObligationKind.CONFISCATION, ObligationKind.COURT_FEES}
)


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("Outstanding")
    FULFILLED = "fulfilled", _("Fulfilled")
    CANCELLED = "cancelled", _("Cancelled")


class NoticeMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person, at the office (Art. 22.1)")
    RELATIVE = "relative", _("Through a co-resident close relative (Art. 22.2)")
    POSTING = "posting", _("Posted at the village authority (Art. 22.3)")
    MEDIA = "media", _("Through the media (Art. 22.4)")


# Posting and media notices count as received 10 working days later (Art. 22, last paragraph).
DEEMED_LATER = frozenset({NoticeMethod.POSTING, NoticeMethod.MEDIA})


class SuspensionGround(models.TextChoices):
    REOPENING = "reopening", _("Prosecutor's request: the case is being reopened (Art. 71.1)")
    ILLNESS = "illness", _("Debtor insane or seriously ill (Art. 71.2)")
    WHEREABOUTS_UNKNOWN = "whereabouts_unknown", _("Debtor's whereabouts unknown (Art. 71.3)")
    DEBTOR_DEAD_ASSETS = "debtor_dead_assets", _("Debtor dead, assets remain (Art. 71.4)")
    DECISION_IMPOSSIBLE = (
        "decision_impossible",
        _("Decision does not match the facts and cannot be enforced (Art. 71.5)"),
    )
    DECISION_UNCLEAR = (
        "decision_unclear",
        _("Decision unclear; the court is asked to explain it (Art. 71.6)"),
    )
    NO_MEANS = (
        "no_means",
        _(
            "Debtor cannot comply: no assets, no income, or only enough to live on "
            "(Art. 71.7, 43.1)"
        ),
    )
    BANKRUPTCY = "bankruptcy", _("Bankruptcy proceedings against the debtor (Art. 71.8)")
    CREDITOR_CONSENTS = "creditor_consents", _("Creditor agrees to suspend (Art. 71.9)")
    FOREIGNER_LEFT = (
        "foreigner_left",
        _(
            "Debtor returned to their country, a treaty partner of the Lao PDR, "
            "with no assets in the Lao PDR (Art. 43.2)"
        ),
    )


class TerminationGround(models.TextChoices):
    FULLY_ENFORCED = "fully_enforced", _("Decision fully enforced (Art. 48.1)")
    FEES_PAID = "fees_paid", _("Court fees paid in a voluntary case (Art. 48.2)")
    CREDITOR_WAIVED = "creditor_waived", _("Creditor waived the right (Art. 48.3)")
    SUMMONSES_IGNORED = (
        "summonses_ignored",
        _("Creditor ignored three summonses without sufficient reason: deemed waiver (Art. 48.3)"),
    )
    PARTIES_AGREED = "parties_agreed", _("Parties agreed not to enforce (Art. 48.4)")
    DEBTOR_DEAD = (
        "debtor_dead",
        _("Debtor dead with no assets, and no right passes to heirs (Art. 48.5)"),
    )
    CREDITOR_DEAD = (
        "creditor_dead",
        _("Creditor dead; the rights cannot pass to heirs, or there are none (Art. 48.6)"),
    )
    DECISION_ANNULLED = (
        "decision_annulled",
        _("Decision changed, cancelled or annulled (Art. 48.7)"),
    )
    OBLIGATIONS_CANCELLED = (
        "obligations_cancelled",
        _("Fees, fines or confiscation cancelled by decision (Art. 48.8)"),
    )


class RefusalGround(models.TextChoices):
    NOT_A_PARTY = "not_a_party", _("Applicant is not a party and holds no mandate (Art. 47.1)")
    NOT_FINAL = "not_final", _("Request does not concern a final decision (Art. 47.2)")
    NO_JURISDICTION = "no_jurisdiction", _("This office has no jurisdiction (Art. 47.3)")


class DeadlineBearer(models.TextChoices):
    OFFICE = "office", _("Office")
    DEBTOR = "debtor", _("Debtor")
    PARTIES = "parties", _("Parties")
    THIRD = "third", _("Third party")
    BUYER = "buyer", _("Buyer")


class RuleUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("days")
    PERCENT = "percent", _("percent")
    LAK = "lak", _("kip")
    HOUR = "hour", _("o'clock")
    COUNT = "count", _("times")


class Law(models.TextChoices):
    ENFORCEMENT = "enforcement", _("Law on Enforcement of Court Decisions No. 128/ປປທ")
    COURT_FEES = "court_fees", _("Court Fees Law No. 72/ສພຊ")


class TimelineKind(models.TextChoices):
    REGISTERED = "registered", _("Case registered")
    TRANSITION = "transition", _("Workflow step")
    ASSIGNED = "assigned", _("Assigned")
    REASSIGNED = "reassigned", _("Reassigned")
    PARTY_CORRECTED = "party_corrected", _("Party's details corrected")
    OBLIGATION = "obligation", _("Obligation fulfilled")
    ASSET = "asset", _("Asset")
    MEASURE = "measure", _("Enforcement measure")
    VALUATION = "valuation", _("Valuation")
    SALE = "sale", _("Sale")
    MONEY = "money", _("Money")
    DOCUMENT = "document", _("Official document")
    COMPLAINT = "complaint", _("Complaint")


class Outcome(models.TextChoices):
    """How enforcement ended, for the statistics (DOMAIN.md "Statistics")."""

    FULLY_ENFORCED = "fully_enforced", _("Fully enforced")
    PARTLY_ENFORCED = "partly_enforced", _("Partly enforced")
    IMPOSSIBLE = "impossible", _("Impossible to enforce")
    WAIVED = "waived", _("Waived or settled by the parties")
    ANNULLED = "annulled", _("Decision annulled or obligations cancelled")
    REFUSED = "refused", _("Request refused")


class ComplaintAgainst(models.TextChoices):
    """What a complaint to the next higher level contests (Art. 20, 29, 52)."""

    ORDER = "order", _("Enforcement order")
    VALUATION = "valuation", _("Valuation of assets")
    MEASURE = "measure", _("An enforcement measure")
    CLOSURE = "closure", _("Closure order")
    CONDUCT = "conduct", _("An officer's conduct")


class ComplaintDecision(models.TextChoices):
    UPHELD = "upheld", pgettext_lazy("complaint", "Upheld")
    PARTLY = "partly", pgettext_lazy("complaint", "Partly upheld")
    REJECTED = "rejected", pgettext_lazy("complaint", "Rejected")
