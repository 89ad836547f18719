"""Load YAML into pydantic models; every error names the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from yichuang.errors import RulesetError

M = TypeVar("M", bound=BaseModel)
# libyaml's loader when PyYAML was built with it (the wheels are): the same data, ~5x faster
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlDoc:
    """Parsed data plus the node tree, to turn a path of keys into a line number (the tree is
    composed only when an error needs a line: start-up parses each ruleset once)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._node: Any = None
        try:
            self.text = path.read_text(encoding="utf-8")
            self.data: Any = yaml.load(self.text, Loader=_LOADER)  # noqa: S506 - a safe loader
        except OSError as exc:
            raise RulesetError(f"{path}: cannot read ({exc.strerror})") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else str(path)
            raise RulesetError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}): fix the syntax") from exc

    @property
    def node(self) -> Any:
        if self._node is None:
            self._node = yaml.compose(self.text, Loader=_LOADER)
        return self._node

    def line(self, loc: tuple[Any, ...]) -> int:
        node = self.node
        line = node.start_mark.line + 1 if node else 1
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                nxt = next((v for k, v in node.value if k.value == str(key)), None)
                if nxt is None:
                    break
                node = nxt
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                break
            line = node.start_mark.line + 1
        return line

    def error(self, loc: tuple[Any, ...], message: str) -> RulesetError:
        return RulesetError(f"{self.path}:{self.line(loc)}: {message}", file=str(self.path), line=self.line(loc))

    def model(self, cls: type[M]) -> M:
        try:
            return cls.model_validate(self.data if self.data is not None else {})
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = tuple(x for x in first["loc"] if not (isinstance(x, str) and x.startswith("function-")))
            field = ".".join(str(x) for x in loc) or "(top level)"
            raise self.error(loc, f"{field}: {first['msg']}") from exc
