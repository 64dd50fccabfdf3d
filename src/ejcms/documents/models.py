"""Official documents: the templates they are made from, the registers that number them, the
PDFs issued (kept unchanged) and the scans uploaded to a case."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ejcms.cases.models import EnforcementCase
from ejcms.core.models import BaseModel
from ejcms.org.models import Office


class DocumentTemplate(BaseModel):
    """One revision of the Typst source of a kind of document. Revisions are never edited: a
    new one takes over from its effective date, and every issued document names its revision."""

    kind = models.CharField(_("document"), max_length=32)
    revision = models.PositiveIntegerField(_("revision"))
    effective_from = models.DateField(_("in use from"))
    source = models.TextField(_("Typst source"))
    sha256 = models.CharField(max_length=64, editable=False)
    note = models.TextField(_("what changed"), blank=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "revision"], name="template_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} r{self.revision}"


class RegisterCounter(models.Model):
    """The last number an office gave to a kind of document in a year (locked while a number is
    taken, so numbers are consecutive and none is lost)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind", "year"], name="document_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.kind}/{self.year}: {self.last_number}"


class IssuedDocument(models.Model):
    """A PDF as it was issued: its register number, the exact bytes (by SHA-256), the template
    revision and the data it was made from. Never regenerated; a correction is a new document
    that names the one it replaces."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Both lead an index below (the register's unique number; case and kind).
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", db_index=False)
    case = models.ForeignKey(
        EnforcementCase, on_delete=models.PROTECT, related_name="documents", db_index=False
    )
    kind = models.CharField(_("document"), max_length=32)
    language = models.CharField(
        _("language"),
        max_length=2,
        # In a context of their own: "English" alone is the language switcher's label.
        choices=[
            ("lo", pgettext_lazy("document", "Lao")),
            ("en", pgettext_lazy("document", "English")),
        ],
        default="lo",
    )
    # What the document is about beyond the case: "measure:12", "entry:40", "sale:3"…
    subject = models.CharField(max_length=40, blank=True, default="")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    register_label = models.CharField(_("register number"), max_length=40)
    issued_on = models.DateField(_("date"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    template = models.ForeignKey(DocumentTemplate, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField()
    file = models.FileField(upload_to="documents/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    pages = models.PositiveSmallIntegerField(default=1)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    reason = models.TextField(_("reason for the correction"), blank=True)
    batch = models.ForeignKey(
        "DocumentBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind", "year", "number"], name="document_number_unique"
            )
        ]
        indexes = [models.Index(fields=["case", "kind"], name="document_case_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.register_label}"


class AttachmentKind(models.TextChoices):
    SIGNED_COPY = "signed", _("Signed copy of an issued document")
    DECISION = "decision", _("Court decision")
    EVIDENCE = "evidence", _("Evidence")
    OTHER = "other", _("Other")


class Attachment(models.Model):
    """A scan uploaded to a case: PDF, JPEG or PNG, checked by its content, kept outside the web
    root and served only to those who may see the case."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(EnforcementCase, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("kind of file"), max_length=12, choices=AttachmentKind.choices)
    document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("signed copy of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scans",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DocumentBatch(models.Model):
    """Many documents of one kind asked for at once (e.g. a month's receipts), made by a
    background task; `done` of `total` is the progress shown to the user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("document"), max_length=32)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=8, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.period_from}–{self.period_to}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
