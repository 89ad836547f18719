"""The material catalog, as the extractors see it: the models and the loader live in ``yichuang.rulesets``
(beside the YAML); these names stay importable here for the extractors that use them."""

from yichuang.rulesets import RULESETS_DIR, load_catalog, load_catalog_file
from yichuang.rulesets.schema import Catalog, FieldSpec, LookAlike, Material, Recognise, SealRequirement

__all__ = ["RULESETS_DIR", "Catalog", "FieldSpec", "LookAlike", "Material", "Recognise", "SealRequirement",
           "load_catalog", "load_catalog_file"]
