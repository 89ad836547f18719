"""spaCy EntityRuler token patterns run without spaCy, where every token is one character.

``extractors/entities.py`` describes identifiers as spaCy token patterns over a blank ``zh``
pipeline, whose tokenizer makes one token of every character. Importing spaCy and building that
pipeline costs ~0.5 s of CPU and ~26 MB per process before a single value is read (the largest
single item of a clerk's ``yichuang check`` start-up), so the same patterns are run here over the
characters directly, with spaCy's EntityRuler semantics:

- every (start, end) a pattern can match is a candidate (quantifiers ``?``, ``*``, ``+``,
  ``{n}``, ``{n,m}``, ``{n,}``, ``{,m}`` give every length, like spaCy's Matcher);
- candidates are taken longest first, then earliest, and one that overlaps a taken one is dropped
  (``overwrite_ents``); the same span matched by two labels goes to the pattern listed first;
- the entities come out in text order.

A pattern using anything else than ``TEXT`` (a string, or ``{"REGEX": ...}``) and ``OP`` raises
``Unsupported``: the caller then keeps spaCy. ``tests/test_charpatterns.py`` holds this against
spaCy itself on generated noisy text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_OP = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


class Unsupported(ValueError):
    """A pattern this matcher cannot run exactly as spaCy would."""


@dataclass(frozen=True)
class _Step:
    test: Callable[[str], bool]
    repeat: bool  # may consume any number of further characters (a ``*`` step)
    optional: bool


def _predicate(spec: dict) -> Callable[[str], bool]:
    if set(spec) - {"TEXT", "OP"} or "TEXT" not in spec:
        raise Unsupported(f"token spec {spec!r}: only TEXT and OP are run without spaCy")
    text = spec["TEXT"]
    if isinstance(text, str):
        return text.__eq__
    if isinstance(text, dict) and set(text) == {"REGEX"} and isinstance(text["REGEX"], str):
        rx = re.compile(text["REGEX"])  # spaCy's REGEX predicate is re.search on the token's text

        @lru_cache(maxsize=4096)
        def test(ch: str) -> bool:
            return rx.search(ch) is not None

        return test
    raise Unsupported(f"TEXT {text!r}: only a string or {{'REGEX': ...}}")


def _bounds(op: str | None) -> tuple[int, int | None]:
    """(least, most) repetitions of a token; most None = unbounded."""
    if op is None:
        return 1, 1
    fixed = {"?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in fixed:
        return fixed[op]
    m = _OP.match(op)
    if not m or (not m[1] and not m[3]):
        raise Unsupported(f"OP {op!r}")
    if not m[2]:
        n = int(m[1])
        return n, n
    return int(m[1] or 0), (int(m[3]) if m[3] else None)


def _steps(pattern: list[dict]) -> tuple[_Step, ...]:
    steps: list[_Step] = []
    for spec in pattern:
        test = _predicate(spec)
        least, most = _bounds(spec.get("OP"))
        steps += [_Step(test, False, False)] * least
        if most is None:
            steps.append(_Step(test, True, True))
        else:
            steps += [_Step(test, False, True)] * (most - least)
    if not steps:
        raise Unsupported("an empty pattern")
    return tuple(steps)


def _closure(steps: tuple[_Step, ...], states: set[int]) -> set[int]:
    todo, out = list(states), set(states)
    while todo:
        i = todo.pop()
        if i < len(steps) and steps[i].optional and i + 1 not in out:
            out.add(i + 1)
            todo.append(i + 1)
    return out


def _ends(steps: tuple[_Step, ...], chars: str, start: int) -> list[int]:
    """Every end such that chars[start:end] matches (non-empty), by simulating the pattern."""
    ends: list[int] = []
    states = _closure(steps, {0})
    pos = start
    while states and pos < len(chars):
        ch = chars[pos]
        nxt: set[int] = set()
        for i in states:
            if i < len(steps) and steps[i].test(ch):
                nxt.add(i if steps[i].repeat else i + 1)
                if steps[i].repeat:
                    nxt.add(i + 1)
        states = _closure(steps, nxt)
        pos += 1
        if len(steps) in states:
            ends.append(pos)
    return ends


_UNSAFE_OPS = {"AT", "ASSERT", "ASSERT_NOT", "GROUPREF", "GROUPREF_EXISTS", "GROUPREF_IGNORE",
               "ATOMIC_GROUP", "POSSESSIVE_REPEAT"}
MAX_VARIANTS = 64  # fixed-length expansions of one pattern run as regular expressions; more: simulated


def _one_char_regex(spec: dict) -> str | None:
    """The token's REGEX as a regular expression consuming exactly one character of a longer
    text with the same verdict as on the token alone, or None when that cannot be shown (then
    the pattern is simulated character by character instead)."""
    text = spec.get("TEXT")
    if isinstance(text, str):
        return re.escape(text) if len(text) == 1 else None
    source = text["REGEX"]
    try:
        from re import _parser as sre  # the stdlib's own parser: what the pattern means, not its spelling
    except ImportError:  # pragma: no cover - a Python without it: simulate
        return None
    try:
        tree = sre.parse(source)
        if tree.state.flags & ~re.UNICODE:
            return None
        items = list(tree)
        if items and str(items[0][0]) == "AT" and str(items[0][1]) == "AT_BEGINNING" and source.startswith("^"):
            source, items = source[1:], items[1:]
        if items and str(items[-1][0]) == "AT" and str(items[-1][1]) == "AT_END" and source.endswith("$") \
                and not source.endswith("\\$"):
            source = source[:-1]
        inner = sre.parse(source)
    except (re.error, AttributeError, TypeError, IndexError):
        return None
    try:
        if inner.getwidth() != (1, 1) or _has_unsafe(inner):
            return None
    except (AttributeError, TypeError):
        return None
    return f"(?:{source})"


def _has_unsafe(node) -> bool:
    if isinstance(node, list | tuple) or hasattr(node, "data"):
        items = node.data if hasattr(node, "data") else node
        for item in items:
            if isinstance(item, tuple) and item and str(item[0]) in _UNSAFE_OPS:
                return True
            if isinstance(item, tuple) and len(item) == 4 and isinstance(item[1], int) and (item[1] or item[2]):
                return True  # a group with its own flags: (?i:...)
            if _has_unsafe(item):
                return True
    return False


def _variants(pattern: list[dict]) -> list[str] | None:
    """The pattern as fixed-length regular expressions (one per choice of repetition counts), or
    None when a token is unbounded, not one character, or the choices are too many."""
    parts: list[list[str]] = [[""]]
    for spec in pattern:
        least, most = _bounds(spec.get("OP"))
        rx = _one_char_regex(spec)
        if rx is None or most is None:
            return None
        counts = [rx * k if k < 2 else f"{rx}{{{k}}}" for k in range(least, most + 1)]
        parts = [[*p, c] for p in parts for c in counts]
        if len(parts) > MAX_VARIANTS:
            return None
    return [body for body in ("".join(p) for p in parts) if body]


class CharRuler:
    """The EntityRuler over one-character tokens: ``find(text)`` → (label, start, end) in text order."""

    def __init__(self, patterns: list[dict]) -> None:
        self._patterns: list[tuple[int, str, tuple[_Step, ...], list[re.Pattern] | None]] = []
        order: dict[str, int] = {}
        for entry in patterns:
            if set(entry) - {"label", "pattern"} or not isinstance(entry.get("pattern"), list):
                raise Unsupported(f"pattern entry {entry!r}: only a label and a token list")
            label = entry["label"]
            order.setdefault(label, len(order))
            steps = _steps(entry["pattern"])
            variants = _variants(entry["pattern"])
            compiled = None if variants is None else [re.compile(f"(?=({v}))", re.DOTALL) for v in variants]
            self._patterns.append((order[label], label, steps, compiled))
        self.labels = tuple(order)

    def _spans(self, steps: tuple[_Step, ...], compiled: list[re.Pattern] | None, text: str):
        if compiled is not None:
            for rx in compiled:
                for m in rx.finditer(text):
                    yield m.start(1), m.end(1)
            return
        for start in range(len(text)):
            for end in _ends(steps, text, start):
                yield start, end

    def find(self, text: str, prefer: str | None = None) -> list[tuple[str, int, int]]:
        """The entities in ``text``. The same span matched under two labels goes to ``prefer``
        when it is one of them, else to the label whose pattern is listed first."""
        found: dict[tuple[int, int], tuple[int, str]] = {}
        for rank, label, steps, compiled in self._patterns:
            rank = -1 if label == prefer else rank
            for span in self._spans(steps, compiled, text):
                if span not in found or rank < found[span][0]:
                    found[span] = (rank, label)
        taken: list[tuple[str, int, int]] = []
        seen: set[int] = set()
        for (start, end) in sorted(found, key=lambda se: (se[0] - se[1], se[0])):
            if start in seen or end - 1 in seen:
                continue
            taken.append((found[(start, end)][1], start, end))
            seen.update(range(start, end))
        return sorted(taken, key=lambda t: t[1])
