"""The layer diagram in docs/architecture.md is drawn from the imports and kept current."""

from __future__ import annotations

import pytest

from cyberportal.quality import layers

DOCUMENT = layers.ROOT / "docs" / "architecture.md"


def test_the_diagram_in_the_architecture_document_is_current():
    assert layers.main(["--check", str(DOCUMENT)]) == 0


def test_a_stale_diagram_is_caught_and_redrawn(tmp_path):
    stale = tmp_path / "architecture.md"
    stale.write_text(f"# A\n\n## Layers\n\n{layers.BEGIN}\n    laws --> quality\n{layers.END}\n\nAfter.\n")
    assert layers.main(["--check", str(stale)]) == 1
    assert layers.main([str(stale)]) == 0
    redrawn = stale.read_text()
    assert "laws --> quality" not in redrawn
    assert "    laws --> states" in redrawn and "    caching --> core" in redrawn
    assert redrawn.endswith(f"{layers.END}\n\nAfter.\n")
    assert layers.main(["--check", str(stale)]) == 0


def test_a_document_without_the_markers_is_refused(tmp_path):
    bare = tmp_path / "architecture.md"
    bare.write_text("# A\n\n## Layers\n")
    with pytest.raises(SystemExit):
        layers.main([str(bare)])
