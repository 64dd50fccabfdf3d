"""Timeline sentences for assets, measures, valuations and sales, in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import TimelineEvent
from ejcms.cases.timeline import DESCRIBERS
from ejcms.core.formatting import format_date
from ejcms.core.money import format_money, plain_number
from ejcms.measures.choices import DeclaredBy, Level, MeasureKind, SaleMode


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _money(p: dict[str, Any], key: str) -> str:
    return format_money(Decimal(p.get(key) or "0"), p.get("currency", ""))


def _date(p: dict[str, Any], key: str) -> str:
    from datetime import date

    value = p.get(key)
    return format_date(date.fromisoformat(value)) if value else ""


def describe_asset(event: TimelineEvent, names: dict[int, str]) -> str:
    p = event.payload or {}
    return _("Asset recorded: %(description)s (%(source)s).") % {
        "description": p.get("description", ""),
        "source": _label(DeclaredBy, p.get("declared_by", "")),
    }


def describe_measure(event: TimelineEvent, names: dict[int, str]) -> str:
    p = event.payload or {}
    kind = _label(MeasureKind, p.get("kind", ""))
    action = p.get("action")
    late = " " + _("(after the time limit)") if p.get("late") else ""
    if action == "freeze":
        return _("Freezing order: %(description)s.") % {"description": p.get("description")} + late
    if action == "release":
        return _("Freezing order released: %(description)s.") % {
            "description": p.get("description")
        }
    if action == "inspection":
        return _("Assets inspected and listed (%(count)s found).") % {
            "count": len(p.get("found", []))
        }
    if action == "summons":
        return _("Summons served on %(name)s, to appear on %(date)s.") % {
            "name": p.get("name", ""),
            "date": _date(p, "appear_on"),
        }
    if action == "ignored":
        return _("Summons ignored.")
    if action == "appeared":
        return _("Summons answered.")
    if action == "done":
        return _("Carried out: %(measure)s.") % {"measure": kind} + late
    details = []
    if p.get("rate"):
        details.append(f"{plain_number(Decimal(p['rate']))} %")
    if p.get("amount"):
        details.append(_money(p, "amount"))
    if p.get("items"):
        details.append(_("%(count)s items") % {"count": p["items"]})
    if p.get("period_days"):
        details.append(_("%(days)s days to vacate") % {"days": p["period_days"]})
    if p.get("at"):
        details.append(p["at"])
    text = _("Ordered: %(measure)s.") % {"measure": kind}
    return f"{text} ({'; '.join(details)})" if details else text


def describe_valuation(event: TimelineEvent, names: dict[int, str]) -> str:
    p = event.payload or {}
    action = p.get("action")
    if action == "planned":
        return _("Valuation of %(description)s planned for %(date)s.") % {
            "description": p.get("description", ""),
            "date": _date(p, "scheduled_on"),
        }
    if action == "valued":
        return _("%(description)s valued at %(value)s.") % {
            "description": p.get("description", ""),
            "value": _money(p, "value"),
        }
    if action == "notified":
        return _("Valuation result notified.")
    if action in ("objection", "appeal"):
        return _("%(name)s objected to the valuation; decided by: %(level)s.") % {
            "name": p.get("name", ""),
            "level": _label(Level, p.get("level", "")),
        }
    if p.get("upheld"):
        return _("Objection upheld by %(level)s: the asset is to be valued again.") % {
            "level": _label(Level, p.get("level", ""))
        }
    return _("Objection rejected by %(level)s.") % {"level": _label(Level, p.get("level", ""))}


def describe_sale(event: TimelineEvent, names: dict[int, str]) -> str:
    p = event.payload or {}
    action = p.get("action")
    if action == "owner":
        return _("The owner may sell %(description)s himself until %(date)s.") % {
            "description": p.get("description", ""),
            "date": _date(p, "until"),
        }
    if action == "owner_sold":
        return _("%(description)s sold by the owner for %(price)s.") % {
            "description": p.get("description", ""),
            "price": _money(p, "price"),
        }
    if action == "advertised":
        return _("Sale of %(description)s advertised at %(price)s.") % {
            "description": p.get("description", ""),
            "price": _money(p, "price"),
        }
    if action == "announced":
        return _("%(mode)s announced for %(date)s.") % {
            "mode": _label(SaleMode, p.get("mode", "")),
            "date": _date(p, "auction_on"),
        }
    if action == "auctioned":
        return _("Auction held: %(bids)s bids; highest %(price)s by %(name)s.") % {
            "bids": p.get("bids", 0),
            "price": _money(p, "price"),
            "name": p.get("winner", ""),
        }
    if action == "deposit":
        return _("Deposit of %(amount)s paid by %(name)s.") % {
            "amount": _money(p, "amount"),
            "name": p.get("name", ""),
        }
    if action == "sold":
        return _("Sold to %(name)s for %(price)s.") % {
            "name": p.get("name", ""),
            "price": _money(p, "price"),
        }
    if action == "defaulted":
        text = _("%(name)s did not pay in time: %(amount)s forfeited.") % {
            "name": p.get("name", ""),
            "amount": _money(p, "forfeited"),
        }
        if p.get("next"):
            text += " " + _("The lot is offered to %(name)s.") % {"name": p["next"]}
        return text
    if action == "handed_over":
        return _("%(description)s handed to the creditor %(name)s.") % {
            "description": p.get("description", ""),
            "name": p.get("name", ""),
        }
    return str(action)


def register() -> None:
    DESCRIBERS[TimelineKind.ASSET] = describe_asset
    DESCRIBERS[TimelineKind.MEASURE] = describe_measure
    DESCRIBERS[TimelineKind.VALUATION] = describe_valuation
    DESCRIBERS[TimelineKind.SALE] = describe_sale
