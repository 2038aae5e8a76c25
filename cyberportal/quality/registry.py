"""What the quality harness measures: the key pages, and the generators of large synthetic data.

Each capability adds its pages to KEY_PAGES (one line each) and, for the large benchmark scale, a
generator with `register_scale_generator` from its AppConfig.ready(). The benchmark, the backup
round-trip test and the browser/accessibility tests all read the same list, so a page added here is
measured, compared after a restore and checked for accessibility at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LANGUAGES = ["en", "es", "pt", "fr"]
PUBLIC_BUDGET = 3.0  # p95 of a public page within 3x the floor's (/healthz) p95, same run
SIGNED_IN_BUDGET = 10.0  # signed-in pages within 10x


@dataclass(frozen=True)
class KeyPage:
    key: str
    path: str  # "{lang}" is replaced by the language; without it the path is used as is
    signed_in_as: str = ""  # a demo account's username; empty for a page every visitor sees
    floor: bool = False  # the floor every ratio is measured against (one page only: /healthz)

    @property
    def public(self) -> bool:
        return not self.signed_in_as

    @property
    def budget(self) -> float | None:
        if self.floor:
            return None
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
    KeyPage("recommendations", "/{lang}/recommendations/"),
    KeyPage("timeline", "/{lang}/recommendations/timeline/"),
    KeyPage("spaces", "/{lang}/spaces/", signed_in_as="expert.ar"),
    KeyPage("admin", "/admin/", signed_in_as="secretariat"),
    KeyPage("admin-states", "/admin/snippets/states/state/", signed_in_as="secretariat"),
]


def register_key_page(page: KeyPage) -> None:
    """For capabilities that prefer registering from ready() to editing KEY_PAGES."""
    if any(p.key == page.key for p in KEY_PAGES):
        raise ValueError(f"A key page named {page.key!r} is already registered.")
    KEY_PAGES.append(page)


def key_pages(*, public_only: bool = False) -> list[KeyPage]:
    return [p for p in KEY_PAGES if not (public_only and not p.public)]


# name -> (function(size) that adds that capability's synthetic records, names it must run after).
_generators: dict[str, tuple[Callable[..., dict[str, int]], tuple[str, ...]]] = {}


def register_scale_generator(
    name: str, generate: Callable[..., dict[str, int]], *, after: tuple[str, ...] = ("states",)
) -> None:
    """Register `generate(scale)`, which adds synthetic records and returns counts per kind.

    It runs after the reference data and the demo are loaded, inside its own transaction; at the
    small scale (the demo) generators are not called. Capabilities' ready() runs before the quality
    app's, so order is declared, not implied: a generator runs after those named in `after` (by
    default the foundation's "states", which tops the instance up to 194 states), else in
    registration order.
    """
    if name in _generators:
        raise ValueError(f"A scale generator named {name!r} is already registered.")
    _generators[name] = (generate, tuple(a for a in after if a != name))


def scale_generators() -> dict[str, Callable[..., dict[str, int]]]:
    """The generators in the order they must run (each after the ones it names, when registered)."""
    ordered: dict[str, Callable[..., dict[str, int]]] = {}
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered or name not in _generators:
            return
        if name in visiting:
            raise ValueError(f"Scale generators depend on each other in a loop at {name!r}.")
        visiting.add(name)
        generate, after = _generators[name]
        for earlier in after:
            visit(earlier)
        ordered[name] = generate

    for name in _generators:
        visit(name)
    return ordered


def register_foundation() -> None:
    from .synthetic import states_generate

    register_scale_generator("states", states_generate, after=())
