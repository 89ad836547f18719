"""Rulesets: every shipped file loads; every mistake names its file and line (template rot test)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from yichuang.rulesets import RULESETS_DIR, load_rulesets, load_rulesets_dir
from yichuang.rulesets.yamldoc import YamlDoc

from yichuang.errors import RulesetError

MATTERS = {"individual_business_registration", "food_business_license", "convenience_store_opening",
           "second_hand_house_transfer", "dog_registration"}
MATERIALS = {"id_card", "household_register", "business_license", "individual_business_application",
             "food_license_application", "lease_contract", "property_certificate", "food_safety_rules", "floor_plan",
             "health_certificate", "power_of_attorney", "real_estate_application", "house_sale_contract",
             "marriage_certificate", "dog_registration_form", "dog_vaccination_cert"}


def test_every_shipped_ruleset_loads_with_the_fixed_ids():
    rules = load_rulesets()
    assert set(rules.matters) | set(rules.bundles) == MATTERS
    assert set(rules.catalog.materials) == MATERIALS


def test_catalog_fields_are_the_contract_fields():
    c = load_rulesets().catalog.materials
    assert list(c["id_card"].fields) == ["name", "sex", "ethnicity", "birth_date", "address", "id_number", "issuer",
                                         "valid_from", "valid_until"]
    assert list(c["business_license"].fields) == ["credit_code", "entity_name", "entity_type", "legal_rep",
                                                  "address", "established", "business_scope"]
    assert list(c["property_certificate"].fields) == ["cert_number", "owner", "co_ownership", "address",
                                                      "unit_number", "area"]


@pytest.fixture
def rdir(tmp_path) -> Path:
    target = tmp_path / "rulesets"
    shutil.copytree(RULESETS_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize("file,old,new,message", [
    ("matters/dog_registration.yaml", "materials: [dog_vaccination_cert]", "materials: [dog_vaccine]",
     "unknown material 'dog_vaccine'"),
    ("matters/dog_registration.yaml", "role: owner", "role: keeper", "unknown role 'keeper'"),
    ("matters/second_hand_house_transfer.yaml", "title.co_ownership, 共同共有", "title.shares, 共同共有",
     "no material of item 'title' has a field 'shares'"),
    ("matters/dog_registration.yaml", "application.owner_name, owner_id.name", "application.owner_name, pet.name",
     "unknown item 'pet'"),
    ("matters/dog_registration.yaml", "requirement: tolerable}", "requirement: optional}", "requirement"),
    ("matters/dog_registration.yaml", "promise_days: 30", "promise_days: 30\ncolour: red", "colour"),
    ("bundles.yaml", "food_business_license]", "food_licence]", "unknown matter 'food_licence'"),
])
def test_mistakes_fail_at_load_time_with_file_and_line(rdir, file, old, new, message):
    line = _edit(rdir / file, old, new)
    with pytest.raises(RulesetError) as err:
        load_rulesets_dir(rdir)
    text = str(err.value)
    assert text.startswith(f"{rdir / file}:") and message in text
    assert int(text.split(":")[1]) in range(line - 1, line + 3), text


def test_a_local_office_adds_a_matter_with_one_file(rdir):
    (rdir / "matters" / "parking_permit.yaml").write_text(
        "id: parking_permit\nname: 居民停车证\nitems:\n"
        "  - {id: owner_id, item: \"owner's ID\", name: 身份证, materials: [id_card], requirement: key}\n"
        "  - {id: home, item: residence proof, name: 住所证明, materials: [household_register, lease_contract],\n"
        "     requirement: tolerable}\n", encoding="utf-8")
    rules = load_rulesets_dir(rdir)
    assert "parking_permit" in rules.matters


def test_bad_yaml_syntax_names_the_line(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    with pytest.raises(RulesetError, match=r"x.yaml:\d+: not valid YAML"):
        YamlDoc(bad)
