from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ejcms.cases.choices import (
    CaseSource,
    ComplaintAgainst,
    ComplaintDecision,
    DeadlineBearer,
    DecisionKind,
    IdDocumentType,
    Law,
    NoticeMethod,
    ObligationKind,
    ObligationStatus,
    Outcome,
    PartyKind,
    PartyRole,
    RefusalGround,
    RuleUnit,
    State,
    SuspensionGround,
    TerminationGround,
    TimelineKind,
)
from ejcms.core.models import BaseModel
from ejcms.core.money import DECIMAL_PLACES, MAX_DIGITS
from ejcms.org.models import Court, District, Office, Province, Village


class LegalRule(BaseModel):
    """A number the law sets (a time limit, a ceiling, a threshold), with its article and the
    date from which it applies. Laws change: a new value is a new row with a later date."""

    key = models.CharField(_("key"), max_length=64)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=16, choices=RuleUnit.choices)
    law = models.CharField(_("law"), max_length=16, choices=Law.choices, default=Law.ENFORCEMENT)
    article = models.CharField(_("article"), max_length=32)
    title_lo = models.CharField(_("title (Lao)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = _("legal rule")
        verbose_name_plural = _("legal rules")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_from"], name="legal_rule_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} {self.unit} (Art. {self.article}, {self.effective_from})"

    @property
    def days(self) -> int:
        return int(self.value)


class Decision(BaseModel):
    """The court decision that is enforced (Art. 7–9)."""

    # Indexed as the first column of (court, number_key).
    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, db_index=False
    )
    number = models.CharField(_("decision number"), max_length=64)
    number_key = models.CharField(max_length=64, editable=False)
    decided_on = models.DateField(_("date of the decision"))
    final_on = models.DateField(_("date it became final"))
    kind = models.CharField(_("kind of decision"), max_length=20, choices=DecisionKind.choices)
    operative_part = models.TextField(_("operative part"))

    class Meta:
        verbose_name = _("court decision")
        verbose_name_plural = _("court decisions")
        indexes = [models.Index(fields=["court", "number_key"])]

    def __str__(self) -> str:
        return f"{self.number} ({self.court})"


class EnforcementCase(BaseModel):
    """One court decision being enforced by one office, under its own register number."""

    # The office and the officer lead several indexes below; no index of their own.
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,
    )
    register_year = models.PositiveSmallIntegerField(_("register year"))
    register_number = models.PositiveIntegerField(_("register number"))
    decision = models.ForeignKey(
        Decision, verbose_name=_("court decision"), on_delete=models.PROTECT, related_name="cases"
    )
    source = models.CharField(_("how the case came"), max_length=10, choices=CaseSource.choices)
    received_on = models.DateField(_("date received"))
    state = models.CharField(
        _("status"), max_length=16, choices=State.choices, default=State.RECEIVED
    )
    state_since = models.DateField(_("in this status since"))
    suspended_from = models.CharField(max_length=16, choices=State.choices, blank=True)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    noncompliance_on = models.DateField(_("non-compliance recorded on"), null=True, blank=True)
    notice_method = models.CharField(
        _("notice method"), max_length=12, choices=NoticeMethod.choices, blank=True
    )
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    notice_deemed_on = models.DateField(_("notice deemed received on"), null=True, blank=True)
    suspension_ground = models.CharField(
        _("ground for suspension"), max_length=24, choices=SuspensionGround.choices, blank=True
    )
    termination_ground = models.CharField(
        _("ground for termination"), max_length=24, choices=TerminationGround.choices, blank=True
    )
    refusal_ground = models.CharField(
        _("ground for refusal"), max_length=24, choices=RefusalGround.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    # Set by `ejcms retention --erase` once the case file's retention period (Art. 52) is over
    # and it has been archived: its personal data are gone, its statistics are kept.
    erased_on = models.DateField(
        _("personal data erased on"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("enforcement case")
        verbose_name_plural = _("enforcement cases")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "register_year", "register_number"],
                name="case_register_number_unique",
            )
        ]
        indexes = [
            # An office's list in one state, newest first (its counts by state read it too).
            models.Index(
                fields=["office", "state", "-received_on", "-id"], name="case_office_state"
            ),
            models.Index(fields=["assigned_officer", "state"]),
            models.Index(fields=["office", "-received_on"]),
            # The national and provincial lists, newest first, all or in one state.
            models.Index(fields=["-received_on", "-id"], name="case_newest"),
            models.Index(fields=["state", "-received_on", "-id"], name="case_state_newest"),
            # The statistics' counts read this index alone, office by office: the open cases
            # (no closing day) and those closed since a day, received by another.
            models.Index(
                fields=["office", "closed_on", "received_on", "outcome", "assigned_officer"],
                name="case_stats",
            ),
        ]

    def __str__(self) -> str:
        return self.register_label

    @property
    def register_label(self) -> str:
        """123/2025: the register number as the office writes it."""
        return f"{self.register_number}/{self.register_year}"


class RegisterCounter(models.Model):
    """The last register number given by an office in a year (locked while a number is taken)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="register_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_number}"


class Party(BaseModel):
    """A person or legal entity named in a decision."""

    kind = models.CharField(_("person or entity"), max_length=12, choices=PartyKind.choices)
    name_lo = models.CharField(_("name (Lao)"), max_length=200)
    name_latin = models.CharField(_("name (Latin script)"), max_length=200, blank=True)
    search_text = models.CharField(max_length=410, editable=False, db_index=True)
    id_document_type = models.CharField(
        _("identity document"), max_length=12, choices=IdDocumentType.choices
    )
    id_document_number = models.CharField(_("document number"), max_length=64, blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, null=True, blank=True
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, null=True, blank=True
    )
    village = models.ForeignKey(
        Village, verbose_name=_("village"), on_delete=models.PROTECT, null=True, blank=True
    )
    village_name = models.CharField(_("village (as written)"), max_length=150, blank=True)
    address_detail = models.CharField(_("house, unit, street"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name_lo


class CaseParty(models.Model):
    # Indexed as the first column of the unique (case, party, role).
    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="case_parties", db_index=False
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "party", "role"], name="case_party_unique")
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.party_id}"


class Obligation(BaseModel):
    """What the decision requires (Art. 3.4, 23): pay, hand over, vacate, act or refrain."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(_("obligation"), max_length=16, choices=ObligationKind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    description = models.TextField(_("description"), blank=True)
    creditor = models.ForeignKey(
        Party,
        verbose_name=_("in favour of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0),
                name="obligation_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True, currency="")
                | Q(amount__isnull=False, currency__regex=r"^[A-Z]{3}$"),
                name="obligation_amount_has_currency",
            ),
        ]


class TimelineEvent(models.Model):
    """Something that happened in a case, with who did it and when (typed; see cases.timeline)."""

    # Indexed as the first column of (case, at).
    case = models.ForeignKey(
        EnforcementCase, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    kind = models.CharField(_("event"), max_length=16, choices=TimelineKind.choices)
    transition = models.CharField(max_length=32, blank=True)
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    on = models.DateField(_("date of the act"))
    at = models.DateTimeField(_("recorded at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    payload = models.JSONField(default=dict)
    note = models.TextField(_("note"), blank=True)
    # For a step that changes the state: the days the case spent in `from_state` (for the
    # statistics' time in each stage; set by the workflow service, never typed in).
    stage_days = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["case", "at"]),
            models.Index(
                fields=["on", "from_state", "stage_days"],
                name="event_stage_exit",
                condition=models.Q(stage_days__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.kind} {self.transition}"


class Deadline(models.Model):
    """A statutory time limit running in a case, computed from a LegalRule."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="deadlines")
    # The case's office, kept here too: an office's open time limits are read from one index
    # (a case never changes office).
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", db_index=False)
    key = models.CharField(max_length=32)
    # The act the time limit belongs to when a case has several of one kind ("sale:12").
    ref = models.CharField(max_length=40, blank=True, default="")
    bearer = models.CharField(max_length=8, choices=DeadlineBearer.choices)
    rule = models.ForeignKey(LegalRule, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("counted from"))
    due_on = models.DateField(_("due"))
    met_on = models.DateField(_("met on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(met_on__isnull=True, cancelled_on__isnull=True),
                name="deadline_open_due",
            ),
            models.Index(
                fields=["office", "due_on"],
                condition=Q(met_on__isnull=True, cancelled_on__isnull=True),
                name="deadline_office_open_due",
            ),
            models.Index(fields=["office", "-met_on"], name="deadline_office_met"),
            # The statistics' time limits met and missed in a period, office by office, read
            # from the index alone.
            models.Index(
                fields=["due_on", "office", "met_on"],
                condition=Q(bearer="office", cancelled_on__isnull=True),
                name="deadline_office_duty",
            ),
            # Whether the cases of a list's page have a time limit overdue.
            models.Index(
                fields=["case", "due_on"],
                condition=Q(met_on__isnull=True, cancelled_on__isnull=True),
                name="deadline_case_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} due {self.due_on}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.office_id is None:
            self.office_id = self.case.office_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.cancelled_on is None

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.met_on > self.due_on


class Complaint(BaseModel):
    """A complaint against an act of enforcement, to the next higher level (Art. 20, 52): counted
    in the statistics as complaints per 100 resolved cases."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="complaints")
    filed_on = models.DateField(_("date filed"))
    complainant = models.CharField(_("complainant"), max_length=12, choices=PartyRole.choices)
    against = models.CharField(_("against"), max_length=16, choices=ComplaintAgainst.choices)
    summary = models.TextField(_("what the complaint says"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=12, choices=ComplaintDecision.choices, blank=True
    )
    decision_note = models.TextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["filed_on"])]

    def __str__(self) -> str:
        return f"{self.case} {self.filed_on} {self.against}"
