"""The limits, thresholds and time limits of the enforcement measures (Art. 26–62), as data.

As in 0002: a change in the law is a new row with a later effective date, never an edit.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

EFFECTIVE = date(2024, 1, 1)

RULES = [
    # key, value, unit, law, article, Lao title, English title
    ("freeze_order", 5, "working_days", "enforcement", "56",
     "ອອກຄຳສັ່ງອາຍັດຊັບ", "Issue the freezing order"),
    ("seizure_execution", 7, "working_days", "enforcement", "55",
     "ຈັດຕັ້ງປະຕິບັດການຍຶດຊັບ ນັບແຕ່ວັນອອກຄຳສັ່ງຍຶດ", "Carry out the seizure after the order"),
    ("bank_debit_transfer", 7, "working_days", "enforcement", "58",
     "ສະຖາບັນການເງິນໂອນເງິນທີ່ຫັກຈາກບັນຊີ", "The bank transfers the debited money"),
    ("wage_deduction_max", 30, "percent", "enforcement", "59",
     "ການຫັກລາຍຮັບສູງສຸດ ຕໍ່ເດືອນ", "Highest wage deduction in a month"),
    ("income_deduction_max", 60, "percent", "enforcement", "60",
     "ການຫັກລາຍໄດ້ສູງສຸດ ຂອງລາຍໄດ້ສຸດທິ", "Highest deduction from net business income"),
    ("exempt_religious_max", 1000000, "lak", "enforcement", "57",
     "ສິ່ງສັກກາລະບູຊາ ທີ່ຫ້າມຍຶດ ຫຼື ອາຍັດ", "Exempt religious objects, up to"),
    ("exempt_household_max", 5000000, "lak", "enforcement", "57",
     "ວັດຖຸສິ່ງຂອງທີ່ໃຊ້ເປັນປະຈຳ ທີ່ຫ້າມຍຶດ ຫຼື ອາຍັດ (ຕໍ່ຄົນ)",
     "Exempt household items, up to (per person)"),
    ("exempt_work_tools_max", 5000000, "lak", "enforcement", "57",
     "ວັດຖຸສິ່ງຂອງທີ່ຈຳເປັນສຳລັບການປະກອບອາຊີບ ທີ່ຫ້າມຍຶດ ຫຼື ອາຍັດ",
     "Exempt tools of the debtor's trade, up to"),
    ("bring_in_summonses", 3, "count", "enforcement", "54",
     "ໝາຍຮຽກທີ່ບໍ່ເຂົ້າມາ ກ່ອນການພາຕົວ", "Ignored summonses before bringing in"),
    ("bring_in_from_hour", 6, "hour", "enforcement", "54",
     "ການພາຕົວ ເລີ່ມແຕ່", "Bringing in, not before"),
    ("bring_in_until_hour", 18, "hour", "enforcement", "54",
     "ການພາຕົວ ບໍ່ໃຫ້ເກີນ", "Bringing in, not after"),
    ("eviction_period", 90, "calendar_days", "enforcement", "33",
     "ກຳນົດເວລາຍົກຍ້າຍ ສູງສຸດ", "Longest period to vacate"),
    ("valuation_invitation", 3, "working_days", "enforcement", "26",
     "ບັດເຊີນເຂົ້າຮ່ວມການຕີລາຄາ ກ່ອນວັນຕີລາຄາ", "Valuation invitations, ahead of the day"),
    ("valuation_notice", 3, "working_days", "enforcement", "31",
     "ແຈ້ງຜົນຂອງການຕີລາຄາ", "Notify the valuation result"),
    ("valuation_objection", 15, "calendar_days", "enforcement", "32",
     "ຄັດຄ້ານລາຄາ ນັບແຕ່ວັນໄດ້ຮັບແຈ້ງຜົນ", "Object to the valuation after its notice"),
    ("objection_decision", 10, "working_days", "enforcement", "32",
     "ຄົ້ນຄວ້າຄຳຮ້ອງຄັດຄ້ານລາຄາ", "Decide an objection to the valuation"),
    ("owner_sale_before_valuation", 30, "calendar_days", "enforcement", "35",
     "ເຈົ້າຂອງຊັບຂາຍຊັບດ້ວຍຕົນເອງ ກ່ອນການຕີລາຄາ", "Owner's own sale, before valuation"),
    ("owner_sale_after_valuation", 45, "calendar_days", "enforcement", "35",
     "ເຈົ້າຂອງຊັບຂາຍຊັບດ້ວຍຕົນເອງ ຫຼັງການຕີລາຄາ", "Owner's own sale, after valuation"),
    ("sale_advertisement", 30, "calendar_days", "enforcement", "35",
     "ແຈ້ງການປະກາດຂາຍ", "Public advertisement of the sale"),
    ("auction_notice", 10, "working_days", "enforcement", "36",
     "ແຈ້ງການປະມູນ ລ່ວງໜ້າ", "Notice of the auction, ahead of the day"),
    ("auction_deposit_rate", 10, "percent", "enforcement", "36",
     "ເງິນທີ່ຊຳລະກ່ອນ ຢ່າງໜ້ອຍ", "Auction deposit, at least"),
    ("auction_deposit", 3, "working_days", "enforcement", "36",
     "ຊຳລະເງິນທີ່ຊຳລະກ່ອນ ນັບແຕ່ວັນປະມູນໄດ້", "Pay the deposit after the auction"),
    ("auction_balance", 30, "calendar_days", "enforcement", "36",
     "ຊຳລະສ່ວນທີ່ເຫຼືອ", "Pay the balance after the auction"),
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
    dependencies = [("cases", "0005_outcome_and_measure_choices")]

    operations = [migrations.RunPython(seed, unseed)]
