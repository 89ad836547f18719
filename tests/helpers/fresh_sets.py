"""What the tests of the generated sets share (tests/test_fresh*_set.py, tests/test_generator.py):
a set's digest, its truth read perfectly, a truth value's validity, the Chinese numerals a date may
be printed in, the wordings of a YAML tree, a case's cards and the command that writes a set.
Written independently of the generators: a test of their output, not a copy of their code."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from yichuang.checkers.case import check_case
from yichuang.extractors.validators import id_check_char, uscc_check_char

from yichuang.types import Document, ExtractedField

CN = "〇一二三四五六七八九"


def cn_num(n: int) -> str:
    """1..31 in Chinese numerals, as a date's month and day are printed (十二, 二十三)."""
    if n < 10:
        return CN[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else CN[t]) + "十" + (CN[o] if o else "")


def digest(pages) -> list[tuple[str, str, str]]:
    """(material, image hash, truth) per (family, page): two draws are the same set or not."""
    return [(p.material, hashlib.sha256(p.image.tobytes()).hexdigest(), repr(sorted(p.fields.items())))
            for _, p in pages]


def truth_documents(pages) -> list[Document]:
    """The pages read perfectly: their ground truth as the extractor's documents."""
    docs = []
    for n, page in enumerate(pages):
        src = f"{n:02d}-{page.material}.jpg"
        details = {k: ExtractedField(value=v, confidence=0.95, source=f"{src}#1") for k, v in page.fields.items()}
        docs.append(Document(source=src, page=1, material=page.material, confidence=0.95, fields=dict(page.fields),
                             field_details=details))
    return docs


def assert_clerks_verdict(cases, rules, as_of: date) -> None:
    """Read perfectly (the ground truth), every case gets the verdict it expects."""
    for case in cases:
        result = check_case(truth_documents(case.pages), case.matters, rules, as_of)
        assert result.verdict == case.expect, (case.name, case.variant, result.verdict,
                                               [(m.item, m.status, m.reasons) for m in result.materials
                                                if m.status != "present"])


def assert_valid(kind: str, value: str) -> None:
    """A truth value of a catalog field type is a valid one (check characters, ISO dates)."""
    if kind == "id_number":
        assert id_check_char(value[:17]) == value[17], value
    if kind == "credit_code":
        assert uscc_check_char(value[:17]) == value[17], value
    if kind == "date":
        assert value == "长期" or date.fromisoformat(value), value


def strings(node) -> set[str]:
    """Every string of a YAML tree, white space removed."""
    if isinstance(node, str):
        return {re.sub(r"[\s　]", "", node)}
    if isinstance(node, dict):
        return set().union(set(), *(strings(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(set(), *(strings(v) for v in node))
    return set()


def catalog_labels(node) -> set[str]:
    """Every wording the catalog knows: field labels, extra labels, section headings, stop labels."""
    out: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            out |= strings(value) if key in ("labels", "extra_labels", "sections", "stop_labels") else catalog_labels(value)
    elif isinstance(node, list):
        for value in node:
            out |= catalog_labels(value)
    return out


def ids(case) -> list[dict[str, str]]:
    """The truth of every ID card page of a case."""
    return [p.fields for p in case.pages if p.material == "id_card"]


def one(case, material: str) -> dict[str, str]:
    """The truth of the case's one page of ``material`` that has any."""
    found = [p.fields for p in case.pages if p.material == material and p.fields]
    assert len(found) == 1, (case.name, case.variant, material)
    return found[0]


def write_with_command(module: str, out: Path, *args: str) -> list[dict]:
    """Run ``python -m <module> --out OUT ARGS`` and return the truth.json it wrote; every file it
    names exists."""
    subprocess.run([sys.executable, "-m", module, "--out", str(out), *args], check=True, capture_output=True)
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert all((out / t["file"]).is_file() for t in truth)
    return truth
