"""The first modules of the ToT curriculum, each linked to the competencies it addresses."""

from django.db import migrations

MODULES = [
    # code, Lao title, English title, hours, competency numbers
    ("M01", "ການຄົ້ນຄວ້າຄຳຕັດສິນ ແລະ ການແຈ້ງຄູ່ຄວາມ", "Studying decisions and notifying the parties", 6, [1, 2, 3]),
    ("M02", "ການຮ່າງຄຳສັ່ງ ແລະ ເອກະສານທາງການ", "Drafting orders and official documents", 6, [4]),
    ("M03", "ການກວດກາ, ການຍຶດ ແລະ ການອາຍັດຊັບ", "Tracing, seizing and freezing assets", 12, [5, 6]),
    ("M04", "ການຫັກເງິນ, ການຫັກລາຍຮັບ ແລະ ການຫັກລາຍໄດ້", "Account, wage and income deductions", 6, [7]),
    ("M05", "ການຕີລາຄາ, ການຂາຍ ແລະ ການປະມູນຊັບ", "Valuation, sale and auction", 12, [8, 9]),
    ("M06", "ການຍົກຍ້າຍ, ການມອບຊັບ ແລະ ການສິ້ນສຸດການປະຕິບັດ", "Eviction, handover and ending enforcement", 6, [10, 11]),
    ("M07", "ການຄຸ້ມຄອງເງິນ, ຈັນຍາບັນ ແລະ ການປະສານງານ", "Money, ethics and coordination", 6, [12, 13, 14]),
    ("M08", "ການນຳໃຊ້ລະບົບຄຸ້ມຄອງຄະດີ", "Using the case management system", 6, [15]),
]


def seed(apps, schema_editor):
    Module = apps.get_model("training", "Module")
    Competency = apps.get_model("training", "Competency")
    for code, title_lo, title_en, hours, numbers in MODULES:
        module, _created = Module.objects.update_or_create(
            code=code, defaults={"title_lo": title_lo, "title_en": title_en, "hours": hours}
        )
        module.competencies.set(
            Competency.objects.filter(framework__version=1, number__in=numbers)
        )


def unseed(apps, schema_editor):
    apps.get_model("training", "Module").objects.filter(code__in=[m[0] for m in MODULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0004_train_the_trainer")]

    operations = [migrations.RunPython(seed, unseed)]
