"""Import a law from .txt, .md, .docx, .pdf (text layer), .html or Akoma Ntoso .xml, through the upload form's parser.

python manage.py import_law ley_1273.docx --state CO [--dry-run] [--json] [--publish] [--no-suggestions] [--force]

Mapping suggestions (framework articles named by the thesaurus terms a provision uses) are printed and,
unless --no-suggestions, saved as unreviewed mappings: the matrix then shows them for review rather than
"not yet reviewed" everywhere. Every run reports counts per level, the lines it could not place, warnings and
the structure confidence; under settings.LAW_IMPORT_MIN_CONFIDENCE nothing is saved without --force.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cyberportal.core.uploads import UploadRefused, check_size, run_bounded
from cyberportal.laws import search, services
from cyberportal.laws.importers import parse_upload
from cyberportal.laws.models import MappingExtent
from cyberportal.states.models import State


class Command(BaseCommand):
    help = "Import a law file (txt, docx, pdf, Akoma Ntoso xml) for a state; nothing is saved on error."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--state", required=True, help="ISO 3166-1 alpha-2 code, e.g. CO")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the parsed law as JSON.")
        parser.add_argument("--publish", action="store_true", help="Publish at once (default: a draft).")
        parser.add_argument(
            "--no-suggestions", action="store_true", help="Do not save the suggested mappings."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Save even when the structure confidence is under the threshold.",
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        state = State.objects.filter(code=options["state"].upper()).first()
        if state is None:
            raise CommandError(
                f"Unknown state “{options['state']}”: give an ISO 3166-1 alpha-2 code of a loaded state."
            )
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            # The web upload's limits: size, ZIP checks, and a child process bounded in time and memory.
            check_size(path.name, path.stat().st_size)
            parsed = run_bounded(parse_upload, path.name, path.read_bytes())
        except UploadRefused as error:
            raise CommandError(f"{path.name}: {error}") from error
        suggestions = search.suggest_mappings(parsed, amendments=True)
        if options["json"]:
            data = parsed.as_json()
            data["suggestions"] = [_as_json(s, parsed) for s in suggestions]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            numbers = parsed.numbers()
            self.stdout.write(
                f"{parsed.identifier or parsed.title} [{parsed.language}]: {len(parsed.provisions)} provisions, "
                f"articles {', '.join(numbers)}"
            )
            for amendment in parsed.amendments:
                inserted = [p.number for p in amendment.provisions if p.kind == "article"]
                self.stdout.write(
                    f"  {amendment.action}s into {amendment.code_name}: articles {', '.join(inserted)}"
                )
            for s in suggestions:
                self.stdout.write(f"  suggests {_as_json(s, parsed)['text']}")
            self._report(parsed)
        if options["dry_run"]:
            self.stderr.write("Dry run: nothing saved.")
            return
        if services.import_needs_confirmation(parsed) and not options["force"]:
            raise CommandError(
                f"{path.name}: structure confidence {parsed.confidence} is under "
                f"{settings.LAW_IMPORT_MIN_CONFIDENCE}; check the report and run again with --force to save. "
                "Nothing was saved."
            )
        try:
            # The law's own provisions only: the wordings inserted into a code are saved under the code.
            mappings = [
                (s.index, s.article.pk, MappingExtent.FULL)
                for s in suggestions
                if s.amendment is None and not options["no_suggestions"]
            ]
            law = services.law_import(
                parsed=parsed,
                options=services.ImportOptions(
                    state=state, publish=options["publish"], mappings=mappings, confirmed=options["force"]
                ),
            )
        except ValidationError as error:
            raise CommandError(f"{path.name}: {'; '.join(error.messages)} Nothing was saved.") from error
        self.stderr.write(
            f"Saved {law.frbr_uri} ({'published' if law.live else 'draft'}), "
            f"{len(mappings)} suggested mappings to review."
        )

    def _report(self, parsed) -> None:
        """Counts per level, identity, unplaced lines and warnings: a silent wrong import is worse than none."""
        counts = ", ".join(f"{kind} {n}" for kind, n in parsed.counts().items())
        self.stdout.write(f"  counts: {counts}")
        dates = ", ".join(f"{key} {value}" for key, value in parsed.dates.items()) or "none found"
        self.stdout.write(f"  number: {parsed.number or '?'}; year: {parsed.year or '?'}; dates: {dates}")
        self.stdout.write(f"  structure confidence: {parsed.confidence}")
        for item in parsed.unplaced:
            self.stdout.write(f"  unplaced, line {item['line']}: {item['text'][:100]}")
        for warning in parsed.warnings:
            self.stdout.write(f"  warning: {warning}")


def _as_json(suggestion, parsed) -> dict:
    where = (
        f"{parsed.amendments[suggestion.amendment].code_name}, " if suggestion.amendment is not None else ""
    )
    article = f"{suggestion.article.instrument.short_name}, Art. {suggestion.article.number}"
    return {
        "provision": suggestion.number,
        "code": parsed.amendments[suggestion.amendment].code_name
        if suggestion.amendment is not None
        else None,
        "article": article,
        "concept": suggestion.concept,
        "label": suggestion.label,
        "text": f"{where}{suggestion.number} → {article} (“{suggestion.label}”)",
    }
