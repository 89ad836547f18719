"""One verdict per input file, before anything is stored: every page decoded under the caps and
put through the quality gate. A file is refused (an ``InputError``) when it cannot be decoded or
none of its pages is a document page; a file with some bad pages is kept with those pages marked."""

from __future__ import annotations

from dataclasses import dataclass, field

from yichuang.ingest.limits import decode_slot
from yichuang.ingest.pages import count_pages, iter_pages
from yichuang.ingest.sniff import sniff

from yichuang.errors import UnreadablePageError


@dataclass
class PageVerdict:
    page: int
    usable: bool
    problems: list[str] = field(default_factory=list)
    unreadable: bool = False  # decodes to no document page: that page is marked failed when checked


@dataclass
class Inspection:
    media_type: str
    pages: list[PageVerdict]


def inspect_file(data: bytes) -> Inspection:
    """Sniff, check the caps from the headers, then decode and gate every page (one at a time)."""
    from yichuang.ingest.quality import assess

    media_type = sniff(data)
    total = count_pages(data, media_type)  # frame sizes and page counts refused before any pixel is decoded
    verdicts: list[PageVerdict] = []
    pages = iter_pages(data, media_type)
    while True:
        with decode_slot():  # a decoded page counts against the process's slots until it is gated
            content = next(pages, None)
            if content is None:
                break
            if content.unreadable:
                verdicts.append(PageVerdict(content.page, False, [content.unreadable], unreadable=True))
            elif content.image is not None:
                q = assess(content.image)
                verdicts.append(PageVerdict(content.page, q.usable, list(q.problems)))
            else:
                verdicts.append(PageVerdict(content.page, True))
            content.image = None  # one decoded page in memory at a time
    if len(verdicts) != total:
        raise UnreadablePageError(f"文件声称有 {total} 页，但只能读出 {len(verdicts)} 页：文件已损坏，请重新导出或扫描")
    if verdicts and all(v.unreadable for v in verdicts):
        first = verdicts[0].problems[0]
        raise UnreadablePageError(first if total == 1 else f"全部 {total} 页都不是可读的材料页：{first}")
    return Inspection(media_type, verdicts)
