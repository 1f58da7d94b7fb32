"""Read untrusted YAML into plain Python data, keeping where every value was written.

A shared scenario file is hostile until proven otherwise, so this reader:

- refuses files over :data:`MAX_BYTES`, nesting over :data:`MAX_DEPTH` and more
  than :data:`MAX_NODES` nodes (memory stays bounded);
- refuses aliases and anchors (no "billion laughs"), explicit tags such as
  ``!!python/object`` (nothing is ever constructed from a tag) and duplicate keys;
- resolves plain scalars with a small YAML-1.2-like rule set instead of YAML 1.1:
  ``true``/``false`` (also ``True``/``TRUE``/``False``/``FALSE``) are booleans, while
  ``yes``/``no``/``on``/``off``/``y``/``n`` stay strings; ``null``, ``~`` and an
  empty value are ``None``; plain decimal integers (no leading zero, no ``_``) and
  decimal floats (``1.5``, ``.5``, ``2e3``) are numbers; everything else, such as
  ``1:30``, ``0o12``, ``0x1f``, ``010``, ``.inf`` or a date, stays a string;
- makes every mapping key the string it was written as (``on:`` is the key ``"on"``).

Nodes are composed with a :class:`yaml.SafeLoader` subclass whose implicit
resolvers are restricted, and the data is built here from the node tree, so no
PyYAML constructor ever runs. The :class:`SourceMap` maps a data path to the
position of its node (and, for a mapping entry, of its key).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.scenario.diagnostics import DataPath

MAX_BYTES = 1024 * 1024
"""Largest accepted file, in bytes of UTF-8."""
MAX_DEPTH = 50
"""Deepest accepted nesting of lists and mappings."""
MAX_NODES = 100_000
"""Most accepted nodes (scalars, lists and mappings) in one file."""

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class YamlError(Exception):
    """The text is not acceptable YAML; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Span:
    """Where a node was written (1-based), and how a scalar was quoted."""

    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None = None
    """Scalar style: None (plain), ``'``, ``"``, ``|`` or ``>``; None for lists and mappings."""


@dataclass
class SourceMap:
    """Positions of the nodes behind the data, by data path."""

    lines: list[str] = field(default_factory=list)
    """The source text, split into lines (for positions inside multi-line scalars)."""
    values: dict[DataPath, Span] = field(default_factory=dict)
    """Position of the value at a path."""
    keys: dict[DataPath, Span] = field(default_factory=dict)
    """Position of the key of a mapping entry, by the entry's path."""

    def value(self, path: DataPath) -> Span:
        """The span of the value at ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            span = self.values.get(path[:end])
            if span is not None:
                return span
        return Span(1, 1, 1, 1)

    def key(self, path: DataPath) -> Span:
        """The span of the key of the entry at ``path`` (the value's span when it has no key)."""
        return self.keys.get(path) or self.value(path)

    def exists(self, path: DataPath) -> bool:
        """True when the data has a value at ``path``."""
        return path in self.values


class _Rejected(Exception):
    """Raised inside the composer: a construct this reader refuses."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """A composer that refuses anchors, aliases and tags, and bounds depth and size."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Rejected("YAML aliases and anchors are not allowed", event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise _Rejected("tags are not allowed", event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Rejected(f"the file has more than {MAX_NODES} values", event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Rejected(f"lists and mappings are nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.yaml_implicit_resolvers = {}  # only the resolvers below: no YAML 1.1 booleans, sexagesimals or octals
_Loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?$"), list("-+.0123456789")
)


def parse_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse ``text`` into plain data and its source map; raise :class:`YamlError` on any problem.

    An empty document (nothing but blanks and comments) gives ``None``.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise YamlError(f"the file is too large ({size} bytes; at most {MAX_BYTES} are allowed)")
    source = SourceMap(lines=text.splitlines())
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except _Rejected as exc:
        raise YamlError(exc.message, exc.mark.line + 1, exc.mark.column + 1) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        raise YamlError(f"the character #x{exc.character:04x} is not allowed in YAML", line, column) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise YamlError(f"invalid YAML: {type(exc).__name__}: {exc}".splitlines()[0]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, source
    return _Builder(source).build(node, ()), source


def _syntax_error(exc: yaml.MarkedYAMLError) -> YamlError:
    """One short message at the problem's position."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "found character '\\t'" in problem:
        return YamlError("tabs cannot indent YAML: use spaces", line, column)
    if isinstance(exc, yaml.composer.ComposerError) and "another document" in problem:
        return YamlError("a scenario file holds one YAML document: remove the second '---'", line, column)
    message = f"invalid YAML: {problem or context}"
    if problem and context and exc.context_mark is not None:
        message += f" ({context} at line {exc.context_mark.line + 1})"
    return YamlError(message, line, column)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _span(node: yaml.Node) -> Span:
    style = node.style if isinstance(node, yaml.ScalarNode) else None
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1, style)


class _Builder:
    """Turns a composed node tree into plain data, recording spans."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.source.values[path] = _span(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                mark = key_node.start_mark
                raise YamlError("a key must be a name or text, not a list or mapping", mark.line + 1, mark.column + 1)
            key = str(key_node.value)
            span = _span(key_node)
            if key in first_line:
                raise YamlError(f"duplicate key '{key}' (first at line {first_line[key]})", span.line, span.column)
            first_line[key] = span.line
            self.source.keys[(*path, key)] = span
            result[key] = self.build(value_node, (*path, key))
        return result


def _scalar(node: yaml.Node) -> Any:
    """The Python value of a scalar, by the tag the restricted resolvers gave it."""
    text = str(node.value)
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return text.lower() == "true"
    if node.tag == _INT:
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: leave it to the type check
            return text
    if node.tag == _FLOAT:
        value = float(text)
        return value if math.isfinite(value) else text
    return text
