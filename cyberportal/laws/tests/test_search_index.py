"""Search at scale: the concepts each provision names are recorded when it is written (not scanned for
at query time) and kept right when the thesaurus changes; a search counts its hits and reads one page
of ids in SQL, in a fixed number of queries; the matrix's cells read only the provisions they show."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberportal.core.widgets import PlainSelect
from cyberportal.laws import services
from cyberportal.laws.importers import parse_upload
from cyberportal.laws.models import ConceptLabel, Provision, ProvisionConcept
from cyberportal.laws.search import concept_matches, label_index, search_provisions
from cyberportal.laws.wagtail_hooks import refresh_concept_matches
from cyberportal.testing import make_state

from .helpers import make_law, make_mapping, make_provision, make_thesaurus

pytestmark = pytest.mark.django_db


def _named(provision) -> set[str]:
    return set(ProvisionConcept.objects.filter(provision=provision).values_list("concept__slug", flat=True))


def test_concept_matches_follow_the_old_substring_rule_whatever_the_case():
    labels = label_index([(1, "Acceso ilícito"), (2, "interception"), (3, "  ")])
    rows = [
        (10, "ACCESO ILÍCITO a sistemas", ""),
        (11, "", "Whoever intercepts data"),  # a substring of the label, not the label
        (12, "Interception", "and acceso ilícito again"),
    ]

    assert sorted(concept_matches(rows, labels)) == [(10, 1), (12, 1), (12, 2)]


def test_an_imported_law_records_the_concepts_its_provisions_name():
    make_thesaurus()
    state = make_state("CO")
    text = (
        "LEY 1273 DE 2009\n\n"
        "Artículo 1. Acceso abusivo a un sistema informático. El que acceda sin autorización.\n\n"
        "Artículo 2. Interceptación de datos informáticos. El que intercepte datos.\n\n"
        "Artículo 3. Vigencia. Rige desde su promulgación.\n"
    )
    law = services.law_import(
        parsed=parse_upload("ley.txt", text.encode()), options=services.ImportOptions(state=state)
    )

    named = {p.number: _named(p) for p in law.provisions.all()}
    assert named == {"1": {"illegal-access"}, "2": {"illegal-interception"}, "3": set()}


def test_a_new_thesaurus_label_finds_provisions_written_before_it():
    make_thesaurus()
    law = make_law(make_state("CO"), "1")
    provision = make_provision(law, "1", "Sanciona el hurto por medios informáticos.", heading="Hurto")
    assert _named(provision) == set()
    assert provision.pk not in {p.pk for p in search_provisions("illegal access", AnonymousUser()).hits}

    services.thesaurus_load({"illegal-access": (["2"], {"es": ["hurto por medios informáticos"]})})

    assert _named(provision) == {"illegal-access"}
    assert provision.pk in {p.pk for p in search_provisions("illegal access", AnonymousUser()).hits}


def test_editing_a_concept_or_publishing_a_law_in_the_admin_refreshes_its_matches():
    make_thesaurus()
    law = make_law(make_state("CO"), "1")
    # Written as Wagtail's forms write them: no service call on the way.
    provision = Provision.objects.create(law=law, number="1", heading="Acceso ilícito", text="Texto.")
    assert _named(provision) == set()

    law.save_revision().publish()  # the `published` signal
    assert _named(provision) == {"illegal-access"}

    label = ConceptLabel.objects.get(text="acceso ilícito")
    label.text = "acceso indebido"
    label.save()
    refresh_concept_matches(None, label.concept)  # after_edit_snippet
    assert _named(provision) == set()


def test_publishing_a_stored_revision_refreshes_its_matches():
    """Publishing a stored revision, as the workflow's approval does, keeps the matches (the browser
    journey through the workflow is what proved the in-memory provisions case)."""
    make_thesaurus()
    law = make_law(make_state("CO"), "1")
    provision = Provision.objects.create(law=law, number="1", heading="Acceso ilícito", text="Texto.")

    law.save_revision().publish()

    assert _named(provision) == {"illegal-access"}
    revision = law.save_revision()
    revision.publish()  # as Wagtail's workflow approval does
    assert _named(provision) == {"illegal-access"}


def test_the_command_recomputes_every_match():
    make_thesaurus()
    law = make_law(make_state("CO"), "1")
    provision = Provision.objects.create(law=law, number="1", heading="Interceptación ilícita", text="")
    ProvisionConcept.objects.create(provision=provision, concept=ConceptLabel.objects.first().concept)

    call_command("refresh_provision_concepts")

    assert _named(provision) == {"illegal-interception"}


def _search_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return len(queries.captured_queries)


def test_search_runs_the_same_queries_with_few_or_many_hits_and_reads_one_page(client):
    make_thesaurus()
    law = make_law(make_state("CO"), "1")

    def add(count, start):
        for n in range(start, start + count):
            provision = make_provision(
                law, str(n), "El que acceda sin permiso.", heading="Acceso ilícito", order=n
            )
            if n % 2:
                make_mapping(provision, "2")

    add(3, 0)
    few = _search_queries(client, "/en/search/?q=illegal+access")
    add(60, 3)
    many = _search_queries(client, "/en/search/?q=illegal+access")
    page = client.get("/en/search/?q=illegal+access&page=4")

    assert many == few
    assert page.context["page"].paginator.count == 63
    assert [p.number for p in page.context["page"].object_list] == ["60", "61", "62"]


def test_hits_come_in_rank_order_text_then_concept_then_mapping():
    make_thesaurus()
    law = make_law(make_state("CO"), "1")
    by_mapping = make_provision(law, "1", "Sin palabras del tesauro.", order=0)
    make_mapping(by_mapping, "2")
    by_concept = make_provision(law, "2", "Acceso ilícito a un sistema.", order=1)
    by_text = make_provision(law, "3", "Illegal access to a computer.", order=2)

    hits = search_provisions("illegal access", AnonymousUser()).hits

    assert [p.pk for p in hits] == [by_text.pk, by_concept.pk, by_mapping.pk]
    assert len(hits) == 3 and hits[-1].pk == by_mapping.pk


def test_matrix_page_reads_only_the_provisions_a_cell_names_and_counts_the_rest(client):
    make_thesaurus()
    law = make_law(make_state("CO"), "1")
    for n in range(5):
        make_mapping(make_provision(law, str(n), "Texto.", order=n), "2")

    page = client.get("/en/laws/matrix/?instrument=cets-185")
    csv = client.get("/en/laws/matrix/?instrument=cets-185&format=csv").content.decode()

    cell = dict(page.context["matrix"].rows)[law.state][0]
    assert cell.status == "full" and len(cell.mappings) == 2 and cell.more == 3
    assert "and 3 more" in page.content.decode()
    assert "Ley 1 Art. 0; Ley 1 Art. 1; Ley 1 Art. 2; Ley 1 Art. 3; Ley 1 Art. 4" in csv


def test_plain_select_writes_what_django_select_writes():
    choices = [("", "---------"), ("AR", "Argentina"), ("X<", 'Bad "label" & <b>')]
    plain = PlainSelect(choices=choices).render("state", "AR", {"id": "id_state"})

    assert plain == (
        '<select id="id_state" name="state"><option value="">---------</option>'
        '<option value="AR" selected>Argentina</option>'
        '<option value="X&lt;">Bad &quot;label&quot; &amp; &lt;b&gt;</option></select>'
    )
    assert '<option value="" selected>' in PlainSelect(choices=choices).render("state", None)


def test_matrix_shows_states_a_page_at_a_time_and_downloads_them_all(client):
    import pycountry

    make_thesaurus()
    codes = sorted(c.alpha_2 for c in pycountry.countries)[:60]
    for code in codes:
        make_state(code)

    first = client.get("/en/laws/matrix/?instrument=cets-185")
    second = client.get("/en/laws/matrix/?instrument=cets-185&page=2")
    csv = client.get("/en/laws/matrix/?instrument=cets-185&format=csv").content.decode()

    assert len(first.context["matrix"].rows) == 50 and len(second.context["matrix"].rows) == 10
    assert "page=2" in first.content.decode() and "Page 2 of 2" in second.content.decode()
    shown = [state.code for page in (first, second) for state, _cells in page.context["matrix"].rows]
    assert sorted(shown) == codes
    assert len(csv.strip().splitlines()) == 1 + 60 * 5  # every state × the five articles
