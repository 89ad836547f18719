"""Typed values in text (ID numbers, credit codes, phones, dates) with a spaCy rule pipeline.

A blank ``zh`` pipeline (character tokens, no model download) with an EntityRuler whose token
patterns describe each identifier, OCR confusions included, so a value is found inside a noisy
segment ("110101199003074578（男）", "有效期限2015.03.01-长期"). Loaded once per process.
"""

from __future__ import annotations

import sys
import threading
import types
from dataclasses import dataclass

_DIGITISH = r"^[0-9OoDQIlL|ZSB]$"
_NLP = None
_LOCK = threading.Lock()


def _one(regex: str, op: str | None = None) -> dict:
    tok: dict = {"TEXT": {"REGEX": regex}}
    if op:
        tok["OP"] = op
    return tok


PATTERNS = [
    {"label": "ID_NUMBER", "pattern": [_one(_DIGITISH, "{17}"), _one(r"^[0-9Xx×OoDQIlL|ZSB]$")]},
    {"label": "CREDIT_CODE", "pattern": [_one(r"^[0-9A-Z]$", "{18}")]},
    {"label": "PHONE", "pattern": [_one(r"^1$"), _one(r"^[3-9]$"), _one(r"^[0-9]$", "{9}")]},
    {"label": "DATE", "pattern": [_one(r"^\d$", "{4}"), _one(r"^(年|\.|-|/)$"), _one(r"^\d$", "{1,2}"),
                                  _one(r"^(月|\.|-|/)$"), _one(r"^\d$", "{1,2}"), _one(r"^日$", "?")]},
    {"label": "DATE", "pattern": [_one(r"^\d$", "{8}")]},
    {"label": "DATE", "pattern": [{"TEXT": "长"}, {"TEXT": "期"}]},
]


def _spacy_info(*args, **kwargs):  # noqa: ANN002, ANN003 - spaCy's own signature
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy():
    """``import spacy`` without its command line: ``spacy/__init__`` imports ``spacy.cli.info`` only
    to re-export ``spacy.info``, and that pulls every spaCy command (training, downloads, weasel,
    requests): ~40 % of spaCy's import. While spaCy imports, ``spacy.cli`` is a placeholder whose
    ``info`` imports the real one when called; afterwards ``import spacy.cli`` is the real package."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholders = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    placeholders["spacy.cli"].__path__ = []  # type: ignore[attr-defined]
    placeholders["spacy.cli.info"].info = _spacy_info  # type: ignore[attr-defined]
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, mod in placeholders.items():
            if sys.modules.get(name) is mod:
                del sys.modules[name]
    if isinstance(getattr(spacy, "cli", None), types.ModuleType) and spacy.cli in placeholders.values():
        del spacy.cli  # the attribute the placeholder left: `import spacy.cli` sets the real one
    return spacy


def nlp():
    global _NLP
    with _LOCK:
        if _NLP is None:
            spacy = import_spacy()

            pipeline = spacy.blank("zh")
            ruler = pipeline.add_pipe("entity_ruler", config={"overwrite_ents": True})
            ruler.add_patterns(PATTERNS)
            _NLP = pipeline
    return _NLP


@dataclass(frozen=True)
class Entity:
    label: str
    text: str
    start: int  # character offsets in the text given (whitespace removed)
    end: int


_RULER = None


def ruler():
    """PATTERNS run without spaCy (``extractors/charpatterns.py``: same matches, ~0.5 s CPU and
    ~26 MB less per process), or None when a pattern needs spaCy itself."""
    global _RULER
    with _LOCK:
        if _RULER is None:
            from yichuang.extractors.charpatterns import CharRuler, Unsupported

            try:
                _RULER = CharRuler(PATTERNS)
            except Unsupported:
                _RULER = False
    return _RULER or None


def warm_up() -> None:
    """Build the matcher now (a server or worker start), not on the first page."""
    if ruler() is None:
        nlp()


def find_entities(text: str, label: str | None = None) -> list[Entity]:
    compact = "".join(text.split())
    if not compact:
        return []
    fast = ruler()
    if fast is not None:  # the same span under two labels goes to the one asked for
        return [Entity(lab, compact[s:e], s, e) for lab, s, e in fast.find(compact, prefer=label)
                if label in (None, lab)]
    doc = nlp()(compact)
    return [Entity(e.label_, e.text, e.start_char, e.end_char) for e in doc.ents if label in (None, e.label_)]
