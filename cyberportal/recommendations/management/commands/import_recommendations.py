"""`manage.py import_recommendations PATH [--dry-run] [--json]`: the upload form's importer, from a shell."""

import json as jsonlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cyberportal.core.uploads import UploadRefused, check_size, run_bounded
from cyberportal.recommendations import importer, services
from cyberportal.recommendations.models import Recommendation


class Command(BaseCommand):
    help = (
        "Import a recommendations document (.txt, .md, .docx, .pdf, .html): its meeting and numbered items."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The document to import.")
        parser.add_argument("--dry-run", action="store_true", help="Parse and print; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the parsed document as JSON.")

    def handle(self, *args, path, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            # The web upload's limits: size, ZIP checks, and a child process bounded in time and memory.
            check_size(file.name, file.stat().st_size)
            document = run_bounded(importer.read_document, file.name, file.read_bytes())
        except UploadRefused as error:
            raise CommandError(str(error)) from error
        importer.propose_lineage(
            document, Recommendation.objects.select_related("meeting__body").order_by("meeting__year")
        )
        if options["json"]:
            self.stdout.write(_dumps(document.as_json()))
        else:
            self._print(document)
        if dry_run:
            if not options["json"]:
                self.stdout.write("Dry run: nothing saved.")
            return
        try:
            meeting = services.meeting_import(document=document)
        except ValidationError as error:
            raise CommandError("Not saved: " + "; ".join(error.messages)) from error
        if not options["json"]:
            self.stdout.write(
                self.style.SUCCESS(f"Saved {meeting} with {len(document.recommendations)} recommendations.")
            )

    def _print(self, document):
        meeting = document.meeting
        self.stdout.write(
            f"Meeting: body={meeting.body or '?'} number={meeting.number or '?'} "
            f"dates={meeting.start_date or '?'}..{meeting.end_date or '?'} year={meeting.year or '?'} "
            f"place={meeting.place or '?'} symbol={meeting.symbol or '-'} "
            f"original language={meeting.original_language or '?'} (text in {document.language})"
        )
        self.stdout.write(f"Recommendations: {len(document.recommendations)}")
        for rec in document.recommendations:
            letters = f" ({', '.join(rec.letters)})" if rec.sub_items else ""
            lineage = f" <- {rec.previous_label} ({rec.similarity})" if rec.previous_label else ""
            self.stdout.write(f"  {rec.number}{letters} themes={','.join(rec.themes) or '-'}{lineage}")
        self.stdout.write(f"Structure confidence: {document.confidence}")
        for item in document.unplaced:
            self.stdout.write(f"  unplaced, line {item['line']}: {item['text'][:100]}")
        for problem in document.problems:
            where = f"line {problem.line}: " if problem.line else ""
            self.stdout.write(self.style.WARNING(f"  {where}{problem.message}"))


def _dumps(data) -> str:
    return jsonlib.dumps(data, ensure_ascii=False, indent=2)
