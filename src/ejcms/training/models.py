"""The competency framework, TNA campaigns and their answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ejcms.core.models import BaseModel
from ejcms.org.models import Office, Province
from ejcms.training.choices import Domain, Scope


class Framework(BaseModel):
    """A version of the competency framework. A campaign keeps the version it was made with."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("competency framework")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Competency(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="competencies")
    number = models.PositiveSmallIntegerField(_("number"))
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices)
    name_lo = models.CharField(_("name (Lao)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_lo = models.TextField(_("description (Lao)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    articles = models.CharField(_("articles"), max_length=80, blank=True)

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="competency_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name_lo}"

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "lo").startswith("en") else self.name_lo


class Campaign(BaseModel):
    """A training needs assessment: who answers, when, on which version of the framework."""

    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("scope"), max_length=12, choices=Scope.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, null=True, blank=True
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    roles = models.JSONField(_("roles asked"), default=list)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    questions = models.JSONField(_("open questions"), default=list)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("training needs assessment")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="national", province__isnull=True)
                | Q(scope="provincial", province__isnull=False),
                name="campaign_scope_province",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="campaign_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    """One person's answers; saved as a draft until submitted, once."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Who they were when they answered (offices and roles change).
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16)
    years_of_service = models.PositiveSmallIntegerField(_("years of service"), null=True)
    answers = models.JSONField(_("answers to the open questions"), default=list)
    saved_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # A paper questionnaire typed in or imported by someone else (a clerk, the owner).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "respondent"], name="response_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.respondent_id}"


class Rating(models.Model):
    """A respondent's two ratings of one competency, 1–7: importance (A), own performance (B)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    importance = models.PositiveSmallIntegerField(null=True)
    performance = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "competency"], name="rating_unique"),
            models.CheckConstraint(
                condition=(Q(importance__isnull=True) | Q(importance__gte=1, importance__lte=7))
                & (Q(performance__isnull=True) | Q(performance__gte=1, performance__lte=7)),
                name="rating_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.importance}/{self.performance}"


class SupervisorRating(models.Model):
    """A head of office's rating of one of his staff's performance in a competency."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    performance = models.PositiveSmallIntegerField()
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subject", "competency"], name="supervisor_rating_unique"
            ),
            models.CheckConstraint(
                condition=Q(performance__gte=1, performance__lte=7), name="supervisor_rating_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_id}: {self.performance}"


# --- Train-the-Trainer ------------------------------------------------------------------------


class Level(models.TextChoices):
    """The cascade: master trainers train provincial trainers, who train district officers."""

    MASTER = "master", _("Master trainers")
    PROVINCIAL = "provincial", _("Provincial trainers")
    DISTRICT = "district", _("District officers")


# Certificates of these levels make their holder a trainer (a ToT certificate).
TOT_LEVELS = frozenset({Level.MASTER, Level.PROVINCIAL})


class Module(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    title_lo = models.CharField(_("title (Lao)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"), default=6)
    # The articles of the Law on Enforcement of Court Decisions it teaches ("24, 53, 55–57").
    articles = models.CharField(_("articles of the law"), max_length=100, blank=True)
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("competencies"), related_name="modules"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("module")

    def __str__(self) -> str:
        return f"{self.code} {self.title_lo}"

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        return self.title_en if (get_language() or "lo").startswith("en") else self.title_lo


class Event(BaseModel):
    """A training: one module at one level of the cascade, with its trainers and participants."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="events"
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("training event")

    def __str__(self) -> str:
        return f"{self.module.code} {self.starts_on}"


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    on = models.DateField(_("date"))

    class Meta:
        ordering = ["on"]
        constraints = [models.UniqueConstraint(fields=["event", "on"], name="session_unique")]

    def __str__(self) -> str:
        return str(self.on)


class Participant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pre_score = models.PositiveSmallIntegerField(_("pre-test"), null=True, blank=True)
    post_score = models.PositiveSmallIntegerField(_("post-test"), null=True, blank=True)
    # Kirkpatrick level 1: the participant's own rating of the training, 1–5, and comments.
    feedback_rating = models.PositiveSmallIntegerField(_("rating of the training"), null=True)
    feedback = models.TextField(_("comments"), blank=True)
    # Kirkpatrick level 3: the head of office, three months on: does he apply it? 1–5.
    follow_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    follow_up_rating = models.PositiveSmallIntegerField(_("applies it at work"), null=True)
    follow_up_note = models.TextField(_("follow-up note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="participant_unique"),
            models.CheckConstraint(
                condition=(Q(pre_score__isnull=True) | Q(pre_score__lte=100))
                & (Q(post_score__isnull=True) | Q(post_score__lte=100)),
                name="participant_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.user_id}"

    @property
    def gain(self) -> int | None:
        """Learning gain: post-test minus pre-test, in points."""
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score


class Attendance(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "session"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.session_id}"


class Certificate(models.Model):
    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")

    def __str__(self) -> str:
        return self.code
