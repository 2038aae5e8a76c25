"""Issue 13 items 1 and 10: a statute published as Markdown with YAML front matter (as open-law
repositories publish them) imports through the core reader, and law pages never show the markup."""

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
