"""Generators of synthetic records for the large benchmark scale, registered by each capability from its
AppConfig.ready(), as it registers menu items (core.navigation) and profile sections (core.profile).

The registry sits here, at the bottom of the house, so that capabilities register downward and nothing in
production imports the tooling that runs the generators (`quality`'s bench_prepare).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

# name -> (function(size) that adds that capability's synthetic records, names it must run after).
_generators: dict[str, tuple[Callable[..., dict[str, int]], tuple[str, ...]]] = {}


def register_scale_generator(
    name: str, generate: Callable[..., dict[str, int]], *, after: tuple[str, ...] = ("states",)
) -> None:
    """Register `generate(scale)`, which adds synthetic records and returns counts per kind.

    It runs after the reference data and the demo are loaded, inside its own transaction; at the
    small scale (the demo) generators are not called. Order is declared, not implied by the order of
    INSTALLED_APPS: a generator runs after those named in `after` (by
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


def planner_statistics_refresh() -> None:
    """ANALYZE after a bulk load, as any bulk load needs: without statistics SQLite's planner guessed
    that 100,000 search-index rows of one kind were ten, and joined them to the full-text match the
    wrong way round (a search took 35 s instead of 1 s). PostgreSQL's autovacuum would get there later."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
