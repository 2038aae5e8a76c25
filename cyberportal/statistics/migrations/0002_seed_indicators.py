"""The seed indicators (statistics/reference.py) as reference data: every instance starts with them, and
the Secretariat edits them in the admin afterwards. Only codes not yet present are added."""

from django.db import migrations


def seed(apps, schema_editor):
    from cyberportal.statistics.reference import indicator_rows

    Indicator = apps.get_model("statistics", "Indicator")
    rows = indicator_rows()
    existing = set(Indicator.objects.values_list("code", flat=True))
    for row in rows:
        if row["code"] not in existing:
            Indicator.objects.create(**{k: v for k, v in row.items() if k not in {"part_of", "at_most"}})
    by_code = {i.code: i for i in Indicator.objects.all()}
    for row in rows:
        if row["code"] not in existing:
            indicator = by_code[row["code"]]
            indicator.part_of = by_code.get(row["part_of"])
            indicator.at_most = by_code.get(row["at_most"])
            indicator.save(update_fields=["part_of", "at_most"])


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
