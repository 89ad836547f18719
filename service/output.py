"""Shared formatting for the CLI: JSON to stdout, everything else to stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

stderr = Console(stderr=True, highlight=False)
stdout = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160)


def emit_json(doc: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def say(message: str) -> None:
    """One plain line on stderr (never wrapped: scripts read it)."""
    sys.stderr.write(message.replace("\n", " ") + "\n")
    sys.stderr.flush()
