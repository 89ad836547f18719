"""Sample cases: the pages a citizen brings for a matter, with the verdict a clerk should get.

    .venv/bin/python -m samples.cases --out samples/cases [--style camera] [NAME ...]

Each case folder holds the captures and ``case.json`` (matters, check date, expected verdict and
item statuses). Variants of one matter share their data, so unchanged pages are byte-identical.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from yichuang.samples import materials as M
from yichuang.samples.generate import captured
from yichuang.samples.materials import CaseData, SamplePage

AS_OF = date(2026, 11, 23)

Pages = list[tuple[str, SamplePage]]


def _data(seed: int) -> CaseData:
    d = CaseData.random(random.Random(seed))
    for p in (d.operator, d.agent, d.lessor, d.buyer, d.spouse, d.staff):
        p.valid_from = date(2020, 5, 1)
        p.valid_until = "2040-05-01"
    d.exam_date = AS_OF - timedelta(days=120)
    d.vaccinated_on = AS_OF - timedelta(days=60)
    d.individual = True
    return d


def _id(d: CaseData, who: str, prefix: str) -> Pages:
    return [(f"{prefix}-front", M.id_card(d, "front", who)), (f"{prefix}-back", M.id_card(d, "back", who))]


# ---- convenience store bundle and its two matters -----------------------------------------

def store(variant: str) -> tuple[list[str], Pages, dict]:
    d = _data(11)
    agent: bool | str = "blank" if variant == "agent_unread" else variant == "agent_without_authority"
    pages: Pages = [("01-application", M.individual_business_application(d, "rows", agent=agent))]
    if variant == "application_unsigned":
        pages[0][1].image.info["unsigned"] = True  # samples/seals.py leaves its 签字 box empty
    expect: dict = {}
    if variant in ("bundle_complete", "bundle_expired_health"):
        pages.append(("02-food-application", M.food_license_application(d, "rows")))
    pages += _id(d, "operator", "03-id")
    if variant != "premises_missing":
        pages.append(("04-lease", M.lease_contract(d)))
    if variant.startswith("bundle"):
        expired = variant == "bundle_expired_health"
        until = AS_OF - timedelta(days=3) if expired else None
        pages += [("05-rules", M.food_safety_rules(d)), ("06-plan", M.floor_plan(d)),
                  ("07-health", M.health_certificate(d, valid_until=until))]
        matters = ["convenience_store_opening"]
        expect = {"verdict": "accept_with_tolerance" if expired else "complete",
                  "status": {"business licence": "produced_in_bundle", "operator's ID": "present",
                             "staff health certificate": "invalid" if expired else "present"},
                  "saved": [10, 7]}
    else:
        matters = ["individual_business_registration"]
        expect = {"premises_missing": {"verdict": "accept_with_tolerance",
                                       "status": {"premises proof": "tolerated", "operator's ID": "present"}},
                  "agent_without_authority": {"verdict": "incomplete",
                                              "status": {"agent's authority": "missing", "agent's ID": "missing"}},
                  "agent_unread": {"verdict": "needs_review",
                                   "status": {"agent's authority": "needs_review", "agent's ID": "needs_review",
                                              "application": "needs_review"}},
                  "application_unsigned": {"verdict": "incomplete",
                                           "status": {"application": "invalid", "operator's ID": "present"}},
                  }[variant]
    return matters, pages, expect


# ---- second-hand house ---------------------------------------------------------------------

def house(variant: str) -> tuple[list[str], Pages, dict]:
    d = _data(21)
    d.co_ownership = "共同共有" if variant == "co_owned_without_marriage" else "单独所有"
    seller = d.lessor.name
    on_contract = seller[:-1] + ("思" if seller[-1] != "思" else "斯") if variant == "contract_name_differs" else seller
    pages: Pages = [("01-application", M.real_estate_application(d))]
    pages += _id(d, "buyer", "02-buyer-id")  # the buyer's card first: roles come from names, not order
    pages += _id(d, "lessor", "03-seller-id")
    pages += [("04-title", M.property_certificate(d)), ("05-contract", M.house_sale_contract(d, seller=on_contract))]
    expect = {"complete": {"verdict": "complete", "status": {"seller's ID": "present", "buyer's ID": "present",
                                                             "spouse's consent": "not_required"}},
              "contract_name_differs": {"verdict": "incomplete", "status": {"sale contract": "inconsistent",
                                                                            "seller's ID": "present"}},
              "co_owned_without_marriage": {"verdict": "incomplete", "status": {"spouse's consent": "missing"}},
              }[variant]
    return ["second_hand_house_transfer"], pages, expect


# ---- dog registration ----------------------------------------------------------------------

def dog(variant: str) -> tuple[list[str], Pages, dict]:
    d = _data(31)
    pages: Pages = [("01-form", M.dog_registration_form(d))] + _id(d, "operator", "02-id")
    if variant != "vaccination_missing":
        until = AS_OF - timedelta(days=10) if variant == "vaccination_expired" else None
        pages.append(("03-vaccination", M.dog_vaccination_cert(d, valid_until=until)))
    pages.append(("04-household", M.household_register(d)))
    expect = {"complete": {"verdict": "complete", "status": {"vaccination": "present", "residence proof": "present"}},
              "vaccination_missing": {"verdict": "incomplete", "status": {"vaccination": "missing"}},
              "vaccination_expired": {"verdict": "incomplete", "status": {"vaccination": "invalid"}},
              }[variant]
    return ["dog_registration"], pages, expect


SCENARIOS: dict[str, Callable[[], tuple[list[str], Pages, dict]]] = {
    "convenience_store": lambda: store("bundle_complete"),
    "convenience_store_expired_health": lambda: store("bundle_expired_health"),
    "business_premises_missing": lambda: store("premises_missing"),
    "business_agent_without_authority": lambda: store("agent_without_authority"),
    "business_application_unsigned": lambda: store("application_unsigned"),
    "business_agent_unread": lambda: store("agent_unread"),
    "house_transfer": lambda: house("complete"),
    "house_contract_name_differs": lambda: house("contract_name_differs"),
    "house_co_owned_without_marriage": lambda: house("co_owned_without_marriage"),
    "dog_registration": lambda: dog("complete"),
    "dog_vaccination_missing": lambda: dog("vaccination_missing"),
    "dog_vaccination_expired": lambda: dog("vaccination_expired"),
}


def write_case(name: str, out: Path, style: str = "camera", max_side: int = 1300) -> dict:
    matters, pages, expect = SCENARIOS[name]()
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    for stem, page in pages:
        img = captured(page, style, seed=sum(map(ord, stem)))
        scale = max_side / max(img.size)
        if scale < 1:
            img = img.resize((round(img.width * scale), round(img.height * scale)))
        img.save(folder / f"{stem}.jpg", quality=82)
    meta = {"matters": matters, "as_of": AS_OF.isoformat(), "style": style, "expect": expect}
    (folder / "case.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="samples/cases")
    ap.add_argument("--style", default="camera")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    for name in args.names or SCENARIOS:
        write_case(name, Path(args.out), args.style)
        print(f"wrote {Path(args.out) / name}")


if __name__ == "__main__":
    main()
