"""What the bench loads: every page's uncached addresses are different, realistic and well-formed."""

from __future__ import annotations

from cyberportal.quality.registry import LANGUAGES
from cyberportal.quality.scenarios import BENCH_ONLY_PAGES, read_queries, scenarios

MATERIAL = {
    "states": ["ar", "br", "co", "de", "mx"],
    "state_pks": [1, 2, 3],
    "instruments": ["cets-185", "cets-224"],
    "categories": ["substantive", "procedural"],
    "contact_roles": ["poc_247", "central_authority"],
    "authority_kinds": ["police", "prosecution"],
    "measures": ["preservation", "subscriber"],
    "urgencies": ["urgent", "routine"],
    "laws": ["/akn/co/act/2009/1273", "/akn/ar/act/2008/26388"],
    "meetings": ["remja-v", "remja-vii"],
    "spaces": ["remja-wg"],
    "threads": [1, 2],
}


def test_the_search_queries_are_at_least_fifty_in_four_languages():
    queries = read_queries()
    assert len(queries) >= 50 and len(set(queries)) == len(queries)
    for words in ("acceso ilícito", "preservação de dados", "interception illégale", "ransomware"):
        assert words in queries


def test_every_uncached_list_is_different_addresses_percent_encoded():
    found = {s.key: s for s in scenarios(MATERIAL)}
    assert next(iter(found)) == "healthz" and not found["healthz"].uncached  # the floor first
    assert {p.key for p in BENCH_ONLY_PAGES} <= set(found)
    for scenario in found.values():
        assert len(set(scenario.uncached)) == len(scenario.uncached), scenario.key
        assert scenario.cached not in scenario.uncached  # the cached row has just cached it
        assert all(address.isascii() and " " not in address for address in scenario.uncached)
    search = found["search"].uncached
    assert len(search) > 1000 and {a.split("/")[1] for a in search} == set(LANGUAGES)
    assert "/es/search/?q=acceso+il%C3%ADcito" in search
    assert any("state=CO" in a for a in found["directory"].uncached)
    assert all("{" not in s.cached for s in found.values())  # every placeholder filled


def test_the_404_list_never_asks_for_a_page_that_exists():
    not_found = scenarios(MATERIAL, {"not-found"})[1]
    assert not_found.kind == "not_found" and not_found.page.budget == 2
    # "de" is Germany's code: /en/states/de/ would answer 200.
    assert not any(a.rstrip("/").rsplit("/", 1)[-1] in MATERIAL["states"] for a in not_found.uncached)
