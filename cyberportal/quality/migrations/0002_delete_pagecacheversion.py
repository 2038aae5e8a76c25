# PageCacheVersion moved to the caching app (the request-path caches); the quality app is tooling only
# and keeps no table. The caching app's first migration reads this table's number before it is dropped.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0001_initial"),
        ("caching", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="PageCacheVersion"),
    ]
