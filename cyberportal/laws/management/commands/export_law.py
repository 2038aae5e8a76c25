"""Write a law to standard output as Akoma Ntoso 3.0 XML, JSON or CSV.

python manage.py export_law /akn/co/act/2009/1273 --format akn
"""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.laws.exporters import FORMATS, export_law
from cyberportal.laws.models import Law


class Command(BaseCommand):
    help = "Export a law (by its FRBR work URI) as Akoma Ntoso XML, JSON or CSV to standard output."

    def add_arguments(self, parser):
        parser.add_argument("frbr_uri")
        parser.add_argument("--format", choices=FORMATS, default="akn")

    def handle(self, *args, **options):
        law = Law.objects.select_related("state").filter(frbr_uri=options["frbr_uri"].rstrip("/")).first()
        if law is None:
            raise CommandError(f"No law with the FRBR work URI “{options['frbr_uri']}”.")
        content, _type, _ext = export_law(law, options["format"], user=None)
        self.stdout.write(content, ending="" if content.endswith("\n") else "\n")
