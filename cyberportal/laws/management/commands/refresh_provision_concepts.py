"""Recompute which thesaurus concepts every provision names (the table search reads them from).

python manage.py refresh_provision_concepts

The services keep it current as provisions and the thesaurus are written; run this after writing
provisions or labels by other means (a raw SQL load, a restore from an older backup).
"""

from django.core.management.base import BaseCommand

from cyberportal.laws import services


class Command(BaseCommand):
    help = "Recompute the concepts every provision names, for cross-lingual search."

    def handle(self, *args, **options):
        recorded = services.provision_concepts_refresh()
        self.stderr.write(f"Provisions naming concepts: {recorded} matches recorded.")
