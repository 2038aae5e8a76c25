"""Issue 13 items 1 and 10: a statute published as Markdown with YAML front matter (as open-law
repositories publish them) imports through the core reader, and law pages never show the markup."""

import io
import re
from html import unescape

import pytest

from cyberportal.laws import services
from cyberportal.laws.importers import parse_upload
from cyberportal.testing import make_state

from .helpers import make_law, make_provision

pytestmark = pytest.mark.django_db

# Peru, Ley 30096 de Delitos Informáticos (2013), articles 1-3, in the shape of an open-law repository.
LEY_30096 = """---
titulo: Ley de Delitos Informáticos
numero: "30096"
fecha: 2013-10-21
tipo: Ley
---

# LEY N° 30096

## LEY DE DELITOS INFORMÁTICOS

### CAPÍTULO I. **FINALIDAD Y OBJETO DE LA LEY**

**Artículo 1.** *Objeto de la Ley*

La presente Ley tiene por objeto prevenir y sancionar las conductas ilícitas que afectan los sistemas
y datos informáticos y otros bienes jurídicos de relevancia penal, cometidas mediante la utilización
de tecnologías de la información o de la comunicación, con la finalidad de garantizar la lucha eficaz
contra la ciberdelincuencia.

### CAPÍTULO II. **DELITOS CONTRA DATOS Y SISTEMAS INFORMÁTICOS**

**Artículo 2.** *Acceso ilícito*

El que deliberada e ilegítimamente accede a todo o en parte de un sistema informático, siempre que se
realice con vulneración de medidas de seguridad establecidas para impedirlo, será reprimido con pena
privativa de libertad no menor de uno ni mayor de cuatro años y con treinta a noventa días-multa[^1].

**Artículo 3.** *Atentado a la integridad de datos informáticos*

El que deliberada e ilegítimamente daña, introduce, borra, deteriora, altera, suprime o hace
inaccesibles datos informáticos, será reprimido con pena privativa de libertad no menor de tres ni
mayor de seis años y con ochenta a ciento veinte días-multa.

[^1]: Artículo modificado por la Ley 30171.
"""
MARKUP = ("**", "](", "[^1]", "titulo:", "numero:", "fecha:", "---", "# ")


def test_a_markdown_statute_with_front_matter_imports_its_articles_and_identity():
    parsed = parse_upload("ley-30096.md", LEY_30096.encode())

    assert parsed.numbers() == ["1", "2", "3"]
    assert parsed.title == "Ley de Delitos Informáticos"
    assert (parsed.number, parsed.year, parsed.law_type, parsed.language) == ("30096", 2013, "act", "es")
    assert parsed.source_format == "md"
    for provision in parsed.provisions:
        for markup in MARKUP:
            assert markup not in f"{provision.heading} {provision.text}", (provision.number, markup)
    articles = {p.number: p for p in parsed.provisions if p.kind == "article"}
    assert articles["2"].text.startswith("El que deliberada e ilegítimamente accede")
    assert articles["2"].text.endswith("con treinta a noventa días-multa.")


def test_the_law_page_of_a_markdown_import_shows_no_markdown_or_yaml(client):
    peru = make_state("PE")
    law = services.law_import(
        parsed=parse_upload("ley-30096.md", LEY_30096.encode()),
        options=services.ImportOptions(state=peru, publish=True),
    )

    page = client.get(law.get_absolute_url())
    body = page.content.decode()

    assert page.status_code == 200
    assert "Ley de Delitos Informáticos" in body and "será reprimido con pena" in body
    for markup in ("**", "titulo:", "fecha:", "[^1]"):
        assert markup not in body


def test_law_pages_clean_markdown_stored_before_the_reader(client):
    law = make_law(make_state("PE"), "ley", identifier="Ley 30171")
    make_provision(
        law, "1", "**Artículo 1.** El que *deliberada e ilegítimamente* accede a un [sistema](http://x)."
    )

    body = client.get(law.get_absolute_url()).content.decode()

    assert "Artículo 1. El que deliberada e ilegítimamente accede a un sistema." in body
    assert "**" not in body and "](http" not in body


# What a reader sees: the page's text with scripts, styles and tags taken off, one line per line.
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_RAW_LINE = re.compile(
    r"^(?:---|#{1,6}\s|(?:title|titulo|numero|fecha|tipo)\s*:)|\*\*|\[\^\d+\]", re.IGNORECASE
)


def _raw_markup_lines(html: str) -> list[str]:
    visible = unescape(re.sub(r"<[^>]+>", "\n", _INVISIBLE.sub("", html)))
    return [line.strip() for line in visible.splitlines() if _RAW_LINE.search(line.strip())]


@pytest.mark.parametrize("key", ["titulo", "title"])
def test_no_page_shows_the_front_matter_or_markdown_lines(client, key):
    """Item 10 end to end: upload the statute in the web import, read the preview the editor confirms,
    then the public page and the admin's page of the saved law: no `---` fence, no `title:` line, no
    `#` heading marks, no `**`."""
    from cyberportal.laws.models import Law
    from cyberportal.testing import make_user

    peru = make_state("PE")
    client.force_login(make_user("secretariat", None))
    upload = io.BytesIO(LEY_30096.replace("titulo:", f"{key}:").encode())
    upload.name = "ley-30096.md"
    confirm = client.post("/en/laws/import/", {"file": upload, "state": peru.pk})["Location"]
    preview = client.get(confirm)

    assert preview.status_code == 200 and "Acceso ilícito" in preview.content.decode()
    assert _raw_markup_lines(preview.content.decode()) == []

    form = {k: v for k, v in preview.context["form"].initial.items() if v is not None}
    client.post(confirm, {**form, "confirm": "on"})
    law = Law.objects.get()
    assert law.title == "Ley de Delitos Informáticos"
    services.law_publish(law=law)

    public = client.get(law.get_absolute_url())
    admin = client.get(f"/admin/snippets/laws/law/edit/{law.pk}/")
    for page in (public, admin):
        assert page.status_code == 200, page
        assert "reprimido con pena" in page.content.decode()
        assert _raw_markup_lines(page.content.decode()) == []


def test_the_raw_markup_check_sees_what_a_reader_would():
    """The check above would catch the markup: a page that printed the file as uploaded fails it."""
    leaked = f"<main><pre>{LEY_30096}</pre></main><script>var x = '---';</script>"

    found = _raw_markup_lines(leaked)

    assert "---" in found and "titulo: Ley de Delitos Informáticos" in found
    assert "# LEY N° 30096" in found and any("**" in line for line in found)
