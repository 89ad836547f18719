"""Yichuang (一窗): intake pre-check for government service windows.

This package holds only what every stage shares: result types (`yichuang.types`),
the error hierarchy (`yichuang.errors`), configuration (`yichuang.config`) and the
in-process pipeline that wires ingest -> storage -> extractors -> checkers.
"""

__version__ = "0.1.0"
