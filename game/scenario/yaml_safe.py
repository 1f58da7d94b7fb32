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

The data is built here, directly from the parser's event stream (libyaml's fast
parser when PyYAML has it), so no PyYAML composer or constructor ever runs and an
anchor, alias or tag is refused at the event that carries it, before anything is
expanded. Plain scalars are typed by a :class:`yaml.resolver.BaseResolver`
subclass whose implicit resolvers are restricted to the rules above. The
:class:`SourceMap` maps a data path to the position of its value (and, for a
mapping entry, of its key).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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


class Span(NamedTuple):
    """Where a node was written (1-based), and how a scalar was quoted (a tuple: one is made per node)."""

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


class _Resolver(yaml.resolver.BaseResolver):
    """Tags for plain scalars, with only the resolvers below (no YAML 1.1 booleans, sexagesimals or octals)."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?$"), list("-+.0123456789")
)

_RESOLVED_FIRST = frozenset("~nNtTfF-+.0123456789")
"""First characters the scalar rules above can match (an empty scalar is null)."""
_SCALAR, _SEQUENCE_START, _SEQUENCE_END = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent

_EVENT_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Where events come from: libyaml's parser when PyYAML has it (about 15 times faster), else PyYAML's own."""


def parse_yaml(text: str) -> tuple[Any, SourceMap]:
    """Parse ``text`` into plain data and its source map; raise :class:`YamlError` on any problem.

    An empty document (nothing but blanks and comments) gives ``None``.
    """
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        line, column = _position(text, exc.start)
        raise YamlError(f"the character #x{ord(text[exc.start]):04x} is not allowed in YAML", line, column) from None
    if size > MAX_BYTES:
        raise YamlError(f"the file is too large ({size} bytes; at most {MAX_BYTES} are allowed)")
    source = SourceMap(lines=text.splitlines())
    loader = None
    try:
        loader = _EVENT_LOADER(text)
        return _Builder(loader, source).stream(), source
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, source.lines) from None
    except yaml.reader.ReaderError as exc:
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line, column = _position(text, found if found >= 0 else exc.position)  # libyaml counts bytes, not characters
        raise YamlError(f"the character #x{exc.character:04x} is not allowed in YAML", line, column) from None
    except YamlError:
        raise
    except Exception as exc:  # whatever else PyYAML or libyaml raise on odd input is the file's problem, not a crash
        raise YamlError(f"cannot read this YAML: {type(exc).__name__}: {exc}".splitlines()[0]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, lines: list[str]) -> YamlError:
    """One short message at the problem's position."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if 0 < line <= len(lines) and lines[line - 1][column - 1 : column] == "\t":
        return YamlError("tabs cannot indent YAML: use spaces", line, column)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "maximum nesting depth" in problem:  # libyaml's own limit (newer builds) trips before ours
        return YamlError(f"lists and mappings are nested more than {MAX_DEPTH} levels deep", line, column)
    message = f"invalid YAML: {problem or context}"
    if problem and context and exc.context_mark is not None:
        message += f" ({context} at line {exc.context_mark.line + 1})"
    return YamlError(message, line, column)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _mark(mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a PyYAML mark."""
    return mark.line + 1, mark.column + 1


def _refuse(event: Any) -> None:
    """Raise for an alias, an anchor or an explicit tag."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise YamlError("YAML aliases and anchors are not allowed", *_mark(event.start_mark))
    if getattr(event, "tag", None) is not None:
        raise YamlError("tags are not allowed", *_mark(event.start_mark))


class _Builder:
    """Builds plain data from the parser's events, refusing what this reader does not accept."""

    def __init__(self, loader: Any, source: SourceMap) -> None:
        self.loader = loader
        self.source = source
        self.resolver = _Resolver()
        self.nodes = 0
        self.values = source.values

    def next(self) -> Any:
        return self.loader.get_event()

    def stream(self) -> Any:
        """The one document of the stream (None when there is none)."""
        self.next()  # StreamStartEvent
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        data = self.node(self.next(), (), 1)
        self.next()  # DocumentEndEvent
        event = self.next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise YamlError(
                "a scenario file holds one YAML document: remove the second '---'", *_mark(event.start_mark)
            )
        return data

    def node(self, event: Any, path: DataPath, depth: int) -> Any:
        """The value that starts with ``event`` (the hot loop of loading: kept flat on purpose)."""
        kind = type(event)
        if kind is not _SCALAR and kind is not _SEQUENCE_START and kind is not _MAPPING_START:
            _refuse(event)
        if event.anchor is not None or event.tag is not None:
            _refuse(event)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(f"the file has more than {MAX_NODES} values", *_mark(event.start_mark))
        if depth > MAX_DEPTH:
            raise YamlError(
                f"lists and mappings are nested more than {MAX_DEPTH} levels deep", *_mark(event.start_mark)
            )
        mark = event.start_mark
        if kind is _SCALAR:
            end = event.end_mark
            self.values[path] = Span(mark.line + 1, mark.column + 1, end.line + 1, end.column + 1, event.style or None)
            return self.scalar(event)
        value: Any
        if kind is _SEQUENCE_START:
            value = []
            get = self.loader.get_event
            while type(item := get()) is not _SEQUENCE_END:
                value.append(self.node(item, (*path, len(value)), depth + 1))
            end = item.end_mark
        else:
            value, end_event = self.mapping(path, depth)
            end = end_event.end_mark
        self.values[path] = Span(mark.line + 1, mark.column + 1, end.line + 1, end.column + 1)
        return value

    def mapping(self, path: DataPath, depth: int) -> tuple[dict[str, Any], Any]:
        """The entries of a mapping, and its end event."""
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        get: Any = self.loader.get_event
        keys = self.source.keys
        event: Any
        while type(event := get()) is not _MAPPING_END:
            if type(event) is not _SCALAR:
                _refuse(event)
                raise YamlError("a key must be a name or text, not a list or mapping", *_mark(event.start_mark))
            if event.anchor is not None or event.tag is not None:
                _refuse(event)
            key = str(event.value)
            mark: Any = event.start_mark
            end: Any = event.end_mark
            line = mark.line + 1
            if key in first_line:
                raise YamlError(f"duplicate key '{key}' (first at line {first_line[key]})", line, mark.column + 1)
            first_line[key] = line
            entry = (*path, key)
            keys[entry] = Span(line, mark.column + 1, end.line + 1, end.column + 1, event.style or None)
            result[key] = self.node(get(), entry, depth + 1)
        return result, event

    def scalar(self, event: Any) -> Any:
        """The Python value of a scalar: plain scalars by the restricted resolvers, others are text."""
        text = str(event.value)
        if not event.implicit[0]:
            return text
        if text and text[0] not in _RESOLVED_FIRST:  # most scalars are words: no rule can match them
            return text
        tag = self.resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _INT:
            try:
                return int(text)
            except ValueError:  # more digits than Python converts: leave it to the type check
                return text
        if tag == _FLOAT:
            value = float(text)
            return value if math.isfinite(value) else text
        return text
