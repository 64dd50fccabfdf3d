from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ejcms.core.models import BaseModel
from ejcms.org.roles import Position, Role


class LocalizedNameMixin:
    """`name` in the user's language: Lao first, English when chosen and available."""

    name_lo: str
    name_en: str

    @property
    def name(self) -> str:
        if (get_language() or "lo").startswith("en") and self.name_en:
            return self.name_en
        return self.name_lo

    def __str__(self) -> str:
        return self.name


class Province(LocalizedNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(LocalizedNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="districts"
    )
    name_lo = models.CharField(_("name (Lao)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Village(LocalizedNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=7, unique=True)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="villages"
    )
    name_lo = models.CharField(_("name (Lao)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")


class Office(LocalizedNameMixin, BaseModel):
    """An enforcement authority: the DEJ, a provincial division or a district office (Art. 78)."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Department (central)")
        PROVINCIAL = "provincial", _("Provincial division")
        DISTRICT = "district", _("District office")

    code = models.CharField(_("code"), max_length=8, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    name_lo = models.CharField(_("name (Lao)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("next higher level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, null=True, blank=True
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="central", province__isnull=True)
                | models.Q(level="provincial", province__isnull=False, district__isnull=True)
                | models.Q(level="district", province__isnull=False, district__isnull=False),
                name="office_level_matches_geography",
            )
        ]


class Court(LocalizedNameMixin, BaseModel):
    """A court whose decisions are enforced. An editable list: courts are created and merged."""

    class Level(models.TextChoices):
        SUPREME = "supreme", _("People's Supreme Court")
        APPELLATE = "appellate", _("Regional (appellate) people's court")
        PROVINCIAL = "provincial", _("Provincial people's court")
        DISTRICT = "district", _("District or zone people's court")
        MILITARY = "military", _("Military court")
        OTHER = "other", _("Other body (arbitration, foreign court)")

    name_lo = models.CharField(_("name (Lao)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["level", "name_lo"]
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        constraints = [models.UniqueConstraint(fields=["name_lo"], name="court_name_lo_unique")]


class StaffProfile(BaseModel):
    """A user's place in the organisation. Without a profile a user sees no case at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="staff_profile",
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    position = models.CharField(_("position"), max_length=32, choices=Position.choices)
    full_name_lo = models.CharField(_("full name (Lao)"), max_length=150)
    full_name_en = models.CharField(_("full name (Latin script)"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The account of an API client (a court's system, a bank): never a person to assign cases
    # to, to sign documents, to ask in a training campaign or to count in a caseload.
    is_service_account = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        indexes = [models.Index(fields=["office", "role"])]

    @property
    def display_name(self) -> str:
        if (get_language() or "lo").startswith("en") and self.full_name_en:
            return self.full_name_en
        return self.full_name_lo

    def __str__(self) -> str:
        return self.display_name


class HolidayOverride(BaseModel):
    """A day the government adds or removes on top of the public holidays, for a year.

    National when `province` is empty, otherwise for that province only.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off added")
        WORKING_DAY = "working_day", _("Holiday removed (working day)")

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty for the whole country."),
    )
    name_lo = models.CharField(_("name (Lao)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    reference = models.CharField(
        _("announcement"), max_length=200, blank=True, help_text=_("Number and date of the notice.")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "province"], name="holiday_override_unique_per_province"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(province__isnull=True),
                name="holiday_override_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name_lo}"


class IntakeRoute(BaseModel):
    """Which office receives the decisions that courts send electronically for the debtors of
    one district, when it is not the district's own office (org.selectors.receiving_office)."""

    district = models.OneToOneField(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="intake_route"
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("receiving office"),
        on_delete=models.PROTECT,
        related_name="intake_routes",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["district__code"]
        verbose_name = _("intake route")
        verbose_name_plural = _("intake routes")

    def __str__(self) -> str:
        return f"{self.district} → {self.office}"
