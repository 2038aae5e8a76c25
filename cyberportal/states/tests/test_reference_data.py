"""Loading a network's reference data: 35 states with names and codes in four languages, instruments."""

import json

import pycountry
import pytest

from cyberportal.states.models import Article, Instrument, Membership, State, TreatyStatus
from cyberportal.states.services import ReferenceDataError, reference_data_load

pytestmark = pytest.mark.django_db

# A few names written out by hand, to catch a library or locale mix-up that a loop over Babel would not.
KNOWN_NAMES = {
    ("US", "en"): "United States",
    ("US", "es"): "Estados Unidos",
    ("US", "pt"): "Estados Unidos",
    ("US", "fr"): "États-Unis",
    ("BR", "en"): "Brazil",
    ("BR", "es"): "Brasil",
    ("BR", "fr"): "Brésil",
    ("HT", "es"): "Haití",
    ("HT", "fr"): "Haïti",
    ("MX", "fr"): "Mexique",
    ("MX", "pt"): "México",
    ("TT", "es"): "Trinidad y Tobago",
    ("TT", "fr"): "Trinité-et-Tobago",
    ("DO", "pt"): "República Dominicana",
}
OAS_CODES = {
    "AG",
    "AR",
    "BS",
    "BB",
    "BZ",
    "BO",
    "BR",
    "CA",
    "CL",
    "CO",
    "CR",
    "CU",
    "DM",
    "DO",
    "EC",
    "SV",
    "GD",
    "GT",
    "GY",
    "HT",
    "HN",
    "JM",
    "MX",
    "NI",
    "PA",
    "PY",
    "PE",
    "KN",
    "LC",
    "VC",
    "SR",
    "TT",
    "US",
    "UY",
    "VE",
}


def test_the_oas_file_loads_its_35_states_with_iso_codes():
    report = reference_data_load()

    assert report.states == 35
    assert set(State.objects.values_list("code", flat=True)) == OAS_CODES
    for state in State.objects.all():
        country = pycountry.countries.get(alpha_2=state.code)
        assert (state.alpha3, state.numeric) == (country.alpha_3, country.numeric)
        assert state.official_languages, state.code
        assert state.time_zones, state.code


def test_every_state_has_a_name_in_each_of_the_four_languages():
    reference_data_load()
    for state in State.objects.all():
        names = {language: state.name_in(language) for language in ("en", "es", "pt", "fr")}
        assert all(name and name != state.code for name in names.values()), names
    for (code, language), name in KNOWN_NAMES.items():
        assert State.objects.get(code=code).name_in(language) == name


def test_membership_history_records_withdrawal_and_non_participation():
    reference_data_load()

    nicaragua = State.objects.get(code="NI")
    assert nicaragua.current_membership.status == "withdrawn"
    assert str(nicaragua.current_membership.since) == "2023-11-19"
    assert State.objects.get(code="CU").current_membership.status == "not_participating"
    assert State.objects.get(code="CA").current_membership.since_year == 1990


def test_the_instruments_carry_their_articles_with_categories():
    reference_data_load()

    budapest = Instrument.objects.get(slug="cets-185")
    assert budapest.articles.count() == 48
    assert budapest.articles.get(number="2").title == "Illegal access"
    assert budapest.articles.get(number="29").category == "cooperation"
    assert budapest.articles.get(number="35").title == "24/7 Network"
    assert Instrument.objects.get(slug="cets-224").parent == budapest
    un = Instrument.objects.get(slug="un-cybercrime-2024")
    assert un.articles.get(number="41").title == "24/7 network"
    assert un.articles.filter(provisional=False).count() == 0  # every UN title is still to be checked


def test_loading_twice_duplicates_nothing_and_keeps_the_secretariats_edits():
    reference_data_load()
    edited = TreatyStatus.objects.get(state__code="AR", instrument__slug="cets-185")
    edited.note = "Checked by the Secretariat"
    edited.save()
    counts = [m.objects.count() for m in (State, Membership, Instrument, Article, TreatyStatus)]

    reference_data_load()

    assert [m.objects.count() for m in (State, Membership, Instrument, Article, TreatyStatus)] == counts
    assert TreatyStatus.objects.get(pk=edited.pk).note == "Checked by the Secretariat"


def test_a_bad_file_names_the_state_and_field_and_changes_nothing(tmp_path):
    bad = tmp_path / "network.json"
    bad.write_text(
        json.dumps(
            {
                "states": [
                    {"code": "AR", "memberships": [{"status": "member", "since_year": 1948}]},
                    {"code": "XX", "memberships": []},
                ]
            }
        )
    )

    with pytest.raises(ReferenceDataError, match=r"state 2 \(XX\): code: 'XX' is not an ISO 3166-1"):
        reference_data_load(network_file=bad)

    assert State.objects.count() == 0
    assert Instrument.objects.count() == 0


def test_a_file_with_broken_json_names_the_line(tmp_path):
    bad = tmp_path / "network.json"
    bad.write_text('{"states": [\n  {"code": "AR",}\n]}')

    with pytest.raises(ReferenceDataError, match=r"network.json: line 2"):
        reference_data_load(network_file=bad)
