"""Add the starting thesaurus's concepts and labels (cyberportal/laws/thesaurus.py) that the database lacks.

python manage.py load_thesaurus

Labels the Secretariat added or edited are kept; run it after an upgrade so the importer's mapping
suggestions use the terms added since.
"""

from django.core.management.base import BaseCommand

from cyberportal.laws import services
from cyberportal.laws.models import ConceptLabel


class Command(BaseCommand):
    help = "Add the missing concepts and labels of the starting thesaurus; nothing is removed."

    def handle(self, *args, **options):
        before = ConceptLabel.objects.count()
        concepts = services.thesaurus_load()
        labels = ConceptLabel.objects.count() - before
        self.stderr.write(f"Thesaurus: {concepts} concepts and {labels} labels added.")
