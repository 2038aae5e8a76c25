"""Import a law from .txt, .md, .docx, .pdf (text layer), .html or Akoma Ntoso .xml, through the upload form's parser.

python manage.py import_law ley_1273.docx --state CO [--dry-run] [--json] [--publish] [--no-suggestions]

Mapping suggestions (framework articles named by the thesaurus terms a provision uses) are printed and,
unless --no-suggestions, saved as unreviewed mappings: the matrix then shows them for review rather than
"not yet reviewed" everywhere.
"""

import json
from pathlib import Path

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
        if options["dry_run"]:
            self.stderr.write("Dry run: nothing saved.")
            return
        try:
            # The law's own provisions only: the wordings inserted into a code are saved under the code.
            mappings = [
                (s.index, s.article.pk, MappingExtent.FULL)
                for s in suggestions
                if s.amendment is None and not options["no_suggestions"]
            ]
            law = services.law_import(
                parsed=parsed,
                options=services.ImportOptions(state=state, publish=options["publish"], mappings=mappings),
            )
        except ValidationError as error:
            raise CommandError(f"{path.name}: {'; '.join(error.messages)} Nothing was saved.") from error
        self.stderr.write(
            f"Saved {law.frbr_uri} ({'published' if law.live else 'draft'}), "
            f"{len(mappings)} suggested mappings to review."
        )


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
