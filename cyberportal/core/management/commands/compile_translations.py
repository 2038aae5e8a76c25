"""Compile every .po catalogue of the project into .mo with Babel, so no system gettext is needed.

The Portuguese admin: Django reads "pt" as pt_PT, and Wagtail's pt_PT catalogue leaves about 300 of its
messages in English where its pt_BR one has them (the portal's Portuguese is Brazil's too). So the
catalogue of `wagtail_gaps/locale/pt` is compiled together with Wagtail's pt_BR messages, leaving out
any message the project's own catalogues translate (they keep their word).
"""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

GAPS_DIR = "wagtail_gaps"
WAGTAIL_VARIANTS = {"pt": "pt_BR"}  # our language -> the Wagtail catalogue merged under it


def _read(po_path: Path, locale: str) -> Catalog:
    try:
        with po_path.open("rb") as po_file:
            return read_po(po_file, locale=locale)
    except Exception as error:  # a broken catalogue must name itself
        raise CommandError(f"{po_path}: {error}") from error


def _wagtail_messages(variant: str) -> list:
    import wagtail

    messages = []
    for po_path in sorted(Path(wagtail.__file__).parent.rglob(f"locale/{variant}/LC_MESSAGES/django.po")):
        messages.extend(m for m in _read(po_path, variant) if m.id and m.string)
    return messages


def _merged_with_wagtail(catalog: Catalog, language: str, project_po: list[Path]) -> Catalog:
    own = set()
    for po_path in project_po:
        if po_path.parts[-3] == language and GAPS_DIR not in po_path.parts:
            own.update(m.id for m in _read(po_path, language) if m.id and m.string)
    for message in _wagtail_messages(WAGTAIL_VARIANTS[language]):
        if message.id not in own and message.id not in catalog:
            catalog.add(message.id, message.string, context=message.context, flags=message.flags)
    return catalog


class Command(BaseCommand):
    help = "Compile the project's message catalogues (.po) into .mo files."

    def handle(self, *args, **options):
        compiled = 0
        project_po = sorted(Path(settings.PROJECT_DIR).rglob("locale/*/LC_MESSAGES/*.po"))
        for po_path in project_po:
            mo_path = po_path.with_suffix(".mo")
            language = po_path.parts[-3]
            merge = GAPS_DIR in po_path.parts and language in WAGTAIL_VARIANTS
            sources = [po_path]
            if merge:  # rebuilt when Wagtail or any of the language's catalogues changed
                import wagtail

                sources += [Path(wagtail.__file__)] + [p for p in project_po if p.parts[-3] == language]
            newest = max(path.stat().st_mtime for path in sources)
            if mo_path.exists() and mo_path.stat().st_mtime >= newest:
                continue
            catalog = _read(po_path, language)
            if merge:
                catalog = _merged_with_wagtail(catalog, language, project_po)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            compiled += 1
        if options["verbosity"] > 1 or compiled:
            self.stdout.write(f"compiled {compiled} message catalogue(s)")
