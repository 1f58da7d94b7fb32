"""Load a scenario file safely, or say exactly what is wrong with it.

Loading runs in three layers, each reporting every problem it finds with the
line and column it came from:

1. the file: it exists, is a readable UTF-8 text file, is not empty
   (:mod:`game.scenario.yaml_safe` then reads the YAML without running code);
2. the shapes: :class:`~game.scenario.models.Scenario` validation in strict mode,
   every pydantic error mapped back to its YAML node and reworded;
3. the cross-references of :mod:`game.scenario.checks`, only when 2 passed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.engine.expressions import suggest
from game.files import FileProblem, read_limited
from game.scenario.checks import Problem, find_problems
from game.scenario.diagnostics import DataPath, Diagnostic, ScenarioError
from game.scenario.models import EFFECT_CLASSES, EFFECT_KEYS, IDENT_PATTERN, Scenario, effect_kind, field_keys
from game.scenario.yaml_safe import MAX_BYTES, SourceMap, Span, YamlError, parse_yaml

__all__ = [
    "Checked", "check_file", "check_text", "field_description", "inspect_file", "load_scenario", "load_scenario_bytes",
    "load_scenario_file", "load_scenario_text",
]  # fmt: skip


class Checked(NamedTuple):
    """What checking a file found: the scenario (None if it did not validate), every diagnostic, and its text."""

    scenario: Scenario | None
    diagnostics: list[Diagnostic]
    lines: list[str] | None = None
    """The file's lines (for excerpts under a diagnostic); None when the file could not be read."""
    source: SourceMap | None = None
    """Where every value was written (when the scenario validated)."""
    sha256: str | None = None
    """SHA-256 of the very bytes that were parsed (None when the file could not be read)."""


def inspect_file(path: str | Path) -> Checked:
    """Check the file at ``path`` once, keeping its lines and source map (for lint and excerpts)."""
    return _check_path(Path(path))


def load_scenario(path: str | Path) -> Scenario:
    """Load and check the scenario file at ``path``; raise :class:`ScenarioError` listing every problem."""
    checked = _check_path(Path(path))
    return _result(checked.scenario, checked.diagnostics)


def load_scenario_file(path: str | Path) -> tuple[Scenario, str]:
    """:func:`load_scenario`, with the SHA-256 of the very bytes it was parsed from (the file is read once, so
    the hash a log or save records always describes the scenario that was played)."""
    checked = _check_path(Path(path))
    scenario = _result(checked.scenario, checked.diagnostics)
    assert checked.sha256 is not None, "a scenario that loaded was read"
    return scenario, checked.sha256


def load_scenario_bytes(data: bytes, filename: str) -> tuple[Scenario, str]:
    """Load and check a scenario from the bytes of its file (already read), with the SHA-256 of those bytes.

    This is the one place a scenario is hashed: :func:`load_scenario_file` and the logs and saves
    (:mod:`game.logfile`) come through it, so a recorded hash always describes the bytes that were parsed."""
    checked = _check_bytes(data, filename)
    scenario = _result(checked.scenario, checked.diagnostics)
    assert checked.sha256 is not None, "a scenario that loaded was decoded"
    return scenario, checked.sha256


def load_scenario_text(text: str, filename: str = "<string>") -> Scenario:
    """Load and check scenario YAML given as text; ``filename`` is used in the diagnostics."""
    checked = _check_text(text, filename)
    return _result(checked.scenario, checked.diagnostics)


def check_file(path: str | Path) -> list[Diagnostic]:
    """Every problem of the scenario file at ``path``, sorted by position; ``[]`` when it is valid."""
    return _check_path(Path(path)).diagnostics


def check_text(text: str, filename: str = "<string>") -> list[Diagnostic]:
    """Every problem of scenario YAML given as text, sorted by position."""
    return _check_text(text, filename).diagnostics


def _result(scenario: Scenario | None, diagnostics: list[Diagnostic]) -> Scenario:
    if scenario is None or any(d.severity == "error" for d in diagnostics):
        raise ScenarioError(diagnostics)
    return scenario


# --- layer 1: the file ----------------------------------------------------------------


def _check_path(path: Path) -> Checked:
    name = path.as_posix()
    try:
        data = read_limited(path, MAX_BYTES, "scenario file")
    except FileProblem as exc:
        if exc.reason == "no such file":
            message = f"no such file: {name}"
        elif exc.reason.startswith("is a folder"):
            message = "this is a folder, not a scenario file"
        elif exc.reason.startswith("too large"):
            message = f"the file is {exc.reason}"
        else:
            message = f"cannot read the file: {exc.reason}"
        return Checked(None, [_file_error(name, message)])
    return _check_bytes(data, name)


def _check_bytes(data: bytes, name: str) -> Checked:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read; save it as UTF-8"
        return Checked(None, [Diagnostic(name, line, column, "error", message)])
    return _check_text(text, name)._replace(sha256=hashlib.sha256(data).hexdigest())


def _file_error(name: str, message: str) -> Diagnostic:
    return Diagnostic(name, 1, 1, "error", message)


def _check_text(text: str, name: str) -> Checked:
    try:
        data, source = parse_yaml(text)
    except YamlError as exc:
        return Checked(None, [Diagnostic(name, exc.line, exc.column, "error", exc.message)])
    lines = source.lines
    if data is None:
        return Checked(None, [_file_error(name, "the file is empty: a scenario starts with 'format: 1'")], lines)
    if not isinstance(data, dict):
        span = source.value(())
        message = f"the top level must be a mapping with keys such as format, meta and actors, not {_kind(data)}"
        return Checked(None, [Diagnostic(name, span.line, span.column, "error", message)], lines)
    try:
        scenario = Scenario.model_validate(data, strict=True)
    except ValidationError as exc:
        return Checked(None, _sorted(_pydantic_diagnostics(exc, data, source, name)), lines)
    problems = find_problems(scenario)
    return Checked(scenario, _sorted(_problem_diagnostic(p, source, name) for p in problems), lines, source)


MAX_DIAGNOSTICS = 100
"""More problems than this in one file are summed up in one last diagnostic."""


def _sorted(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in file order, at most :data:`MAX_DIAGNOSTICS` (+1 saying how many more)."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    if len(ordered) <= MAX_DIAGNOSTICS:
        return ordered
    rest = ordered[MAX_DIAGNOSTICS]
    more = len(ordered) - MAX_DIAGNOSTICS
    summary = Diagnostic(rest.file, rest.line, rest.column, "error", f"{more} more problems not shown; fix these first")
    return [*ordered[:MAX_DIAGNOSTICS], summary]


# --- layer 2: pydantic errors -----------------------------------------------------------


def _pydantic_diagnostics(exc: ValidationError, data: Any, source: SourceMap, name: str) -> list[Diagnostic]:
    """One diagnostic per problem: branch errors of a union at one place are merged."""
    by_path: dict[tuple[DataPath, bool], list[ErrorDetails]] = {}
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if error["type"] == "missing" and loc:
            path = (*_data_path(loc[:-1], data), str(loc[-1]))
        else:
            path = _data_path(loc, data)
        by_path.setdefault((path, error["type"] == "extra_forbidden"), []).append(error)
    result = []
    for (path, _), errors in by_path.items():
        for span, message in _messages(path, errors, data, source):
            result.append(Diagnostic(name, span.line, span.column, "error", message, path=path))
    return result


def _data_path(loc: tuple[int | str, ...], data: Any) -> DataPath:
    """The part of an error location that exists in the data (union and function tags are dropped)."""
    path: list[str | int] = []
    node = data
    tag_skipped = False
    for i, step in enumerate(loc):
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            is_tag = step in EFFECT_KEYS and effect_kind(node) == step and not tag_skipped
            if is_tag and (i + 1 == len(loc) or loc[i + 1] in node):
                tag_skipped = True
                continue
            node, tag_skipped = node[step], False
            path.append(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node, tag_skipped = node[step], False
            path.append(step)
    return tuple(path)


def _messages(path: DataPath, errors: list[ErrorDetails], data: Any, source: SourceMap) -> list[tuple[Span, str]]:
    """Human messages for the errors at one path."""
    first = errors[0]
    kind = first["type"]
    if kind == "missing":
        return [(source.value(path[:-1]), f"missing required key '{path[-1]}'")]
    if kind == "extra_forbidden":
        fields = _fields_at(path[:-1], data)
        key = str(path[-1])
        return [(source.key(path), f"unknown key {_show(key)}" + suggest(key, fields))]
    if kind == "effect_kind":
        return [_effect_kind(path, _value_at(path, data), source)]
    if len(errors) > 1:
        specific = [e for e in errors if not e["type"].endswith("_type")]
        if specific:
            errors = specific[:1]
        else:
            nouns = " or ".join(dict.fromkeys(_EXPECTED.get(e["type"], "something else") for e in errors))
            return [(source.value(path), f"expected {nouns}, got {_show(first['input'])}")]
    return [(source.value(path), _message(path, errors[0]))]


_EXPECTED = {
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}

_PATTERNS = {
    IDENT_PATTERN: "a name in lower-case letters, digits and underscores, starting with a letter",
    r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$": "a variable such as self.food or russia.munitions",
    r"^#[0-9a-fA-F]{6}$": "a colour such as '#1f77b4' (in quotes)",
    r"^\d{4}-\d{2}-\d{2}$": "a date such as 2024-06-19",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "a date such as 2024, 2024-06 or 2024-06-19",
}


def _message(path: DataPath, error: ErrorDetails) -> str:
    """One pydantic error, reworded."""
    kind, value, ctx = error["type"], error["input"], error.get("ctx", {})
    got = _show(value)
    if kind in _EXPECTED:
        quote = "; put it in quotes" if kind == "string_type" and isinstance(value, int | float | bool) else ""
        return f"expected {_EXPECTED[kind]}, got {got}{quote}"
    if kind == "literal_error":
        if path == ("format",):
            return f"expected 'format: 1' (the format this version of Parley reads), got {got}"
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        options = ", ".join(f"'{c}'" for c in choices) or str(ctx.get("expected", ""))
        return f"expected one of {options}, got {got}" + (suggest(str(value), choices) if choices else "")
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        wanted = _PATTERNS.get(pattern, f"text matching {pattern}")
        if path and path[-1] == "trigger":
            wanted = "a trigger such as partnership.warm (TRACK.TRIGGER)"
        fixed = _as_ident(str(value)) if pattern == IDENT_PATTERN else ""
        return f"expected {wanted}, got {got}" + (f"; did you mean '{fixed}'?" if fixed else "")
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"too long: at most {ctx.get('max_length')} characters, got {len(str(value))}"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}, got {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"has too many entries: at most {ctx.get('max_length')}"
    limits = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if kind in limits:
        words, key = limits[kind]
        return f"must be {words} {ctx.get(key)}, got {got}"
    text = str(error["msg"])
    return text[:1].lower() + text[1:]


def _as_ident(text: str) -> str:
    """``"North Korea"`` -> ``"north_korea"``: a valid id close to ``text`` (empty if none)."""
    ident = re.sub(r"[^a-z0-9_]+", "_", text.strip().lower()).strip("_")
    return ident if re.match(IDENT_PATTERN, ident) and ident != text and len(ident) <= 40 else ""


def _effect_kind(path: DataPath, value: Any, source: SourceMap) -> tuple[Span, str]:
    """An effect without a known leading key: point at a misspelt key when there is one."""
    keys = ", ".join(EFFECT_KEYS)
    if not isinstance(value, dict):
        return source.value(path), f"an effect must be a mapping with one of the keys {keys}, got {_show(value)}"
    for key in value:
        close = difflib.get_close_matches(key, EFFECT_KEYS, n=1, cutoff=0.6)
        if close:
            return source.key((*path, key)), f"unknown effect key '{key}'; did you mean '{close[0]}'?"
    return source.value(path), f"an effect needs one of the keys {keys}"


def _fields_at(path: DataPath, data: Any) -> list[str]:
    """Field names of the model that validates the mapping at ``path``."""
    annotation: Any = Scenario
    node = data
    for step in path:
        if isinstance(step, str):
            model = _model_in(annotation, node)
            info = field_keys(model).get(step) if model is not None else None
            if info is None:
                return []
            annotation = info.annotation
        else:
            annotation = _element(annotation)
        node = node[step]
    model = _model_in(annotation, node)
    return list(field_keys(model)) if model is not None else []


def field_description(path: DataPath, data: Any) -> str | None:
    """The format's description of the key at ``path`` (e.g. ``("moves", 0, "cost")``), or None if it is not a field."""
    if not path or not isinstance(path[-1], str):
        return None
    try:
        annotation: Any = Scenario
        node = data
        for step in path[:-1]:
            if isinstance(step, str):
                model = _model_in(annotation, node)
                info = field_keys(model).get(step) if model is not None else None
                if info is None:
                    return None
                annotation = info.annotation
            else:
                annotation = _element(annotation)
            node = node[step]
        model = _model_in(annotation, node)
    except (KeyError, IndexError, TypeError):
        return None
    info = field_keys(model).get(path[-1]) if model is not None else None
    return info.description if info is not None else None


def _model_in(annotation: Any, node: Any) -> type[BaseModel] | None:
    """The model class that validates ``node`` when the schema says ``annotation`` (a model, union or alias)."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0], node)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    options = typing.get_args(annotation)
    kind = effect_kind(node) if isinstance(node, dict) else None
    if kind is not None and any(_model_in(option, None) is EFFECT_CLASSES[kind] for option in options):
        return EFFECT_CLASSES[kind]
    for option in options:
        if typing.get_origin(option) is not list:
            found = _model_in(option, node)
            if found is not None:
                return found
    return None


def _element(annotation: Any) -> Any:
    """The item type of a list type (looking through ``Annotated`` and ``X | None``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _element(typing.get_args(annotation)[0])
    if origin is list:
        return typing.get_args(annotation)[0]
    for option in typing.get_args(annotation):
        if typing.get_origin(option) in (list, typing.Annotated):
            return _element(option)
    return None


def _value_at(path: DataPath, data: Any) -> Any:
    node = data
    for step in path:
        node = node[step]
    return node


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    return f"the value {_show(value)}"


def _show(value: Any) -> str:
    """A short rendering of a value for a message: ``'ten'``, ``42``, ``true``, ``a list``."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    short = text[:40] + "..." if len(text) > 40 else text
    return short if isinstance(value, int | float) else repr(short)


# --- layer 3: cross-references ------------------------------------------------------------


def _problem_diagnostic(problem: Problem, source: SourceMap, name: str) -> Diagnostic:
    span = source.key(problem.path) if problem.at_key else source.value(problem.path)
    line, column = span.line, span.column
    if problem.offset is not None and source.exists(problem.path) and not problem.at_key:
        line, column = _inside(span, source.lines, *problem.offset)
    return Diagnostic(name, line, column, "error", problem.message, path=problem.path)


def _inside(span: Span, lines: list[str], line: int, column: int) -> tuple[int, int]:
    """The file position of (line, column) inside the string scalar at ``span`` (the scalar's start if unsure)."""
    quoted = span.style in ("'", '"')
    if span.style in (None, "'", '"') and span.line == span.end_line:
        return span.line, span.column + int(quoted) + column
    if span.style == "|":
        body = [i for i in range(span.line, min(span.end_line, len(lines))) if lines[i].strip()]
        if body:
            indent = len(lines[body[0]]) - len(lines[body[0]].lstrip(" "))
            return span.line + 1 + line, indent + column + 1
    if line == 0:
        # folded text: the scalar's lines joined by single spaces
        first, start = (span.line + 1, 0) if span.style == ">" else (span.line, span.column - 1 + int(quoted))
        for number in range(first, min(span.end_line, len(lines)) + 1):
            raw = lines[number - 1]
            offset = start if number == first else 0
            piece = raw[offset:]
            lead = len(piece) - len(piece.lstrip())
            if column <= len(piece.strip()):
                return number, offset + lead + column + 1
            column -= len(piece.strip()) + 1
    return span.line, span.column
