"""Every write to the organisation: reference data, staff, courts, working-day overrides."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model, password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.text import normalize_lao
from ejcms.org.models import (
    Court,
    District,
    HolidayOverride,
    IntakeRoute,
    Office,
    Province,
    StaffProfile,
    Village,
)
from ejcms.org.roles import REFERENCE_ADMINS, Position, Role
from ejcms.org.selectors import account_scope, staff_profile

DATA_DIR = Path(__file__).resolve().parent / "data"

DEJ_CODE = "00"
DEJ_NAME_LO = "ກົມຄຸ້ມຄອງການປະຕິບັດຄຳຕັດສິນຂອງສານ"
DEJ_NAME_EN = "Department of Enforcement of Judgments"
CAPITAL_CODE = "01"


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    districts: int
    villages: int
    offices: int
    courts: int


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [
            {key: normalize_lao(value or "") for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def _province_division_names(province: Province) -> tuple[str, str]:
    if province.code == CAPITAL_CODE:
        lo = f"ກອງປະຕິບັດຄຳຕັດສິນຂອງສານ {province.name_lo}"
    else:
        lo = f"ກອງປະຕິບັດຄຳຕັດສິນຂອງສານ ແຂວງ{province.name_lo}"
    en_place = province.name_en
    if not en_place.endswith(("Province", "Capital")):
        en_place = f"{en_place} Province"
    return lo, f"{en_place} Enforcement Division"


def _district_office_names(district: District) -> tuple[str, str]:
    # Cities (ນະຄອນ) carry their status in their name; other districts are ເມືອງ.
    place_lo = (
        district.name_lo if district.name_lo.startswith("ນະຄອນ") else f"ເມືອງ{district.name_lo}"
    )
    place_en = (
        district.name_en if district.name_en.endswith("City") else f"{district.name_en} District"
    )
    return f"ຫ້ອງປະຕິບັດຄຳຕັດສິນຂອງສານ {place_lo}", f"{place_en} Enforcement Office"


def _provincial_court_names(province: Province) -> tuple[str, str]:
    if province.code == CAPITAL_CODE:
        return f"ສານປະຊາຊົນ{province.name_lo}", f"{province.name_en} People's Court"
    en_place = province.name_en.removesuffix(" Province")
    return f"ສານປະຊາຊົນແຂວງ{province.name_lo}", f"{en_place} Provincial People's Court"


@transaction.atomic
def reference_load(*, actor: User | None = None) -> LoadResult:
    """Load provinces, districts, villages, the offices and the seeded courts. Repeatable:
    a second run updates names and adds what is new, and never duplicates or deletes."""
    provinces: dict[str, Province] = {}
    for row in _rows("lao_provinces.csv"):
        provinces[row["code"]], _created = Province.objects.update_or_create(
            code=row["code"], defaults={"name_lo": row["name_lo"], "name_en": row["name_en"]}
        )
    districts: dict[str, District] = {}
    for row in _rows("lao_districts.csv"):
        districts[row["code"]], _created = District.objects.update_or_create(
            code=row["code"],
            defaults={
                "province": provinces[row["province_code"]],
                "name_lo": row["name_lo"],
                "name_en": row["name_en"],
            },
        )
    villages = [
        Village(
            code=row["code"],
            district=districts[row["district_code"]],
            name_lo=row["name_lo"],
            name_en=row["name_en"],
        )
        for row in _rows("lao_villages.csv")
    ]
    Village.objects.bulk_create(
        villages,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["district", "name_lo", "name_en"],
    )

    offices = 0
    dej, _created = Office.objects.update_or_create(
        code=DEJ_CODE,
        defaults={"level": Office.Level.CENTRAL, "name_lo": DEJ_NAME_LO, "name_en": DEJ_NAME_EN},
    )
    offices += 1
    divisions: dict[str, Office] = {}
    for code, province in provinces.items():
        name_lo, name_en = _province_division_names(province)
        divisions[code], _created = Office.objects.update_or_create(
            code=code,
            defaults={
                "level": Office.Level.PROVINCIAL,
                "name_lo": name_lo,
                "name_en": name_en,
                "parent": dej,
                "province": province,
            },
        )
        offices += 1
    for code, district in districts.items():
        name_lo, name_en = _district_office_names(district)
        Office.objects.update_or_create(
            code=code,
            defaults={
                "level": Office.Level.DISTRICT,
                "name_lo": name_lo,
                "name_en": name_en,
                "parent": divisions[district.province.code],
                "province": district.province,
                "district": district,
            },
        )
        offices += 1

    courts = 0
    for row in _rows("courts.csv"):
        Court.objects.update_or_create(
            name_lo=row["name_lo"],
            defaults={
                "name_en": row["name_en"],
                "level": row["level"],
                "province": provinces.get(row["province_code"]),
            },
        )
        courts += 1
    for province in provinces.values():
        name_lo, name_en = _provincial_court_names(province)
        Court.objects.update_or_create(
            name_lo=name_lo,
            defaults={"name_en": name_en, "level": Court.Level.PROVINCIAL, "province": province},
        )
        courts += 1

    result = LoadResult(len(provinces), len(districts), len(villages), offices, courts)
    audit_write(actor=actor, action="reference.load", obj=dej, payload=result.__dict__)
    return result


def _require_reference_admin(actor: User, province: Province | None) -> None:
    profile = staff_profile(actor)
    if profile is None or profile.role not in REFERENCE_ADMINS:
        raise AccessDenied(_("Only an administrator may change reference data."))
    if profile.office.level != Office.Level.CENTRAL and (
        province is None or province.pk != profile.office.province_id
    ):
        raise AccessDenied(_("A provincial administrator may change only their own province."))


@transaction.atomic
def staff_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    office: Office,
    role: Role | str,
    position: Position | str,
    full_name_lo: str,
    full_name_en: str = "",
    phone: str = "",
    email: str = "",
    service_account: bool = False,
) -> StaffProfile:
    """Create a user with a staff profile in one step. Without a password the account cannot
    log in until one is set (by the user through a reset, or by an administrator).
    A service account (an API client's) is never a person: no cases, signatures or surveys."""
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ApplicationError({"username": _("A user with this username already exists.")})
    if password is not None:
        try:
            password_validation.validate_password(
                password, user_model(username=username, first_name=full_name_en)
            )
        except ValidationError as exc:
            raise ApplicationError({"password": exc.messages}) from exc
    user = user_model.objects.create_user(username=username, password=password, email=email)
    profile = StaffProfile.objects.create(
        user=user,
        office=office,
        role=role,
        position=position,
        full_name_lo=normalize_lao(full_name_lo),
        full_name_en=full_name_en.strip(),
        phone=phone.strip(),
        is_service_account=service_account,
        created_by=actor,
        modified_by=actor,
    )
    audit_write(
        actor=actor,
        action="staff.create",
        obj=profile,
        payload={"username": username, "office": office.code, "role": str(role)},
    )
    return profile


def _managed_profile(actor: User, user: User) -> StaffProfile:
    """The profile of an account `actor` manages. A non-administrator is refused (403); an
    account outside the administrator's scope, or with no profile, is not found (404)."""
    actor_profile = staff_profile(actor)
    if actor_profile is None or actor_profile.role != Role.ADMIN:
        raise AccessDenied(_("Only an administrator may disable or enable accounts."))
    profile = (
        StaffProfile.objects.filter(account_scope(actor).q("office"), user_id=user.pk)
        .select_related("office")
        .first()
    )
    if profile is None:
        raise AccessDenied(visible=False)
    return profile


def sessions_end(user: User) -> int:
    """Delete every live session of `user` from the session store; returns how many.

    Django's database sessions are signed, sometimes compressed blobs, so the database cannot
    be asked for one user's rows: the live (unexpired) sessions are read in chunks of key and
    data only and each is decoded once, which takes a few microseconds; 10,000 sessions take
    well under a second (docs/security.md). Then one DELETE by key. Unlike a record of keys
    kept at login, this also finds sessions whose key changed after the login and those of the
    admin site. A request of the user that is running meanwhile cannot save its session again:
    the store refuses to update a deleted session."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    model = store.get_model_class()
    user_id = str(user.pk)
    live = model.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    )
    keys = [
        key
        for key, data in live.iterator(chunk_size=2000)
        if store.decode(data).get(SESSION_KEY) == user_id
    ]
    if keys:
        model.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def staff_disable(*, actor: User, user: User, reason: str) -> StaffProfile:
    """Disable an account at once: it can no longer log in, and every session it has ends
    (its next request goes to the login page). An administrator may not disable their own."""
    profile = _managed_profile(actor, user)
    if user.pk == actor.pk:
        raise AccessDenied(_("You may not disable your own account."))
    reason = normalize_lao(reason, multiline=True)
    if not reason:
        raise ApplicationError({"reason": _("Give the reason.")})
    _set_active(actor, profile, active=False, payload={"reason": reason})
    user.is_active = False
    return profile


@transaction.atomic
def staff_enable(*, actor: User, user: User) -> StaffProfile:
    """Let a disabled account log in again. It starts from a new login: any session left from
    before is deleted too."""
    profile = _managed_profile(actor, user)
    _set_active(actor, profile, active=True, payload={})
    user.is_active = True
    return profile


# What an edit of an override or a court may change (the audit keeps before and after).
HOLIDAY_FIELDS = ("date", "province", "kind", "name_lo", "name_en", "reference")
COURT_FIELDS = ("name_lo", "name_en", "level", "province", "is_active")


@transaction.atomic
def holiday_override_set(
    *,
    actor: User,
    day: date,
    kind: HolidayOverride.Kind | str,
    province: Province | None,
    name_lo: str,
    name_en: str = "",
    reference: str = "",
) -> HolidayOverride:
    """Add a day off, or turn a holiday into a working day, nationally or for one province.
    Setting the same day and place again replaces the earlier override."""
    _require_reference_admin(actor, province)
    if not name_lo.strip():
        raise ApplicationError({"name_lo": _("Give the name of the day in Lao.")})
    existing = HolidayOverride.objects.filter(date=day, province=province).first()
    before = snapshot(existing, HOLIDAY_FIELDS) if existing is not None else None
    override, created = HolidayOverride.objects.update_or_create(
        date=day,
        province=province,
        defaults={
            "kind": kind,
            "name_lo": normalize_lao(name_lo),
            "name_en": name_en.strip(),
            "reference": reference.strip(),
            "modified_by": actor,
        },
    )
    if created:
        override.created_by = actor
        override.save(update_fields=["created_by"])
    audit_write(
        actor=actor,
        action="holiday_override.set",
        obj=override,
        payload={"date": day, "kind": str(kind), "province": province.code if province else None},
        # Setting a day again changes the override already there.
        changes=changes(before, snapshot(override, HOLIDAY_FIELDS)) if before else None,
    )
    return override


@transaction.atomic
def holiday_override_remove(*, actor: User, override: HolidayOverride) -> None:
    _require_reference_admin(actor, override.province)
    audit_write(
        actor=actor,
        action="holiday_override.remove",
        obj=override,
        payload={"date": override.date, "kind": override.kind, "name_lo": override.name_lo},
        changes=changes(snapshot(override, HOLIDAY_FIELDS), {}),
    )
    override.delete()


@transaction.atomic
def court_save(
    *,
    actor: User,
    court: Court | None = None,
    name_lo: str,
    name_en: str,
    level: Court.Level | str,
    province: Province | None,
    is_active: bool = True,
) -> Court:
    """Create a court, or change one. Courts are archived (is_active=False), never deleted.
    The court list is national: only an administrator of the DEJ changes it."""
    _require_reference_admin(actor, None)
    name_lo = normalize_lao(name_lo)
    duplicate = Court.objects.filter(name_lo=name_lo)
    if court is not None:
        duplicate = duplicate.exclude(pk=court.pk)
    if duplicate.exists():
        raise ApplicationError({"name_lo": _("A court with this name already exists.")})
    before = snapshot(court, COURT_FIELDS) if court is not None else None
    if court is None:
        court = Court(created_by=actor)
    court.name_lo = name_lo
    court.name_en = name_en.strip()
    court.level = level
    court.province = province
    court.is_active = is_active
    court.modified_by = actor
    court.save()
    audit_write(
        actor=actor,
        action="court.save",
        obj=court,
        payload={"name_lo": name_lo, "level": str(level), "active": is_active},
        changes=changes(before, snapshot(court, COURT_FIELDS)) if before else None,
    )
    return court


# What an edit of an intake route may change (the audit keeps before and after).
ROUTE_FIELDS = ("district", "office", "note")


@transaction.atomic
def intake_route_set(
    *, actor: User, district: District, office: Office, note: str = ""
) -> IntakeRoute:
    """Send the decisions that courts submit for the debtors of `district` to `office` (a
    district office or a provincial division). Setting a district again changes its route."""
    _require_reference_admin(actor, district.province)
    if office.province_id is not None:
        _require_reference_admin(actor, office.province)
    if office.level == Office.Level.CENTRAL or not office.is_active:
        raise ApplicationError(
            {"office": _("Choose an active district office or provincial division.")}
        )
    existing = IntakeRoute.objects.select_for_update().filter(district=district).first()
    before = snapshot(existing, ROUTE_FIELDS) if existing is not None else None
    route = existing or IntakeRoute(district=district, created_by=actor)
    route.office = office
    route.note = normalize_lao(note)
    route.modified_by = actor
    route.save()
    audit_write(
        actor=actor,
        action="intake_route.set",
        obj=route,
        payload={"district": district.code, "office": office.code},
        changes=changes(before, snapshot(route, ROUTE_FIELDS)) if before else None,
    )
    return route


@transaction.atomic
def intake_route_remove(*, actor: User, route: IntakeRoute) -> None:
    """Remove a route: the district's decisions go to its own office again."""
    _require_reference_admin(actor, route.district.province)
    audit_write(
        actor=actor,
        action="intake_route.remove",
        obj=route,
        payload={"district": route.district.code, "office": route.office.code},
        changes=changes(snapshot(route, ROUTE_FIELDS), {}),
    )
    route.delete()


def _set_active(
    actor: User, profile: StaffProfile, *, active: bool, payload: dict[str, Any]
) -> None:
    """Disable or enable the account, end every session it has, and record it."""
    account = get_user_model().objects.select_for_update().get(pk=profile.user_id)
    if account.is_active == active:
        raise ApplicationError(
            _("This account is already enabled.")
            if active
            else _("This account is already disabled.")
        )
    account.is_active = active
    account.save(update_fields=["is_active"])
    ended = sessions_end(account)
    audit_write(
        actor=actor,
        action="staff.enable" if active else "staff.disable",
        obj=profile,
        payload={
            "username": account.username,
            "office": profile.office.code,
            **payload,
            "sessions_ended": ended,
        },
        changes={"is_active": [not active, active]},
    )
    profile.user.is_active = active
