"""Matter and bundle rulesets, as the checkers see them: the models and the one loader live in
``yichuang.rulesets`` (beside the YAML); these names stay importable here for the entry points."""

from yichuang.rulesets import load_rulesets, load_rulesets_dir
from yichuang.rulesets.schema import (
    AllOf,
    AnyOf,
    Bundle,
    Condition,
    Equals,
    Fact,
    Item,
    Matter,
    Not,
    Present,
    Role,
    Rule,
    Rulesets,
)

__all__ = ["AllOf", "AnyOf", "Bundle", "Condition", "Equals", "Fact", "Item", "Matter", "Not", "Present", "Role",
           "Rule", "Rulesets", "load_rulesets", "load_rulesets_dir"]
