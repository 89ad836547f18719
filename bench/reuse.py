"""材料复用 on the sample cases: materials a returning applicant does not hand in again.

    .venv/bin/python -m bench.reuse                 # the sample scenarios' ground truth (no OCR)
    .venv/bin/python -m bench.reuse --ocr           # the committed sample case folders, real OCR

Visit 1: the case as generated, accepted when acceptable; its verified materials go to the archive.
Visit 2, 15 days later: the same applicant applies for the same matters again and brings only what cannot
be reused (pages whose material was archived are left at home). Reported: what visit 2 hands in, what it
reuses, its verdict with the archive and without it (to show the archive is what makes the difference).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from yichuang.checkers.case import _Case, check_case
from yichuang.checkers.reuse import Record, candidates
from yichuang.checkers.rules import Rulesets, load_rulesets
from yichuang.samples.cases import SCENARIOS

from yichuang.types import Document, ExtractedField

AS_OF = date(2026, 11, 23)
LATER = AS_OF + timedelta(days=15)


def truth_documents(pages) -> list[Document]:
    """A scenario's (stem, page) pairs read perfectly: their ground truth as documents."""
    docs = []
    for stem, page in pages:
        src = f"{stem}.jpg"
        details = {k: ExtractedField(value=v, confidence=0.98, source=f"{src}#1") for k, v in page.fields.items()}
        docs.append(Document(source=src, page=1, material=page.material, confidence=0.95, fields=dict(page.fields),
                             field_details=details))
    return docs


def _archive(rules: Rulesets, docs: list[Document], matters: list[str]) -> list[Record]:
    ms, bundle = rules.resolve(matters)
    case = _Case(docs, ms, bundle, AS_OF, {}, rules)
    case.resolve()
    case.consistency()
    return [Record(id=n, holder=c.holder, material=c.material, source_case="visit1", verified_on=AS_OF,
                   valid_until=c.valid_until, fields=c.fields) for n, c in enumerate(candidates(case, case.results()))]


def ground_truth(rules: Rulesets) -> list[tuple]:
    rows = []
    for name, build in SCENARIOS.items():
        matters, pages, _ = build()
        docs = truth_documents(pages)
        first = check_case(docs, matters, rules, AS_OF)
        records = _archive(rules, docs, matters) if first.verdict in ("complete", "accept_with_tolerance") else []
        kept = {r.material for r in records}
        again = [d for d in docs if d.material not in kept]
        with_ = check_case(again, matters, rules, LATER, archive=records)
        without = check_case(again, matters, rules, LATER)
        rows.append((name, first.verdict, first.saved.materials_in_bundle, len(records),
                     with_.saved.materials_in_bundle, with_.saved.materials_reused, with_.verdict, without.verdict))
        facts = _clerk_facts(docs)
        if records and facts:  # the forms carry no ID numbers: the clerk names each party's holder
            with_ = check_case(again, matters, rules, LATER, facts, archive=records)
            without = check_case(again, matters, rules, LATER, facts)
            rows.append((f"{name} + clerk's holder_id facts", first.verdict, first.saved.materials_in_bundle,
                         len(records), with_.saved.materials_in_bundle, with_.saved.materials_reused, with_.verdict,
                         without.verdict))
    return rows


def _clerk_facts(docs: list[Document]) -> dict[str, str]:
    """For the house transfer: `holder_id.seller` / `holder_id.buyer` from the contract's names and the cards."""
    contract = next((d for d in docs if d.material == "house_sale_contract"), None)
    if contract is None:
        return {}
    cards = {d.fields.get("name"): d.fields.get("id_number") for d in docs if d.material == "id_card"}
    return {f"holder_id.{role}": cards[contract.fields[role]] for role in ("seller", "buyer")
            if cards.get(contract.fields.get(role))}


def with_ocr(rules: Rulesets) -> list[tuple]:
    from yichuang.service.followup import check_files

    from yichuang.config import load_settings
    from yichuang.pipeline import open_runtime

    root = Path(__file__).resolve().parents[1] / "samples" / "cases"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"YICHUANG_HOME": tmp})
        runtime = open_runtime(settings)
        for case in sorted(p for p in root.iterdir() if p.is_dir()):
            import json

            matters = json.loads((case / "case.json").read_text(encoding="utf-8"))["matters"]
            first, case_id, _ = check_files([case], matters, runtime, rules, AS_OF, {}, settings.database_url,
                                            accept_case=True, actor="bench")
            from yichuang.storage.archive import FollowupStore

            archived = FollowupStore(settings.database_url).case_records(case_id) if case_id else []
            kept = {r.material for r in archived}
            second = Path(tmp) / f"{case.name}-2"
            second.mkdir()
            for d in first.documents:
                if d.material not in kept:
                    shutil.copy(d.source, second / Path(d.source).name)
            with_, _, _ = check_files([second], matters, runtime, rules, LATER, {}, settings.database_url)
            without, _, _ = check_files([second], matters, runtime, rules, LATER, {}, settings.database_url,
                                        reuse=False)
            rows.append((case.name, first.verdict, first.saved.materials_in_bundle, len(archived),
                         with_.saved.materials_in_bundle, with_.saved.materials_reused, with_.verdict,
                         without.verdict))
            facts = _clerk_facts(first.documents)
            if archived and facts:
                with_, _, _ = check_files([second], matters, runtime, rules, LATER, facts, settings.database_url)
                rows.append((f"{case.name} + clerk's holder_id facts", first.verdict,
                             first.saved.materials_in_bundle, len(archived), with_.saved.materials_in_bundle,
                             with_.saved.materials_reused, with_.verdict, rows[-1][-1]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", action="store_true", help="the committed sample folders through OCR")
    args = ap.parse_args()
    rules = load_rulesets()
    rows = with_ocr(rules) if args.ocr else ground_truth(rules)
    print("| case | visit 1 | asked at visit 1 | archived | asked at visit 2 | reused | visit 2 | without archive |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(x) for x in row) + " |")
    print(f"\n{sum(r[5] for r in rows)} materials reused over {len(rows)} rows")


if __name__ == "__main__":
    main()
