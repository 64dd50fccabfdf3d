"""The time limits of Law No. 128/ປປທ and the court fee rate of Law No. 72/ສພຊ, as data.

A change in the law is a new row with a later effective date (never an edit of these rows), so
cases keep the limits that applied when their acts were done.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

EFFECTIVE = date(2024, 1, 1)

RULES = [
    # key, value, unit, law, article, Lao title, English title
    (
        "court_transmission",
        30,
        "calendar_days",
        "enforcement",
        "11",
        "ສານສົ່ງຄຳຕັດສິນທີ່ໃຊ້ໄດ້ຢ່າງເດັດຂາດ",
        "Court sends the final decision",
    ),
    (
        "request_check",
        3,
        "working_days",
        "enforcement",
        "46",
        "ກວດກາຄຳຮ້ອງຂໍ",
        "Check a request for enforcement",
    ),
    (
        "call_parties",
        5,
        "working_days",
        "enforcement",
        "18",
        "ຮຽກຄູ່ຄວາມເຂົ້າມາ ເພື່ອແຈ້ງເນື້ອໃນຄຳຕັດສິນ",
        "Call the parties in and inform them of the decision",
    ),
    (
        "enforcement_order",
        5,
        "working_days",
        "enforcement",
        "20",
        "ອອກຄຳສັ່ງປະຕິບັດຄຳຕັດສິນຂອງສານ",
        "Issue the enforcement order",
    ),
    (
        "study_decision",
        10,
        "working_days",
        "enforcement",
        "21",
        "ຄົ້ນຄວ້າຄຳຕັດສິນຂອງສານ",
        "Study the decision and plan",
    ),
    (
        "notify_debtor",
        5,
        "working_days",
        "enforcement",
        "22",
        "ແຈ້ງໃຫ້ປະຕິບັດຄຳຕັດສິນຂອງສານ",
        "Notify the debtor to comply",
    ),
    (
        "deemed_service",
        10,
        "working_days",
        "enforcement",
        "22",
        "ຖືວ່າໄດ້ຮັບຊາບການແຈ້ງ (ຕິດປະກາດ ຫຼື ສື່ມວນຊົນ)",
        "Posted or published notice counts as received",
    ),
    (
        "compliance_period",
        30,
        "calendar_days",
        "enforcement",
        "23",
        "ກຳນົດເວລາການປະຕິບັດຄຳຕັດສິນຂອງສານ",
        "Debtor's period to comply",
    ),
    (
        "suspension_notice",
        7,
        "working_days",
        "enforcement",
        "43",
        "ແຈ້ງຄຳສັ່ງໂຈະການປະຕິບັດຄຳຕັດສິນຂອງສານ",
        "Notify the suspension order",
    ),
    (
        "closure_notice",
        5,
        "working_days",
        "enforcement",
        "50",
        "ແຈ້ງຄຳສັ່ງປິດການປະຕິບັດຄຳຕັດສິນຂອງສານ",
        "Notify the closure order",
    ),
    (
        "closure_challenge",
        10,
        "working_days",
        "enforcement",
        "51",
        "ຂໍລົບລ້າງຄຳສັ່ງປິດການປະຕິບັດຄຳຕັດສິນຂອງສານ",
        "Ask the next level to annul a closure order",
    ),
    (
        "court_fee_rate",
        2,
        "percent",
        "court_fees",
        "37",
        "ຄ່າທຳນຽມຂອງຜູ້ເສຍຄະດີ",
        "Losing party's court fee",
    ),
]


def seed(apps, schema_editor):
    LegalRule = apps.get_model("cases", "LegalRule")
    for key, value, unit, law, article, title_lo, title_en in RULES:
        LegalRule.objects.update_or_create(
            key=key,
            effective_from=EFFECTIVE,
            defaults={
                "value": Decimal(value),
                "unit": unit,
                "law": law,
                "article": article,
                "title_lo": title_lo,
                "title_en": title_en,
            },
        )


def unseed(apps, schema_editor):
    LegalRule = apps.get_model("cases", "LegalRule")
    LegalRule.objects.filter(key__in=[rule[0] for rule in RULES], effective_from=EFFECTIVE).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
