"""The large scale's generators, run small: counts, determinism, example labels, and their order."""

from __future__ import annotations

import pytest

from cyberportal.core.synthetic import scale_generators
from cyberportal.directory.models import Authority, Contact, ContactRole
from cyberportal.directory.synthetic import directory_create, synthetic_authorities
from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.laws.services import thesaurus_load
from cyberportal.laws.synthetic import CorpusError, corpus_create, corpus_delete, laws_generate
from cyberportal.recommendations.models import ImplementationReport, Recommendation
from cyberportal.recommendations.synthetic import recommendations_create, synthetic_meetings
from cyberportal.states.models import State
from cyberportal.states.services import reference_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def states():
    reference_data_load()
    thesaurus_load()
    return list(State.objects.order_by("code"))


def test_generators_run_after_the_states_in_a_fixed_order():
    names = list(scale_generators())
    assert names[0] == "states"
    assert {"laws", "directory", "recommendations"} <= set(names)


def test_generators_add_nothing_at_the_small_scale(states):
    assert laws_generate("small") == {}
    assert not Law.objects.exists()


def _laws_fingerprint():
    return sorted(
        Provision.objects.filter(law__frbr_uri__contains="/synthetic/").values_list(
            "law__frbr_uri", "number", "heading", "text"
        )
    ), sorted(
        ProvisionMapping.objects.values_list(
            "provision__law__frbr_uri", "provision__number", "article__number", "extent"
        )
    )


def test_the_legislation_corpus_has_the_asked_size_is_deterministic_and_labelled(states):
    corpus = corpus_create(states=states[:4], laws_per_state=3, provisions=101, seed=3)
    assert (corpus.laws, corpus.provisions) == (12, 101)
    assert Law.objects.count() == 12 and Provision.objects.count() == 101
    assert ProvisionMapping.objects.count() == corpus.mappings > 0
    assert not Law.objects.filter(is_example=False).exists()
    assert not Provision.objects.filter(is_example=False).exists()
    assert Law.objects.filter(live=True).count() == 12
    with pytest.raises(CorpusError):
        corpus_create(states=states[:4], laws_per_state=3, provisions=101, seed=3)
    first = _laws_fingerprint()

    assert corpus_delete() == 12
    corpus_create(states=states[:4], laws_per_state=3, provisions=101, seed=3)
    assert _laws_fingerprint() == first


def test_the_corpus_is_in_the_search_index(states, client):
    corpus_create(states=states[:2], laws_per_state=1, provisions=20, seed=1)
    # A heading the generator wrote (which thesaurus labels it drew depends on the seed and the thesaurus).
    heading = Provision.objects.filter(language="en").order_by("pk").values_list("heading", flat=True)[0]
    page = client.get("/en/search/", {"q": heading})
    assert page.status_code == 200
    assert page.context["page"].paginator.count > 0


def test_the_directory_spreads_contacts_over_every_state_with_a_mix_and_labels(states):
    counts = directory_create(contacts=300, states=states, authorities_per_state=3, seed=5)
    assert counts["authorities"] == len(states) * 3 and counts["contacts"] == 300
    contacts = Contact.objects.filter(authority__in=synthetic_authorities())
    assert contacts.count() == 300
    assert set(contacts.values_list("authority__state", flat=True)) == {s.pk for s in states}
    assert len(set(contacts.values_list("visibility", flat=True))) == 4
    assert contacts.filter(roles__code=ContactRole.POC_247).exists()
    assert contacts.filter(roles__code=ContactRole.CENTRAL_AUTHORITY).exists()
    assert contacts.filter(last_verified_at__isnull=True).exists()
    assert contacts.filter(next_due__isnull=False).exists()
    assert all(c.phones.count() == 1 and c.emails.count() == 1 for c in contacts[:20])
    assert not Authority.objects.filter(is_example=False).exists()
    assert not contacts.filter(is_example=False).exists()
    first = sorted(contacts.values_list("name", "visibility", "next_due", "authority__name"))

    synthetic_authorities().delete()
    directory_create(contacts=300, states=states, authorities_per_state=3, seed=5)
    again = Contact.objects.filter(authority__in=synthetic_authorities())
    assert sorted(again.values_list("name", "visibility", "next_due", "authority__name")) == first


def test_recommendations_come_with_reports_of_every_status_labelled_as_examples(states):
    before = Recommendation.objects.count()
    counts = recommendations_create(recommendations=130, states=states, per_meeting=25, seed=9)
    assert counts["meetings"] == 6 and counts["recommendations"] == 130
    assert Recommendation.objects.count() - before == 130
    reports = ImplementationReport.objects.filter(recommendation__meeting__in=synthetic_meetings())
    assert reports.count() == counts["implementation reports"] > 0
    assert len(set(reports.values_list("status", flat=True))) == 4
    assert {"accepted", "draft"} <= set(reports.values_list("review_status", flat=True))
    assert reports.filter(state__isnull=True).exists()  # the Secretariat's own reports
    assert not reports.filter(is_example=False).exists()
    assert Recommendation.objects.filter(meeting__in=synthetic_meetings(), previous__isnull=False).exists()
    first = set(
        reports.values_list("recommendation__meeting__slug", "recommendation__number", "state_id", "status")
    )

    synthetic_meetings().delete()
    recommendations_create(recommendations=130, states=states, per_meeting=25, seed=9)
    again = ImplementationReport.objects.filter(recommendation__meeting__in=synthetic_meetings())
    fields = ("recommendation__meeting__slug", "recommendation__number", "state_id", "status")
    assert set(again.values_list(*fields)) == first
