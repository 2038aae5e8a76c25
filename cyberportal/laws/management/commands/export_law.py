"""Write a law to standard output as Akoma Ntoso 3.0 XML, JSON or CSV.

python manage.py export_law /akn/co/act/2009/1273 --format akn [--on 2021-06-30]
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from cyberportal.laws.exporters import FORMATS, export_law
from cyberportal.laws.models import Law


class Command(BaseCommand):
    help = "Export a law (by its FRBR work URI) as Akoma Ntoso XML, JSON or CSV to standard output."

    def add_arguments(self, parser):
        parser.add_argument("frbr_uri")
        parser.add_argument("--format", choices=FORMATS, default="akn")
        parser.add_argument("--on", help="Akoma Ntoso only: the wording in force on this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        law = Law.objects.select_related("state").filter(frbr_uri=options["frbr_uri"].rstrip("/")).first()
        if law is None:
            raise CommandError(f"No law with the FRBR work URI “{options['frbr_uri']}”.")
        on = None
        if options["on"]:
            try:
                on = datetime.date.fromisoformat(options["on"])
            except ValueError as error:
                raise CommandError(f"--on “{options['on']}” is not a date in the form YYYY-MM-DD.") from error
        content, _type, _ext = export_law(law, options["format"], user=None, on=on)
        self.stdout.write(content, ending="" if content.endswith("\n") else "\n")
