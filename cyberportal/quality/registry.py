"""What the quality harness measures: the key pages.

Each capability adds its pages to KEY_PAGES (one line each). (Its generator of synthetic data for the
large benchmark scale it registers downward, in `core.synthetic`.) The benchmark, the backup
round-trip test and the browser/accessibility tests all read the same list, so a page added here is
measured, compared after a restore and checked for accessibility at once.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ["en", "es", "pt", "fr"]
PUBLIC_BUDGET = 3.0  # p95 of a public page within 3x the floor's (/healthz) p95, same run
SIGNED_IN_BUDGET = 5.0  # signed-in pages within 5x
NOT_FOUND_BUDGET = 2.0  # the 404 page within 2x (every mistyped or stale link costs this)


@dataclass(frozen=True)
class KeyPage:
    key: str
    path: str  # "{lang}" is replaced by the language; without it the path is used as is
    signed_in_as: str = ""  # a demo account's username; empty for a page every visitor sees
    floor: bool = False  # the floor every ratio is measured against (one page only: /healthz)
    expect_status: int = 200  # the 404 page is measured too (quality/scenarios.py)

    @property
    def public(self) -> bool:
        return not self.signed_in_as

    @property
    def budget(self) -> float | None:
        if self.floor:
            return None
        if self.expect_status == 404:
            return NOT_FOUND_BUDGET
        return PUBLIC_BUDGET if self.public else SIGNED_IN_BUDGET

    def url(self, language: str = "en") -> str:
        return self.path.replace("{lang}", language)

    @property
    def translated(self) -> bool:
        return "{lang}" in self.path


# The foundation's key pages. When merging a capability, add its pages here, one line each.
KEY_PAGES: list[KeyPage] = [
    KeyPage("healthz", "/healthz", floor=True),
    KeyPage("home", "/{lang}/"),
    KeyPage("states", "/{lang}/states/"),
    KeyPage("profile", "/{lang}/states/ar/"),
    KeyPage("instruments", "/{lang}/instruments/"),
    KeyPage("instrument", "/{lang}/instruments/cets-185/"),
    KeyPage("sign-in", "/{lang}/accounts/sign-in/"),
    KeyPage("laws-matrix", "/{lang}/laws/matrix/?instrument=cets-185"),
    KeyPage("search", "/{lang}/search/?q=illegal+access"),
    KeyPage("laws-state", "/{lang}/laws/state/co/"),
    KeyPage("law", "/{lang}/laws/akn/co/act/2009/1273/"),  # a law with its provisions (demo: Ley 1273)
    KeyPage("directory", "/{lang}/directory/"),
    KeyPage("finder", "/{lang}/directory/finder/"),
    KeyPage("cooperation", "/{lang}/cooperation/"),
    KeyPage("cooperation-state", "/{lang}/cooperation/ar/"),  # demo: Argentina's sheets
    KeyPage("recommendations", "/{lang}/recommendations/"),
    KeyPage("timeline", "/{lang}/recommendations/timeline/"),
    KeyPage("spaces", "/{lang}/spaces/", signed_in_as="expert.ar"),
    KeyPage("admin", "/admin/", signed_in_as="secretariat"),
    KeyPage("admin-states", "/admin/snippets/states/state/", signed_in_as="secretariat"),
]


def register_key_page(page: KeyPage) -> None:
    """For the harness and its tests (capabilities edit KEY_PAGES: production code never imports this app)."""
    if any(p.key == page.key for p in KEY_PAGES):
        raise ValueError(f"A key page named {page.key!r} is already registered.")
    KEY_PAGES.append(page)


def key_pages(*, public_only: bool = False) -> list[KeyPage]:
    return [p for p in KEY_PAGES if not (public_only and not p.public)]
