"""Charge the money obligations of cases registered before the ledger existed (as
`finance.services.ledger_open` does at registration)."""

from django.db import migrations

MONEY = ("pay_money", "fine", "confiscation", "court_fees")


def open_ledgers(apps, schema_editor):
    Obligation = apps.get_model("cases", "Obligation")
    LedgerEntry = apps.get_model("finance", "LedgerEntry")
    charged = set(
        LedgerEntry.objects.filter(obligation__isnull=False, charge__isnull=True)
        .exclude(kind="payout")
        .values_list("obligation_id", flat=True)
    )
    rows = []
    for obligation in Obligation.objects.filter(kind__in=MONEY, amount__isnull=False).select_related("case"):
        if obligation.pk in charged:
            continue
        rows.append(
            LedgerEntry(
                case_id=obligation.case_id,
                office_id=obligation.case.office_id,
                kind="court_fee" if obligation.kind == "court_fees" else "principal",
                amount=obligation.amount,
                currency=obligation.currency,
                on=obligation.case.received_on,
                obligation=obligation,
            )
        )
    LedgerEntry.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial"), ("cases", "0006_measure_rules")]

    operations = [migrations.RunPython(open_ledgers, migrations.RunPython.noop)]
