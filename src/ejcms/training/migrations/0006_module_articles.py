"""Each module names the articles of the Law on Enforcement of Court Decisions it teaches, from
the articles' own titles (checked against the law text in guidelines/data/law)."""

from django.db import migrations, models

ARTICLES = {
    "M01": "18, 21, 22, 23",  # notifying the decision, studying it, the notice, the period
    "M02": "20, 49, 50, 73",  # the enforcement order, the closure order and its notice, Art. 73
    "M03": "24, 53, 55–57",  # inspection and inventory, measures, seizure, freezing, exemptions
    "M04": "58–61",  # debit from an account, deductions from income and wages, garnishment
    "M05": "25–32, 34–36",  # valuation, objection, sale, advertisement, auction
    "M06": "33, 37, 38, 48–52",  # eviction, handover, ending, closure, the file kept
    "M07": "40, 41, 42",  # money held and paid out, enforcement in another place, fees and costs
    "M08": "",  # the case management system
}


def seed(apps, schema_editor):
    Module = apps.get_model("training", "Module")
    for code, articles in ARTICLES.items():
        Module.objects.filter(code=code).update(articles=articles)


class Migration(migrations.Migration):
    dependencies = [("training", "0005_modules")]

    operations = [
        migrations.AddField(
            model_name="module",
            name="articles",
            field=models.CharField(blank=True, max_length=100, verbose_name="articles of the law"),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
