"""The thesaurus as SKOS (issue 18, item 5): Turtle and JSON-LD, labels in four languages, broader and
narrower, links to the framework articles, and Turtle's escaping of what labels may contain."""

import json

import pytest
from django.test import Client

from cyberportal.laws import services
from cyberportal.laws.models import Concept, ConceptLabel
from cyberportal.laws.skos import turtle_iri, turtle_literal
from cyberportal.laws.tests.helpers import make_budapest

pytestmark = pytest.mark.django_db

BASE = "http://testserver/api/v1/thesaurus"


@pytest.fixture
def thesaurus(db):
    make_budapest()
    services.thesaurus_load(
        {
            "preservation": (["16"], {"en": ["expedited preservation", "preservation order"],
                                      "es": ["conservación rápida"], "pt": ["preservação expedita"],
                                      "fr": ["conservation rapide"]}),
            "partial-disclosure": (["17"], {"en": ['partial "disclosure"\nof traffic data'],
                                            "es": ["revelación parcial"]}),
        }
    )  # fmt: skip
    Concept.objects.filter(slug="partial-disclosure").update(broader=Concept.objects.get(slug="preservation"))


def test_turtle_has_labels_hierarchy_and_articles(thesaurus):
    response = Client().get("/api/v1/thesaurus.ttl")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/turtle")
    body = response.content.decode()
    preservation = f"<{BASE}#preservation>"
    block = body.split(f"\n{preservation} ", 1)[1].split(" .\n", 1)[0]
    for expected in ['skos:prefLabel "expedited preservation"@en', 'skos:prefLabel "conservación rápida"@es',
                     'skos:prefLabel "preservação expedita"@pt', 'skos:prefLabel "conservation rapide"@fr',
                     'skos:altLabel "preservation order"@en', f"skos:narrower <{BASE}#partial-disclosure>",
                     f"skos:topConceptOf <{BASE}>", "rdfs:seeAlso <http://testserver/en/laws/article/cets-185/16/>"]:  # fmt: skip
        assert expected in block, expected
    assert f"skos:broader {preservation}" in body
    assert '"partial \\"disclosure\\"\\nof traffic data"@en' in body
    assert f"<{BASE}> a skos:ConceptScheme" in body and f"skos:hasTopConcept {preservation}" in body


def test_jsonld_is_the_same_graph(thesaurus):
    response = Client().get("/api/v1/thesaurus.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    nodes = {node["@id"]: node for node in document["@graph"]}
    preservation = nodes[f"{BASE}#preservation"]
    assert preservation["prefLabel"] == {"en": "expedited preservation", "es": "conservación rápida",
                                         "fr": "conservation rapide", "pt": "preservação expedita"}  # fmt: skip
    assert preservation["narrower"] == [f"{BASE}#partial-disclosure"]
    assert nodes[f"{BASE}#partial-disclosure"]["broader"] == f"{BASE}#preservation"
    assert preservation["seeAlso"] == ["http://testserver/en/laws/article/cets-185/16/"]
    assert document["@context"]["prefLabel"]["@container"] == "@language"


def test_the_scheme_address_negotiates(thesaurus):
    turtle = Client().get("/api/v1/thesaurus", HTTP_ACCEPT="text/turtle")
    assert turtle["Content-Type"].startswith("text/turtle")
    assert Client().get("/api/v1/thesaurus")["Content-Type"].startswith("application/ld+json")


def test_a_concept_cannot_be_its_own_ancestor(thesaurus):
    from django.core.exceptions import ValidationError

    preservation = Concept.objects.get(slug="preservation")
    preservation.broader = Concept.objects.get(slug="partial-disclosure")
    with pytest.raises(ValidationError):
        preservation.full_clean()
    assert ConceptLabel.objects.filter(concept=preservation).count() == 5


def test_turtle_escaping():
    assert turtle_literal('a "b" \\ c\r\n\t\x01', "es") == '"a \\"b\\" \\\\ c\\r\\n\\t\\u0001"@es'
    assert turtle_literal("x", "not a tag!") == '"x"'
    assert turtle_iri("http://x/a b<c>") == "<http://x/a%20b%3Cc%3E>"
