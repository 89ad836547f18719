"""Value types: what a field's reading may be, as general checks the candidate choice applies.

A reading of the wrong type is refused and the next best candidate is tried; when none fits, the
field is unread (a person looks) — a wrong value is never kept. The checks are by kind, not by page:

- ``name`` (a person's or an organisation's): no digits, never an identifier (an 18-character ID
  number or credit code read beside the name), never a label's words;
- ``text`` / ``address``: never an identifier or a phone number alone (another field's value);
- a field with a closed vocabulary (``rulesets/vocabularies.yaml``): a value that begins with a term
  and runs on is cut to the term (个体工商户营者魏文娟 → 个体工商户, the rest offered to the label it
  opens); a choice is the one option ticked, never a row of options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field
from yichuang.extractors.validators import validate_credit_code, validate_id_number, validate_phone

TICKS = "☑☒■✓√✔●◉"  # a ticked box, or a tick / dot written before or after an option
EMPTY_BOXES = "□☐○"
_MARKS = TICKS + EMPTY_BOXES
_IDENTIFIER = re.compile(r"[0-9A-Za-z×]{11,18}")


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    terms: list[str]
    closed: bool = False  # a reading holding no term is not a value of the field
    choice: bool = False  # options behind check boxes: only the ticked one is the value


class Vocabularies(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int = 1
    vocabularies: dict[str, Vocabulary] = Field(default_factory=dict)


@cache
def vocabularies() -> Vocabularies:
    from yichuang.rulesets import RULESETS_DIR
    from yichuang.rulesets.yamldoc import YamlDoc

    return YamlDoc(RULESETS_DIR / "vocabularies.yaml").model(Vocabularies)


def vocabulary(name: str | None) -> Vocabulary | None:
    return vocabularies().vocabularies.get(name) if name else None


def is_identifier(value: str) -> bool:
    """``value`` is, as a whole, an ID number, a credit code or a phone number (OCR's slips aside:
    a long run of digits and capitals) — never a name, a text or an address."""
    core = re.sub(r"[\s\-—()（）:：]", "", value)
    if not _IDENTIFIER.fullmatch(core):
        return False
    return sum(c.isdigit() for c in core) >= 8 or validate_id_number(core).valid \
        or validate_credit_code(core).valid or validate_phone(core).valid


def refused(kind: str, value: str) -> bool:
    """A reading of type ``kind`` that cannot be one: a name with digits in it, a name, text or
    address that is an identifier (another field's value beside the label)."""
    if kind == "name" and re.search(r"[0-9０-９]", value):
        return True
    return kind in ("name", "text", "address") and is_identifier(value)


def _norm(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(" ", "")


def leading_term(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(the vocabulary term ``text`` begins with, the rest), the longest term first; None if none."""
    norm = _norm(text)
    for term in sorted(vocab.terms, key=len, reverse=True):
        if norm.startswith(_norm(term)):
            return term, norm[len(_norm(term)):]
    return None


@dataclass(frozen=True)
class Options:
    """Options of a choice read in one value: every option found, and those marked as ticked."""

    found: list[str]
    ticked: list[str]
    empty_boxes: int
    unboxed: list[str]  # options with no box or mark before them


def options_in(text: str, vocab: Vocabulary) -> Options:
    """The vocabulary's options in ``text`` (in order) and which are ticked: a tick right before the
    option, or right after it (转移登记√) when it is the last one or another box follows the tick."""
    norm = _norm(text)
    spans: list[tuple[int, int, str]] = []
    for term in sorted(vocab.terms, key=len, reverse=True):
        t = _norm(term)
        for m in re.finditer(re.escape(t), norm):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), term))
    spans.sort()
    ticked, unboxed = [], []
    for n, (a, b, term) in enumerate(spans):
        before = norm[spans[n - 1][1] if n else 0:a].strip()
        after = norm[b:spans[n + 1][0] if n + 1 < len(spans) else len(norm)].strip()
        # a mark between two options is the next one's box, unless another box follows it (转移登记√□变更登记)
        tick_after = after[:1] in tuple(TICKS) and (n + 1 == len(spans) or after[1:2] in tuple(_MARKS))
        if (before[-1:] and before[-1] in TICKS) or (tick_after and not (before[-1:] and before[-1] in _MARKS)):
            ticked.append(term)
        elif not (before[-1:] and before[-1] in _MARKS):
            unboxed.append(term)
    return Options([t for _, _, t in spans], ticked, sum(norm.count(c) for c in EMPTY_BOXES), unboxed)


def chosen_option(text: str, vocab: Vocabulary) -> str | None:
    """A choice's value: the single option ticked. A row of several options is no value unless exactly
    one is ticked and the tick can be trusted — the other options' empty boxes were read too (a lone
    ☑ among options whose boxes OCR lost may be a box misread), or every option but one is behind its
    empty box (the one tick OCR dropped). One option alone, unmarked, is the value (a form that prints
    only the option chosen)."""
    opts = options_in(text, vocab)
    if len(opts.found) == 1:
        return opts.found[0]
    if len(opts.ticked) == 1 and opts.empty_boxes >= 1:
        return opts.ticked[0]
    if not opts.ticked and len(opts.unboxed) == 1 and opts.empty_boxes >= len(opts.found) - 1:
        return opts.unboxed[0]  # every other option behind its empty box: the tick OCR dropped was this one's
    return None


def label_tail(rest: str, labels: list[str]) -> tuple[str, str] | None:
    """``rest`` opens with a label or its tail — the label letter-spaced, its first characters in
    the label column (营者魏文娟 for 经营者) —: (that label, the text after it); None if not."""
    best: tuple[int, str, str] | None = None
    for lab in labels:
        for k in range(0, len(lab) - 1):  # a tail of at least two characters
            tail = lab[k:]
            if rest.startswith(tail) and len(rest) > len(tail) and (best is None or len(tail) > best[0]):
                best = (len(tail), lab, rest[len(tail):])
    return (best[1], best[2].lstrip(" ：:")) if best else None


_ADDRESS_HEAD = re.compile(r"^(?:详细地址|地址|住址|住所)[：:]?(?=[\u4e00-\u9fff]{2,}?[省市区县])")
_ROOM_END = re.compile(r"(.*?[0-9A-Za-z]室)(?![（(])(.+)$")


def trimmed_address(text: str) -> str:
    """An address without what OCR fused onto it: the head noun of its label left in front (经营场所|地址|
    广东省…), and anything after its room (…1905室|预包装食品销售, …1302室|171: the next cell's value) — a
    room is an address's last unit; a remark in brackets after it stays."""
    text = _ADDRESS_HEAD.sub("", text.strip())
    m = _ROOM_END.fullmatch(text)
    return m.group(1) if m else text
