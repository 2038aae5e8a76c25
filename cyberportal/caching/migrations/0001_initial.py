# PageCacheVersion moves here from the quality app (tooling) to the request-path app. Its only row is a
# cache version, so the model gets a new table; the old table's number is carried over so that entries
# cached before the move (keyed by older numbers) can never be served again.

from django.db import migrations, models

OLD_TABLE = "quality_pagecacheversion"


def carry_over_version(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(number) FROM {connection.ops.quote_name(OLD_TABLE)}")  # noqa: S608
        (number,) = cursor.fetchone()
    if number is not None:
        # One past the old number: nothing cached under it is current either.
        apps.get_model("caching", "PageCacheVersion").objects.create(pk=1, number=number + 1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PageCacheVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0, verbose_name="number")),
            ],
            options={
                "verbose_name": "page cache version",
                "verbose_name_plural": "page cache versions",
            },
        ),
        migrations.RunPython(carry_over_version, migrations.RunPython.noop),
    ]
