"""Result types shared by every stage. Plain data: JSON-serialisable, picklable."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Point = list[float]
Box = list[Point]  # four points, clockwise from top-left, in upright page pixels


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Line(_Model):
    """One recognised text line."""

    text: str
    box: Box
    confidence: float


PageEngine = Literal["ppocr", "paddleocr", "pdf-text", "fake"] | str


class OcrPage(_Model):
    """The lines of one page in reading order, and how they were read."""

    source: str
    page: int  # 1-based
    page_id: str  # "<sha256 of the original>-<page>": stable across runs
    engine: str
    width: int
    height: int
    rotation: int = 0  # degrees clockwise applied to the capture to make it upright
    lines: list[Line] = Field(default_factory=list)

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Quality(_Model):
    usable: bool = True
    problems: list[str] = Field(default_factory=list)


class FileError(_Model):
    """A file that could not be read; the other files of the same call still are."""

    source: str
    code: str
    message: str


class StoredFile(_Model):
    source: str
    sha256: str
    media_type: str
    size: int
    pages: int
