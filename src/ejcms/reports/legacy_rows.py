"""Checking the rows of a file of historic cases: every problem with its row (as the spreadsheet
numbers it), its column and what is wrong; and the cleaned rows that may be imported."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from openpyxl.utils.datetime import from_excel

from ejcms.cases.choices import MONEY_OBLIGATIONS, STATE_OBLIGATIONS, CaseSource
from ejcms.cases.models import EnforcementCase
from ejcms.core.money import currency_decimals, parse_amount
from ejcms.core.text import normalize_lao, number_key
from ejcms.org.models import Court, Office
from ejcms.reports.legacy import (
    CHOICES,
    COLUMN,
    EXAMPLE,
    ParsedFile,
    allowed_values,
    fold,
    value_index,
)
from ejcms.reports.models import LegacyImport

# The earliest year a register of the Lao PDR can date from; an earlier date is a typo.
FIRST_YEAR = 1975


# ---------------------------------------------------------------- the messages

# Stored in the report by code, and put into words when the report is shown, so a report checked
# by one user reads in the language of whoever opens it.
MESSAGES: dict[str, Promise] = {
    "required": gettext_lazy("Missing: this column must be filled in."),
    "date": gettext_lazy("“%(value)s” is not a date: write it as 31/03/2025 or 2025-03-31."),
    "date_future": gettext_lazy("The date is in the future."),
    "date_early": gettext_lazy("The date is before 1975: check the year."),
    "whole_number": gettext_lazy("“%(value)s” is not a whole number greater than zero."),
    "year": gettext_lazy("“%(value)s” is not a year from 1975 to this year."),
    "year_mismatch": gettext_lazy(
        "The register number is written as %(value)s but the register year is %(year)s."
    ),
    "too_long": gettext_lazy("Too long: at most %(max)s characters."),
    "court": gettext_lazy(
        "No court “%(value)s”: write its name or code as on the Courts sheet of the template."
    ),
    "choice": gettext_lazy("“%(value)s” is not in the list. Allowed: %(allowed)s."),
    "amount": gettext_lazy("“%(value)s” is not an amount greater than zero."),
    "decimals": gettext_lazy("Amounts in %(currency)s have no decimals."),
    "amount_not_money": gettext_lazy(
        "An amount is given only for an obligation to pay money; leave it empty."
    ),
    "recovered_not_money": gettext_lazy(
        "An amount recovered is given only for an obligation to pay money."
    ),
    "recovered_negative": gettext_lazy("“%(value)s” is not an amount: write 0 or more."),
    "recovered_more": gettext_lazy("More than the amount due (%(amount)s)."),
    "final_before_decided": gettext_lazy(
        "The decision cannot become final before the date it was made (%(decided)s)."
    ),
    "received_before_final": gettext_lazy(
        "The date received cannot be before the date the decision became final (%(final)s)."
    ),
    "closed_before_received": gettext_lazy(
        "A case cannot be closed before the date it was received (%(received)s)."
    ),
    "closed_without_date": gettext_lazy("The case is closed: give the date it was closed."),
    "closed_without_outcome": gettext_lazy("The case is closed: give its outcome."),
    "open_with_date": gettext_lazy(
        "The case is open: leave the date closed empty, or mark the case closed."
    ),
    "open_with_outcome": gettext_lazy(
        "The case is open: leave the outcome empty, or mark the case closed."
    ),
    "duplicate": gettext_lazy("Register number %(register)s is also in row %(rows)s."),
    "taken": gettext_lazy(
        "Register number %(register)s is already used in this office by another case "
        "(decision %(decision)s)."
    ),
    "example": gettext_lazy("This is the template's example row: delete it."),
}


def message_text(code: str, params: dict[str, Any]) -> str:
    """A problem in the active language."""
    values = dict(params)
    if code == "choice":
        english = (translation.get_language() or "lo").startswith("en")
        values["allowed"] = ", ".join(
            en if english else lo for _code, lo, en in allowed_values(params.get("field", ""))
        )
    try:
        return str(MESSAGES[code]) % values
    except (KeyError, TypeError, ValueError):
        return code


def column_label(key: str) -> str:
    """A column's heading in the active language ("" for a problem of the whole row)."""
    column = COLUMN.get(key)
    if column is None:
        return ""
    return column.en if (translation.get_language() or "lo").startswith("en") else column.lo


def _is_example(row: dict[str, Any]) -> bool:
    return (
        row.get("register_number") == EXAMPLE["register_number"]
        and row.get("register_year") == EXAMPLE["register_year"]
        and row.get("decision_number") == EXAMPLE["decision_number"]
        and row.get("debtor_name_lo") == EXAMPLE["debtor_name_lo"]
    )


# ---------------------------------------------------------------- checking the rows


class _Problem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_LAO_DIGITS = {0x0ED0 + n: str(n) for n in range(10)}
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.ASCII)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?$", re.ASCII)
_REGISTER_LABEL = re.compile(r"^(\d+)\s*/\s*(\d{4})$", re.ASCII)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).translate(_LAO_DIGITS).strip()


def _date(value: Any, today: date) -> date:
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        day = from_excel(value).date()  # an Excel date serial in a cell without a date format
    elif isinstance(value, time):
        raise _Problem("date", value=value.isoformat())
    else:
        text = _text(value)
        day = _date_text(text)
    if day > today:
        raise _Problem("date_future")
    if day.year < FIRST_YEAR:
        raise _Problem("date_early")
    return day


def _date_text(text: str) -> date:
    """Day first (31/03/2025, also with . or -), or ISO (2025-03-31); never month first."""
    match = _DMY.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = _YMD.match(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise _Problem("date", value=text)


def _whole_number(value: Any) -> int:
    text = _text(value)
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= 2_000_000_000:
        raise _Problem("whole_number", value=text)
    return int(text)


def _decimal(value: Any) -> Decimal:
    """A number as a spreadsheet holds it, or as it is typed in either language's style."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation as exc:
            raise _Problem("amount", value=str(value)) from exc
    else:
        text = _text(value)
        current = "en" if (translation.get_language() or "lo").startswith("en") else "lo"
        for language in (current, "lo" if current == "en" else "en"):
            try:
                number = parse_amount(text, language)
                break
            except ValueError:
                continue
        else:
            raise _Problem("amount", value=text)
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        raise _Problem("amount", value=_text(value))
    return number


def _amount(value: Any) -> Decimal:
    amount = _decimal(value)
    if amount <= 0:
        raise _Problem("amount", value=_text(value))
    return amount


def _recovered(value: Any) -> Decimal:
    """What was recovered: 0 (or "-") when nothing was, never less."""
    text = _text(value)
    if text == "-":
        return Decimal(0)
    if text.startswith("-") or _decimal(value) < 0:
        raise _Problem("recovered_negative", value=text)
    return _decimal(value)


def _choice(key: str, value: Any, index: dict[str, str]) -> str:
    text = _text(value)
    code = index.get(fold(text))
    if code is None:
        raise _Problem("choice", value=text, field=key)
    return code


class _Courts:
    """Courts by code (their number in ejcms), Lao name or English name; archived ones too,
    since a historic register names courts that have since been merged."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        for pk, name_lo, name_en in Court.objects.values_list("pk", "name_lo", "name_en"):
            self.by_key[str(pk)] = pk
            self.by_key.setdefault(fold(name_lo), pk)
            if name_en:
                self.by_key.setdefault(fold(name_en), pk)

    def find(self, value: Any) -> int:
        text = _text(value)
        pk = self.by_key.get(fold(text))
        if pk is None:
            raise _Problem("court", value=text)
        return pk


@dataclass
class _Row:
    number: int
    raw: dict[str, Any]
    errors: list[tuple[str, _Problem]] = field(default_factory=list)
    clean: dict[str, Any] = field(default_factory=dict)

    def problem(self, key: str, code: str, **params: Any) -> None:
        self.errors.append((key, _Problem(code, **params)))

    def has_error(self, key: str) -> bool:
        return any(k == key for k, _p in self.errors)

    def get(self, key: str, convert: Any, *, required: bool) -> Any:
        """The value of a column converted, or None (with the problem noted)."""
        value = self.raw.get(key)
        if _text(value) == "":
            if required:
                self.problem(key, "required")
            return None
        try:
            return convert(value)
        except _Problem as problem:
            self.errors.append((key, problem))
            return None


def _check_row(
    row: _Row, *, today: date, courts: _Courts, lists: dict[str, dict[str, str]]
) -> None:
    """The checks of one row on its own; the cleaned values go to `row.clean`."""
    clean = row.clean

    def day(value: Any) -> date:
        return _date(value, today)

    def text(limit: int) -> Any:
        def convert(value: Any) -> str:
            result = normalize_lao(_text(value))
            if len(result) > limit:
                raise _Problem("too_long", max=limit)
            return result

        return convert

    number_text = _text(row.raw.get("register_number"))
    year_value = row.get("register_year", _whole_number, required=False)
    label = _REGISTER_LABEL.match(number_text)
    if label:
        # "12/2019" in the number column: the register number as the office writes it.
        year = int(label[2])
        try:
            number = _whole_number(label[1])
        except _Problem as problem:
            number = None
            row.errors.append(("register_number", problem))
        if year_value is not None and year_value != year:
            row.problem("register_year", "year_mismatch", value=number_text, year=year_value)
        year_value = year_value or year
    else:
        number = row.get("register_number", _whole_number, required=True)
    if year_value is None and not row.has_error("register_year"):
        row.problem("register_year", "required")
    elif year_value is not None and not FIRST_YEAR <= year_value <= today.year:
        row.problem("register_year", "year", value=str(year_value))
        year_value = None
    clean["register_number"], clean["register_year"] = number, year_value

    for key in ("received_on", "decided_on", "final_on"):
        clean[key] = row.get(key, day, required=True)
    clean["court"] = row.get("court", courts.find, required=True)
    clean["decision_number"] = row.get("decision_number", text(64), required=True)
    clean["decision_kind"] = row.get(
        "decision_kind",
        lambda v: _choice("decision_kind", v, lists["decision_kind"]),
        required=True,
    )
    kind = row.get(
        "obligation_kind",
        lambda v: _choice("obligation_kind", v, lists["obligation_kind"]),
        required=True,
    )
    clean["obligation_kind"] = kind
    # Fines, confiscation and court fees go to the state: no creditor needs to be named.
    to_state = kind in STATE_OBLIGATIONS
    clean["creditor_name_lo"] = row.get("creditor_name_lo", text(200), required=not to_state)
    clean["creditor_name_latin"] = row.get("creditor_name_latin", text(200), required=False)
    clean["debtor_name_lo"] = row.get("debtor_name_lo", text(200), required=True)
    clean["debtor_name_latin"] = row.get("debtor_name_latin", text(200), required=False)

    money = kind in MONEY_OBLIGATIONS
    amount = row.get("amount", _amount, required=money)
    currency = row.get(
        "currency", lambda v: _choice("currency", v, lists["currency"]), required=money
    )
    if kind is not None and not money:
        if amount is not None:
            row.problem("amount", "amount_not_money")
        amount = currency = None
    if amount is not None and currency is not None:
        places = currency_decimals(currency)
        if amount != amount.quantize(Decimal(1).scaleb(-places)):
            row.problem("amount", "decimals", currency=currency)
    clean["amount"], clean["currency"] = amount, currency

    recovered = row.get("amount_recovered", _recovered, required=False)
    if recovered is not None and recovered > 0:
        if kind is not None and not money:
            row.problem("amount_recovered", "recovered_not_money")
        elif amount is not None and recovered > amount:
            row.problem("amount_recovered", "recovered_more", amount=_text(row.raw.get("amount")))
        elif currency is not None and recovered != recovered.quantize(
            Decimal(1).scaleb(-currency_decimals(currency))
        ):
            row.problem("amount_recovered", "decimals", currency=currency)
    clean["amount_recovered"] = recovered if recovered else None

    status = row.get("status", lambda v: _choice("status", v, lists["status"]), required=True)
    closed = status == "closed"
    clean["closed"] = closed
    clean["closed_on"] = row.get("closed_on", day, required=False)
    clean["outcome"] = row.get(
        "outcome", lambda v: _choice("outcome", v, lists["outcome"]), required=False
    )
    if status is not None:
        given = {key: _text(row.raw.get(key)) != "" for key in ("closed_on", "outcome")}
        if closed and not given["closed_on"]:
            row.problem("closed_on", "closed_without_date")
        if closed and not given["outcome"]:
            row.problem("outcome", "closed_without_outcome")
        if not closed and given["closed_on"]:
            row.problem("closed_on", "open_with_date")
        if not closed and given["outcome"]:
            row.problem("outcome", "open_with_outcome")

    received, decided, final = clean["received_on"], clean["decided_on"], clean["final_on"]
    if decided and final and final < decided:
        row.problem("final_on", "final_before_decided", decided=decided.strftime("%d/%m/%Y"))
    if final and received and received < final:
        row.problem("received_on", "received_before_final", final=final.strftime("%d/%m/%Y"))
    if received and clean["closed_on"] and clean["closed_on"] < received:
        row.problem("closed_on", "closed_before_received", received=received.strftime("%d/%m/%Y"))


@dataclass
class CheckResult:
    rows: int
    report: list[dict[str, Any]]
    valid: list[dict[str, Any]]
    skipped: int


def _stored(clean: dict[str, Any], number: int) -> dict[str, Any]:
    """A cleaned row as JSON keeps it."""
    stored: dict[str, Any] = {"row": number}
    for key, value in clean.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        stored[key] = value
    return stored


def existing_cases(office: Office, years: Iterable[int]) -> dict[tuple[int, int], tuple[str, str]]:
    """(year, number) -> (source, decision number) of the office's cases in those years."""
    rows = EnforcementCase.objects.filter(office=office, register_year__in=sorted(set(years)))
    return {
        (year, number): (source, decision)
        for year, number, source, decision in rows.values_list(
            "register_year", "register_number", "source", "decision__number"
        )
    }


def against_existing(
    clean: dict[str, Any], existing: dict[tuple[int, int], tuple[str, str]]
) -> str | _Problem | None:
    """Whether the row was imported before ("skip"), or a problem when another case has its
    register number (None when the number is free)."""
    found = existing.get((clean["register_year"], clean["register_number"]))
    if found is None:
        return None
    source, decision = found
    if source == CaseSource.LEGACY and number_key(decision) == number_key(clean["decision_number"]):
        return "skip"
    register = f"{clean['register_number']}/{clean['register_year']}"
    return _Problem("taken", register=register, decision=decision)


def check_rows(parsed: ParsedFile, *, office: Office, today: date) -> CheckResult:
    """Every row checked on its own, then against the other rows and the office's cases."""
    courts = _Courts()
    lists = {key: value_index(key) for key in (*CHOICES, "currency", "status")}
    rows = [_Row(number, raw) for number, raw in parsed.rows]
    for row in rows:
        _check_row(row, today=today, courts=courts, lists=lists)

    by_register: dict[tuple[int, int], list[_Row]] = defaultdict(list)
    for row in rows:
        if _is_example(row.clean):
            row.errors.insert(0, ("", _Problem("example")))
        number, year = row.clean.get("register_number"), row.clean.get("register_year")
        if number is not None and year is not None:
            by_register[(year, number)].append(row)
    # Every row of a number used twice is wrong: which of them is the right one is not known.
    for (year, number), same in by_register.items():
        if len(same) > 1:
            for row in same:
                others = ", ".join(str(r.number) for r in same if r is not row)
                row.problem(
                    "register_number", "duplicate", register=f"{number}/{year}", rows=others
                )

    existing = existing_cases(office, (year for year, _number in by_register))
    report: list[dict[str, Any]] = []
    valid: list[dict[str, Any]] = []
    skipped = 0
    for row in rows:
        if not row.errors:
            verdict = against_existing(row.clean, existing)
            if verdict == "skip":
                skipped += 1
                continue
            if isinstance(verdict, _Problem):
                row.errors.append(("register_number", verdict))
        if row.errors:
            report.append({"row": row.number, "errors": [_entry(k, p) for k, p in row.errors]})
        else:
            valid.append(_stored(row.clean, row.number))
    return CheckResult(rows=len(rows), report=report, valid=valid, skipped=skipped)


def _entry(key: str, problem: _Problem) -> dict[str, Any]:
    params = {k: str(v) for k, v in problem.params.items()}
    with translation.override("en"):
        message = message_text(problem.code, params)
    return {"field": key, "code": problem.code, "params": params, "message": message}


@dataclass(frozen=True)
class ReportLine:
    row: int
    field: str
    column: str
    message: str


def report_lines(batch: LegacyImport) -> list[ReportLine]:
    """The problems of a checked file, one a line, in the active language."""
    lines = []
    for item in batch.report:
        for error in item.get("errors", []):
            key = error.get("field", "")
            code = error.get("code", "")
            text = message_text(code, error.get("params", {})) if code in MESSAGES else ""
            lines.append(
                ReportLine(item["row"], key, column_label(key), text or error.get("message", ""))
            )
    return lines
