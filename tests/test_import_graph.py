"""The layers, from the code: the stages (ingest, extractors, checkers, storage, rulesets) and the
pipeline above them never import the entry points (service/) — not even lazily inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOWER = ("ingest", "extractors", "checkers", "storage", "rulesets", "yichuang")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}  # from yichuang import service
    return names


def _is_service(name: str) -> bool:
    return name == "yichuang.service" or name.startswith("yichuang.service.") or name.split(".")[0] == "service"


def test_no_lower_layer_imports_the_service():
    found = {}
    for folder in LOWER:
        for path in sorted((ROOT / folder).rglob("*.py")):
            bad = sorted(n for n in _imports(path) if _is_service(n))
            if bad:
                found[path.relative_to(ROOT).as_posix()] = bad
    assert found == {}, f"a lower layer imports the entry points: {found}"


def test_the_walker_sees_a_lazy_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from yichuang.service import followup\n    return followup\n")
    assert any(_is_service(n) for n in _imports(probe))
