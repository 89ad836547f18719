"""Second look: fields a rule depends on that the fast OCR pass left doubtful get the larger models.

The ``fast`` profile reads with PP-OCRv6 *tiny* recognition, whose dictionary has 6,904
characters: a given name with 赟, 旻 or 翀 can never come out right from it, and it says so with a
high confidence. So, after the fast pass and before the check:

1. **Region**: the lines holding a name, or a value that failed validation, or an address the
   tiny recogniser was not sure of (a line under ``ADDRESS_SURE`` mean confidence), are read
   again with the small recogniser (18,708 characters) on the same boxes — a few strips, tens of
   milliseconds, no second detection.
2. **Page**: if a field a rule depends on is still invalid, listed in ``Document.unread``, or
   missing while its label is on the page (or the page could not be placed at all), every line
   of the page is read again with the small recogniser and those fields are taken from that
   reading when it has them (~0.1–0.2 s). Detection is not run again: the fast profile's input
   size lost no field to detection on the measured sets (README), and a second detection at
   the accurate profile's input size would raise a worker's peak memory from ~0.45 to ~0.85 GB.

Only the fields in doubt change; a field neither pass can read stays unread (``needs_review``).
With the ``accurate`` profile already in use there is nothing to do.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PIL import Image

from yichuang.types import Document, Line, OcrPage

if TYPE_CHECKING:
    from yichuang.checkers.rules import Rulesets
    from yichuang.extractors.catalog import Catalog
    from yichuang.extractors.ocr.base import RawLine
    from yichuang.extractors.ocr.ppocr import PPOcrEngine

    from yichuang.pipeline import Runtime

log = logging.getLogger("yichuang.second_look")

# Names and addresses are where a rare character hides (a checksum cannot catch it).
# An address line the tiny recogniser read with at least this mean confidence is not read again.
# Names are always read again: a given name's character outside the tiny dictionary comes out as
# a look-alike at any confidence (measured: 0.96-0.99 on some), while place names' characters are
# nearly all in it (of ~200 rare county/town characters tried, 5 are missing: 埇汭浉瀍猇) and an
# address is long, so one doubtful character pulls the line's mean down. Addresses were half of
# the second look's CPU (long strips on a recogniser 4x the tiny's cost).
ADDRESS_SURE = 0.99
_REF = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){1,2}$")


@dataclass
class Look:
    """What the second look did on one page (for the benchmark and the debug log)."""

    region_lines: int = 0
    page_reread: bool = False  # the page step ran (on the band around its doubts, or every line)
    band_lines: int = 0  # lines the page step read that the region step had not
    changed: list[str] = field(default_factory=list)


# -- which fields the rules depend on --------------------------------------------------------------
def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


_RULE_FIELDS: dict[int, dict[str, set[str]]] = {}


def rule_fields(rules: Rulesets) -> dict[str, set[str]]:
    """material → the fields that some matter's or bundle's rule reads (conditions, roles,
    consistency; the expiry field). The pre-filled form alone does not make a field a rule's."""
    key = id(rules)
    if key in _RULE_FIELDS:
        return _RULE_FIELDS[key]
    catalog = rules.catalog
    out: dict[str, set[str]] = {m: set() for m in catalog.materials}
    items_of = {mid: {it.id: it.materials for it in m.items} for mid, m in rules.matters.items()}

    def add(matter_id: str, ref: str) -> None:
        parts = ref.split(".")
        if len(parts) == 3:
            matter_id, parts = parts[0], parts[1:]
        if len(parts) != 2:
            return
        for mat in items_of.get(matter_id, {}).get(parts[0], []):
            if mat in catalog.materials and parts[1] in catalog.materials[mat].fields:
                out[mat].add(parts[1])

    for mid, matter in rules.matters.items():
        dump = matter.model_dump(exclude={"form"})
        for s in _strings(dump):
            if _REF.match(s):
                add(mid, s)
    for bundle in rules.bundles.values():
        for s in _strings(bundle.model_dump()):
            if _REF.match(s) and s.count(".") == 2:
                add("", s)
    for mid, mat in catalog.materials.items():
        if mat.expiry_field:
            out[mid].add(mat.expiry_field)
    _RULE_FIELDS[key] = out
    return out


# -- what is in doubt ------------------------------------------------------------------------------
def _label_hit(labels: list[str], text: str) -> bool:
    from rapidfuzz import fuzz

    return any(label in text or (len(label) >= 3 and fuzz.partial_ratio(label, text) >= 80) for label in labels)


def _shadows(name: str, spec: dict) -> list[str]:
    """Other fields' labels that contain one of ``name``'s and are longer (经营者姓名 for a 姓名):
    where one of those is written, the label is that field's, not this one's (the longest label
    wins), so a blank 代理人 section is not in doubt because the operator's 姓名 is on the page."""
    mine = spec[name].labels
    return sorted({other for n, f in spec.items() if n != name for other in f.labels
                   if other not in mine and any(m in other and len(other) > len(m) for m in mine)},
                  key=len, reverse=True)


def _masked(text: str, shadows: list[str]) -> str:
    for other in shadows:
        text = text.replace(other, "\x00" * len(other))
    return text


def _label_on_page(labels: list[str], page: OcrPage, shadows: list[str] = ()) -> bool:
    return _label_hit(labels, _masked("".join(line.text for line in page.lines), list(shadows)))


def _unsure(detail, spec, page: OcrPage) -> bool:
    """Some line under the value (its box, the lines a wrapped value continues on) was read with
    less than ``ADDRESS_SURE`` mean confidence (or no line is found under it)."""
    boxes = _value_boxes(detail, spec, page)
    under = [line for line in page.lines if any(_overlap(line.box, b) >= 0.5 for b in boxes)]
    return not under or any(line.confidence < ADDRESS_SURE for line in under)


def region_targets(doc: Document, catalog: Catalog, page: OcrPage | None = None) -> list[str]:
    """Fields to re-read on their own boxes: every name (a strip costs ~20 ms, and a rare character
    slips past every check), every value that failed validation, and every address some line of
    which the fast pass read with less than ``ADDRESS_SURE`` (every address without ``page``)."""
    spec = catalog.materials[doc.material].fields if doc.material in catalog.materials else {}
    out = []
    for name, detail in doc.field_details.items():
        if detail.box is None:
            continue
        kind = spec[name].type if name in spec else None
        unsure_address = kind == "address" and (page is None or _unsure(detail, spec[name], page))
        if not detail.valid or kind == "name" or unsure_address:
            out.append(name)
    return out


def page_doubts(doc: Document, page: OcrPage, catalog: Catalog, wanted: set[str]) -> list[str]:
    """Fields a rule depends on that are invalid, unread, or missing while their label is on the page."""
    if doc.material not in catalog.materials:
        return []
    spec = catalog.materials[doc.material].fields
    out = []
    for name in sorted(wanted | {n for n, d in doc.field_details.items() if not d.valid}):
        invalid = name in doc.field_details and not doc.field_details[name].valid
        unseen = name not in doc.fields and name in spec and bool(spec[name].labels) \
            and _label_on_page(spec[name].labels, page, _shadows(name, spec))
        if name in doc.unread or invalid or unseen:
            out.append(name)
    return out


BAND_BELOW = 3.0  # line heights under a doubtful field's label or box that the band re-read covers


def _label_lines(labels: list[str], page: OcrPage, shadows: list[str]) -> list[int]:
    return [i for i, line in enumerate(page.lines) if _label_hit(labels, _masked(line.text, shadows))]


def doubt_boxes(doc: Document, page: OcrPage, catalog: Catalog, doubts: list[str]) -> list[list[list[float]]] | None:
    """The lines the page step re-reads for ``doubts``: every line in the band from half a line
    above each doubtful field's box or label line to ``BAND_BELOW`` line heights below it, across
    the page's width (a value beside its label, under it, or wrapped). None — the whole page —
    when a doubt has neither a box nor a label line of its own to anchor the band."""
    spec = catalog.materials[doc.material].fields if doc.material in catalog.materials else {}
    anchors: list[list[list[float]]] = []
    for name in doubts:
        mine = ([page.lines[i].box for i in _label_lines(spec[name].labels, page, _shadows(name, spec))]
                if name in spec else [])
        detail = doc.field_details.get(name)
        if detail is not None and detail.box is not None:
            mine.append(detail.box)
        if not mine:
            return None
        anchors += mine
    bands = []
    for box in anchors:
        top, bottom = min(p[1] for p in box), max(p[1] for p in box)
        height = max(bottom - top, 1.0)
        bands.append((top - height / 2, bottom + BAND_BELOW * height))
    return [line.box for line in page.lines
            if any(min(p[1] for p in line.box) < b1 and max(p[1] for p in line.box) > b0 for b0, b1 in bands)]


# -- the two steps ---------------------------------------------------------------------------------
def _value_boxes(detail, spec, page: OcrPage) -> list[list[list[float]]]:
    """The field's box, and for a value allowed to wrap (``lines`` > 1) the lines below it, within
    that many line heights, whose text is part of the value."""
    boxes = [detail.box]
    if spec is None or spec.lines <= 1:
        return boxes
    top = max(p[1] for p in detail.box)
    height = max(top - min(p[1] for p in detail.box), 1.0)
    for line in page.lines:
        y = min(p[1] for p in line.box)
        if len(line.text) >= 4 and line.text in detail.value and top - height / 2 <= y <= top + spec.lines * height:
            boxes.append(line.box)
    return boxes


def _overlap(a: list[list[float]], b: list[list[float]]) -> float:
    """Share of box ``a``'s bounding rectangle covered by box ``b``'s."""
    ax0, ay0 = min(p[0] for p in a), min(p[1] for p in a)
    ax1, ay1 = max(p[0] for p in a), max(p[1] for p in a)
    bx0, by0 = min(p[0] for p in b), min(p[1] for p in b)
    bx1, by1 = max(p[0] for p in b), max(p[1] for p in b)
    iw, ih = max(0.0, min(ax1, bx1) - max(ax0, bx0)), max(0.0, min(ay1, by1) - max(ay0, by0))
    area = max((ax1 - ax0) * (ay1 - ay0), 1e-6)
    return iw * ih / area


def upright(image: Image.Image, rotation: int) -> Image.Image:
    """The image in the frame of the page's boxes (``rotation`` was applied clockwise)."""
    return image.rotate(-rotation, expand=True) if rotation % 360 else image


class Reader(Protocol):
    def reread_boxes(self, image_fn: Callable[[], Image.Image | None],
                     boxes: list[list[list[float]]]) -> list[RawLine | None] | None: ...


class EngineReader:
    """A ``Reader`` straight on an engine (no cache): the image is opened when a box is read."""

    def __init__(self, engine: PPOcrEngine) -> None:
        self.engine = engine

    def reread_boxes(self, image_fn, boxes):
        image = image_fn()
        return None if image is None else self.engine.reread_boxes(image, boxes)


def reread_region(page: OcrPage, open_image: Callable[[], Image.Image | None], boxes: list[list[list[float]]],
                  reader: Reader, skip: frozenset[int] = frozenset()) -> tuple[OcrPage, list[int]]:
    """The page with the lines under ``boxes`` read again by ``reader`` (no detection), and the
    indices of the lines read; lines in ``skip`` (read again already) are left as they are."""
    picked = [i for i, line in enumerate(page.lines)
              if i not in skip and any(_overlap(line.box, b) >= 0.5 for b in boxes)]
    if not picked:
        return page, []

    def upright_image() -> Image.Image | None:
        image = open_image()
        return None if image is None else upright(image, page.rotation)

    again = reader.reread_boxes(upright_image, [page.lines[i].box for i in picked])
    if again is None:
        return page, []
    lines = list(page.lines)
    for i, raw in zip(picked, again, strict=False):
        if raw is not None:
            lines[i] = Line(text=raw.text, box=lines[i].box, confidence=round(raw.confidence, 4))
    return page.model_copy(update={"lines": lines}), picked


def _take(doc: Document, better: Document, names: list[str], look: Look) -> Document:
    fields, details, unread = dict(doc.fields), dict(doc.field_details), dict(doc.unread)
    for name in names:
        new = better.field_details.get(name)
        old = details.get(name)
        if new is None:
            if name in better.unread and name not in fields:
                unread[name] = better.unread[name]
            continue
        if old is not None and old.valid and not new.valid:
            continue
        if old is None or new.value != old.value or new.valid != old.valid:
            look.changed.append(name)
        fields[name], details[name] = new.value, new
        unread.pop(name, None)
    return doc.model_copy(update={"fields": fields, "field_details": details, "unread": unread})


def second_look(doc: Document, page: OcrPage, catalog: Catalog, wanted: dict[str, set[str]],
                open_image: Callable[[], Image.Image | None], reader: Reader,
                read_doc: Callable[[OcrPage], Document]) -> tuple[Document, Look, OcrPage | None]:
    """The fast pass's document with its doubtful fields read again by ``reader`` (the small
    recogniser; see the module's doc). Also returns the page as re-read in full, if it was."""
    look = Look()
    if page.engine == "pdf-text" or not page.lines:
        return doc, look, None
    mine = wanted.get(doc.material, set())
    targets = region_targets(doc, catalog, page)
    patched, done = page, []
    if targets:
        spec = catalog.materials[doc.material].fields if doc.material in catalog.materials else {}
        boxes = [b for n in targets for b in _value_boxes(doc.field_details[n], spec.get(n), page)]
        patched, done = reread_region(page, open_image, boxes, reader)
        look.region_lines = len(done)
        if done:
            doc = _take(doc, read_doc(patched), targets, look)
    doubts = page_doubts(doc, page, catalog, mine)
    full: OcrPage | None = None
    if doubts or doc.material == "unknown":
        around = None if doc.material == "unknown" else doubt_boxes(doc, page, catalog, doubts)
        # the lines the region step read already keep that reading: each line is read once
        full, more = reread_region(patched, open_image, around or [line.box for line in page.lines], reader,
                                   skip=frozenset(done))
        if more:
            look.page_reread = True
            look.band_lines = len(more)
            other = read_doc(full)
            if doc.material == "unknown":
                if other.material != "unknown":
                    look.changed.append("material")
                    doc = other
            elif other.material == doc.material:
                doc = _take(doc, other, doubts, look)
    if look.changed:
        log.debug("second look on %s#%s: %s", page.source, page.page, ", ".join(look.changed))
    return doc, look, full


# -- through the runtime (CLI, service) --------------------------------------------------------------
def fast_engine_in_use(runtime: Runtime) -> bool:
    """The runtime reads with the tiny recogniser (decided without loading any model)."""
    engine = runtime._engine
    if engine is not None:
        profile = getattr(engine, "profile", None)
        return getattr(profile, "rec", "") == "rec_tiny"
    if runtime.engine_name != "ppocr":
        return False
    from yichuang.extractors.ocr.profiles import current_profile

    return current_profile().rec == "rec_tiny"


class _CachedReader:
    """The small recogniser behind the OCR cache: a re-check of a stored page reads nothing again
    (rows keyed by the page and the boxes asked for, under the fast profile's key)."""

    def __init__(self, runtime: Runtime, page_id: str) -> None:
        from yichuang.extractors.ocr.ppocr import PPOcrEngine, profile_cache_key

        self.runtime, self.page_id = runtime, page_id
        self.prefix = f"{PPOcrEngine.cache_key()}/second-look/{profile_cache_key('accurate')}"

    def _key(self, boxes: list[list[list[float]]]) -> str:
        from yichuang.pipeline.cache import OcrCache

        return OcrCache.second_look_key(self.prefix, boxes)  # fits the cache's 120-character key column

    def reread_boxes(self, image_fn: Callable[[], Image.Image | None], boxes: list[list[list[float]]]):
        from yichuang.extractors.ocr.base import RawLine
        from yichuang.extractors.ocr.ppocr import engine_for_profile

        key = self._key(boxes)
        hit = self.runtime.cache.get_extra(self.page_id, key)
        if hit is not None and len(hit.get("lines", [])) == len(boxes):
            return [RawLine(text=x[0], box=b, confidence=x[1]) if x else None for x, b in zip(hit["lines"], boxes,
                                                                                               strict=True)]
        image = image_fn()
        if image is None:
            return None
        lines = engine_for_profile("accurate").reread_boxes(image, boxes)
        stored = {"lines": [[x.text, x.confidence] if x else None for x in lines]}
        self.runtime.cache.put_extra(self.page_id, key, stored)
        return lines


def warm_up(runtime: Runtime) -> None:
    """Load the second look's small recogniser now (a server or worker start), not on a page."""
    if fast_engine_in_use(runtime):
        from yichuang.extractors.ocr.ppocr import engine_for_profile

        engine_for_profile("accurate")


def look_again(doc: Document, page: OcrPage, runtime: Runtime, rules: Rulesets) -> Document:
    """``second_look`` for a page stored by the pipeline: the image comes back from the object
    store (only when a line is to be read again)."""
    if page.engine == "pdf-text" or not page.page_id or not fast_engine_in_use(runtime):
        return doc
    from yichuang.extractors.document import read_document

    sha, _, number = page.page_id.rpartition("-")
    image_box: list[Image.Image | None] = []

    def open_image() -> Image.Image | None:
        if not image_box:
            image_box.append(_stored_image(runtime, sha, int(number)))
        return image_box[0]

    new, _, _ = second_look(doc, page, rules.catalog, rule_fields(rules), open_image,
                            _CachedReader(runtime, page.page_id), lambda p: read_document(p, rules.catalog))
    return new


_RECENT: dict[str, Image.Image] = {}
_RECENT_LOCK = threading.Lock()
RECENT_IMAGES = 4


def remember_image(page_id: str, ocr_image: Image.Image) -> None:
    """The image the fast pass just read (after seal suppression), kept for the few pages whose
    second look follows at once (a worker's page, a one-page case): no second decode then."""
    with _RECENT_LOCK:
        _RECENT.pop(page_id, None)
        _RECENT[page_id] = ocr_image
        while len(_RECENT) > RECENT_IMAGES:
            _RECENT.pop(next(iter(_RECENT)))


def _stored_image(runtime: Runtime, sha256: str, number: int) -> Image.Image | None:
    with _RECENT_LOCK:
        recent = _RECENT.get(f"{sha256}-{number}")
    if recent is not None:
        return recent
    from yichuang.ingest import open_page, sniff

    from yichuang.errors import YichuangError

    try:
        data = runtime.store.get(sha256)
        content = open_page(data, sniff(data), number)
    except (YichuangError, OSError, ValueError):
        log.warning("second look: page %s-%s cannot be opened again", sha256[:12], number)
        return None
    return None if content.image is None else ocr_input(content.image)


def ocr_input(image: Image.Image) -> Image.Image:
    """The image as the fast pass's engine saw it (seal colour removed under seals)."""
    from yichuang.extractors import seals

    return seals.prepare(image).ocr_image
