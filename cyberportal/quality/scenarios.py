"""What the benchmark loads for each page: the cached row (one address, repeated) and the uncached row
(a list of different addresses, each a miss of the page cache by construction).

Real visitors rarely ask for the same search twice, so a benchmark that repeats one cached address
measures the cache, not the portal. Each page here gets, besides its key page's address, a list of
realistic variations built from the instance's own data (the `material` that `bench_prepare` reads):
searches from `data/queries.txt` in four languages with filters, the matrix's instrument × category
combinations, the directory's state × role × kind filters, other states' profiles and laws, other
spaces and threads, the finder for other states and measures. The load generator walks the list once,
each request a different address; when it runs out it walks it again with an undeclared parameter
(`_bench=<round>`), which the page cache never looks up (caching/pagecache.py), so every request of
an uncached row is rendered. The generators count `X-Page-Cache: hit` answers to prove it.

Besides the registry's key pages (shared with the backup and accessibility tests), the bench loads
pages that only it needs: each role's daily pages (BENCH_ONLY_PAGES) and the 404.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from .loadgen import bust
from .registry import LANGUAGES, KeyPage, key_pages

QUERIES_FILE = Path(__file__).parent / "data" / "queries.txt"
UNCACHED_LIST_SIZE = 4000  # addresses per uncached row at most: more than a run's requests of a slow page
SEED = 15

# Pages only the benchmark loads (the backup round trip compares key pages as one signed-in user, and
# the 404 is not a page to compare): the pages each role works in every day.
BENCH_ONLY_PAGES: list[KeyPage] = [
    KeyPage("not-found", "/{lang}/no-such-page/", expect_status=404),
    KeyPage("expert-finder", "/{lang}/directory/finder/?state=CO&measure=preservation&urgency=urgent",
            signed_in_as="expert.ar"),
    KeyPage("expert-directory", "/{lang}/directory/?state=CO", signed_in_as="expert.ar"),
    KeyPage("expert-space", "/{lang}/spaces/{space}/", signed_in_as="expert.ar"),
    KeyPage("expert-thread", "/{lang}/spaces/threads/{thread}/", signed_in_as="expert.ar"),
    KeyPage("focal-reports", "/{lang}/recommendations/reports/", signed_in_as="focal.co"),
    KeyPage("focal-directory-dashboard", "/{lang}/directory/dashboard/", signed_in_as="focal.co"),
    KeyPage("focal-admin-laws", "/admin/snippets/laws/law/", signed_in_as="focal.co"),
    KeyPage("secretariat-finder", "/{lang}/directory/finder/?state=AR&measure=subscriber&urgency=routine",
            signed_in_as="secretariat"),
    KeyPage("secretariat-directory-dashboard", "/{lang}/directory/dashboard/", signed_in_as="secretariat"),
    KeyPage("secretariat-vetting", "/{lang}/accounts/vetting/", signed_in_as="secretariat"),
    KeyPage("secretariat-campaign-form", "/{lang}/directory/campaigns/new/", signed_in_as="secretariat"),
    KeyPage("secretariat-state-form", "/admin/snippets/states/state/edit/{state_pk}/",
            signed_in_as="secretariat"),
]  # fmt: skip

# Which write touches which page, for the "first render after a write" rows (see bench_write).
AFTER_WRITE: dict[str, str] = {
    "home": "law",
    "states": "state",
    "profile": "state",
    "laws-matrix": "law",
    "search": "law",
    "law": "law",
    "directory": "state",
}

# Absolute budgets (milliseconds, p95 of the uncached row) on PostgreSQL at the large scale.
ABSOLUTE_BUDGETS_MS: dict[str, float] = {"search": 50.0, "laws-matrix": 150.0}


@dataclass(frozen=True)
class Scenario:
    """One page as the bench loads it: its cached address and its uncached addresses."""

    page: KeyPage
    cached: str
    uncached: list[str]

    @property
    def key(self) -> str:
        return self.page.key

    @property
    def kind(self) -> str:
        if self.page.floor:
            return "floor"
        if self.page.expect_status == 404:
            return "not_found"
        return "public" if self.page.public else "signed_in"


def read_queries(path: Path = QUERIES_FILE) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def bench_pages() -> list[KeyPage]:
    return key_pages() + BENCH_ONLY_PAGES


def _url(path: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return f"{path}?{query}" if query else path


def _cycle(rng: random.Random, *choices: list) -> list[tuple]:
    """Every combination of the choices, shuffled (deterministically), at most UNCACHED_LIST_SIZE."""
    combos: list[tuple] = [()]
    for options in choices:
        combos = [c + (o,) for c in combos for o in options]
    rng.shuffle(combos)
    return combos[:UNCACHED_LIST_SIZE]


def _search(rng: random.Random, m: dict) -> list[str]:
    queries = read_queries()
    states = m["states"]
    filters = [{}] * 4 + [{"state": s.upper()} for s in states[:60]]
    filters += [{"category": c} for c in m["categories"]] + [{"status": "in_force"}, {"page": "2"}]
    return [_url(f"/{lang}/search/", q=q, **f) for q, lang, f in _cycle(rng, queries, LANGUAGES, filters)]


def _matrix(rng: random.Random, m: dict) -> list[str]:
    return [
        _url(f"/{lang}/laws/matrix/", instrument=i, category=c)
        for i, c, lang in _cycle(rng, m["instruments"], ["", *m["categories"]], LANGUAGES)
    ]


def _directory(rng: random.Random, m: dict, prefix: str = "/{lang}/directory/") -> list[str]:
    states = ["", *[s.upper() for s in m["states"]]]
    return [
        _url(prefix.format(lang=lang), state=s, role=r, kind=k)
        for s, r, k, lang in _cycle(
            rng, states, ["", *m["contact_roles"]], ["", *m["authority_kinds"]], LANGUAGES
        )
    ]


def _finder(rng: random.Random, m: dict) -> list[str]:
    return [
        _url(f"/{lang}/directory/finder/", state=s.upper(), measure=me, urgency=u)
        for s, me, u, lang in _cycle(rng, m["states"], m["measures"], m["urgencies"], LANGUAGES)
    ]


def _states(rng: random.Random, m: dict) -> list[str]:
    treaty = ["", "party", "signed", "invited", "none"]
    return [
        _url(f"/{lang}/states/", instrument=i if t else "", treaty_status=t, network_247=n, membership=ms)
        for i, t, n, ms, lang in _cycle(
            rng, m["instruments"], treaty, ["", "yes", "no"], ["", "member", "withdrawn"], LANGUAGES
        )
    ]


def _per_object(template: str, values: list) -> callable:
    def build(rng: random.Random, m: dict) -> list[str]:
        return [template.format(lang=lang, value=v) for v, lang in _cycle(rng, m[values], LANGUAGES)]

    return build


def _not_found(rng: random.Random, m: dict) -> list[str]:
    # Words of four letters or more: a two-letter word such as "de" is a state's code, and a real page.
    words = [w for q in read_queries() for w in q.lower().split() if w.isalpha() and len(w) >= 4]
    paths = ["/{lang}/{w}/", "/{lang}/states/{w}/", "/{lang}/laws/akn/zz/act/{w}/", "/{lang}/{w}-{n}.html"]
    return [
        p.format(lang=lang, w=w, n=n)
        for p, w, lang, n in _cycle(rng, paths, sorted(set(words)), LANGUAGES, range(5))
    ]


def _admin_states(rng: random.Random, m: dict) -> list[str]:
    queries = ["", *[s.upper() for s in m["states"][:80]], "ar", "gu", "republic", "island"]
    return [
        _url("/admin/snippets/states/state/", q=q, ordering=o)
        for q, o in _cycle(rng, queries, ["", "name", "-name", "code"])
    ]


def _admin_laws(rng: random.Random, m: dict) -> list[str]:
    queries = ["", *read_queries()[:40]]
    return [_url("/admin/snippets/laws/law/", q=q, p=p) for q, p in _cycle(rng, queries, ["", "2"])]


def _spaces_search(rng: random.Random, m: dict) -> list[str]:
    return [_url(f"/{lang}/spaces/search/", q=q) for q, lang in _cycle(rng, read_queries(), LANGUAGES)] + [
        f"/{lang}/spaces/{s}/" for s in m["spaces"] for lang in LANGUAGES
    ]


# The uncached addresses of each page; a page not listed here varies by language only (and then by the
# undeclared parameter), which still renders every request.
UNCACHED: dict[str, callable] = {
    "search": _search,
    "laws-matrix": _matrix,
    "directory": _directory,
    "expert-directory": _directory,
    "finder": _finder,
    "expert-finder": _finder,
    "secretariat-finder": _finder,
    "states": _states,
    "profile": _per_object("/{lang}/states/{value}/", "states"),
    "laws-state": _per_object("/{lang}/laws/state/{value}/", "states"),
    "law": _per_object("/{lang}/laws{value}/", "laws"),
    "instrument": _per_object("/{lang}/instruments/{value}/", "instruments"),
    "recommendations": _per_object("/{lang}/recommendations/{value}/", "meetings"),
    "not-found": _not_found,
    "spaces": _spaces_search,
    "expert-space": _per_object("/{lang}/spaces/{value}/", "spaces"),
    "expert-thread": _per_object("/{lang}/spaces/threads/{value}/", "threads"),
    "admin-states": _admin_states,
    "focal-admin-laws": _admin_laws,
    "secretariat-state-form": _per_object("/admin/snippets/states/state/edit/{value}/", "state_pks"),
}


def scenarios(material: dict, keys: set[str] | None = None) -> list[Scenario]:
    """Every bench page (the floor first), with its addresses filled in from the instance's material."""
    found = []
    for page in bench_pages():
        if keys and not page.floor and page.key not in keys:
            continue
        cached = page.url("en")
        for name, values in (("{space}", "spaces"), ("{thread}", "threads"), ("{state_pk}", "state_pks")):
            if name in cached:
                cached = cached.replace(name, str(material[values][0]))
        if page.floor:
            uncached: list[str] = []
        elif page.key in UNCACHED:
            uncached = UNCACHED[page.key](random.Random(f"{SEED}-{page.key}"), material)
        else:
            languages = LANGUAGES if page.translated else ["en"]
            uncached = [cached.replace("/en/", f"/{lang}/", 1) for lang in languages]
        # Words in four languages: the addresses go out percent-encoded, as a browser sends them.
        # (Once each: a filter that another makes moot, say an instrument without a treaty status, would
        # otherwise ask for the same address twice.)
        # The cached row has just put the cached address in every worker's cache: not an uncached one.
        encoded = dict.fromkeys(quote(address, safe="/?&=%+:,;@-._~") for address in uncached)
        uncached = [address for address in encoded if address != cached]
        if not uncached and not page.floor:
            uncached = [bust(cached, 1)]
        found.append(Scenario(page, cached, uncached))
    return sorted(found, key=lambda s: not s.page.floor)
