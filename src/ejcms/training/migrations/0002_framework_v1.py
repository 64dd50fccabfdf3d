"""Version 1 of the competency framework: the 15 competencies of the CMS baseline study
(DOMAIN.md "Training needs assessment"). Later versions are new rows; campaigns keep theirs."""

from django.db import migrations

COMPETENCIES = [
    # number, domain, Lao, English, articles
    (1, "law", "ການຄົ້ນຄວ້າ ແລະ ວິເຄາະຄຳຕັດສິນຂອງສານ", "Analysing judgments and enforceable titles", "9, 21"),
    (2, "procedure", "ການຮຽກ ແລະ ການແຈ້ງຄູ່ຄວາມ", "Service and notification", "18, 22"),
    (3, "procedure", "ການຊຸກຍູ້ໃຫ້ປະຕິບັດດ້ວຍຄວາມສະໝັກໃຈ", "Facilitating voluntary settlement", "16, 19"),
    (4, "procedure", "ການຮ່າງຄຳສັ່ງ ແລະ ເອກະສານທາງການ", "Drafting orders", "20, 63"),
    (5, "measures", "ການກວດກາ ແລະ ຂຶ້ນບັນຊີຊັບ", "Tracing and inventorying assets", "24"),
    (6, "measures", "ການຍຶດຊັບ ແລະ ການອາຍັດຊັບ", "Seizure and freezing", "55, 56"),
    (7, "measures", "ການຫັກເງິນໃນບັນຊີ, ການຫັກລາຍຮັບ ແລະ ການຫັກລາຍໄດ້", "Account, wage and income deductions", "58–61"),
    (8, "measures", "ການຕີລາຄາຊັບ ແລະ ຄະນະກຳມະການຕີລາຄາຊັບ", "Valuation and valuation committees", "25–32"),
    (9, "measures", "ການຂາຍຊັບ ແລະ ການປະມູນ", "Auctions and sales", "35, 36"),
    (10, "measures", "ການຍົກຍ້າຍ ແລະ ການມອບຊັບ", "Eviction and handover", "33, 37, 38"),
    (11, "procedure", "ການໂຈະ, ການສິ້ນສຸດ, ການປິດ ແລະ ການຍົກເລີກການປະຕິບັດຄຳຕັດສິນຂອງສານ", "Suspension, termination, closure and write-off", "43, 48, 71–77"),
    (12, "money", "ການຄຸ້ມຄອງເງິນ ແລະ ບັນຊີ", "Money handling and accounting", "40, 42, 70"),
    (13, "ethics", "ຈັນຍາບັນ, ການຖອນຕົວ ແລະ ການຕ້ານການສໍ້ລາດບັງຫຼວງ", "Ethics, recusal and anti-corruption", "12"),
    (14, "coordination", "ການປະສານງານກັບສານ, ອົງການໄອຍະການປະຊາຊົນ, ເຈົ້າໜ້າທີ່ຕຳຫຼວດ ແລະ ອົງການປົກຄອງບ້ານ; ການລາຍງານ", "Coordination with courts, prosecutors, police and village authorities; reporting", "11, 33, 50"),
    (15, "digital", "ການນຳໃຊ້ລະບົບຄຸ້ມຄອງຄະດີ, ສະຖິຕິ ແລະ ທັກສະດີຈີຕອນ", "Using the case management system, statistics and digital skills", ""),
]


def seed(apps, schema_editor):
    Framework = apps.get_model("training", "Framework")
    Competency = apps.get_model("training", "Competency")
    framework, _created = Framework.objects.get_or_create(
        version=1, defaults={"title": "ກອບຄວາມສາມາດ ຂອງພະນັກງານປະຕິບັດຄຳຕັດສິນຂອງສານ"}
    )
    for number, domain, name_lo, name_en, articles in COMPETENCIES:
        Competency.objects.update_or_create(
            framework=framework,
            number=number,
            defaults={"domain": domain, "name_lo": name_lo, "name_en": name_en, "articles": articles},
        )


def unseed(apps, schema_editor):
    apps.get_model("training", "Competency").objects.filter(framework__version=1).delete()
    apps.get_model("training", "Framework").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
