"""Expand the paths a user gives into the files to read."""

from __future__ import annotations

from pathlib import Path

from yichuang.errors import InputError

# Inside folders these are notes beside the captures, not captures: skipped (and said so).
SIDECAR_SUFFIXES = {".json", ".txt", ".md", ".yaml", ".yml", ".csv", ".html", ".xml"}


def _name_key(path: Path) -> tuple[str, str]:
    return (path.name.casefold(), path.name)


def expand_paths(paths: list[str | Path]) -> tuple[list[Path], list[tuple[str, InputError]], list[str]]:
    """Return (files in order, errors for paths that do not exist, skipped sidecar files)."""
    files: list[Path] = []
    errors: list[tuple[str, InputError]] = []
    skipped: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                if child.suffix.lower() in SIDECAR_SUFFIXES:
                    skipped.append(str(child))
                else:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            errors.append((str(raw), InputError("is not a regular file: give an image, a PDF or a folder")))
        else:
            errors.append((str(raw), InputError("no such file or folder: check the path")))
    return files, errors, skipped


def _walk(folder: Path) -> list[Path]:
    out: list[Path] = []
    for child in sorted(folder.iterdir(), key=_name_key):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            out.extend(_walk(child))
        elif child.is_file():
            out.append(child)
    return out
