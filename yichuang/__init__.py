"""Yichuang (一窗): intake pre-check for government service windows.

This package holds only what every stage shares: result types (`yichuang.types`),
the error hierarchy (`yichuang.errors`), configuration (`yichuang.config`) and the
in-process pipeline that wires ingest -> storage -> extractors -> checkers.
"""

__version__ = "0.1.0"

# Run from a checkout, the stages sit beside this folder (ingest/, storage/, extractors/, checkers/,
# service/, rulesets/, samples/); the installed wheel puts them inside it (pyproject's package-dir).
# Either way they are imported as yichuang.ingest, yichuang.storage, ...
from pathlib import Path as _Path

_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "ingest" / "__init__.py").is_file():
    __path__.append(str(_checkout))  # noqa: F821  (a package's __path__)
del _Path, _checkout
