"""Game logs and saved games on disk: read with limits and verified, written atomically, versioned.

A log (``parley run --log``) and a save (the interface's pause menu) are the same document, the
runner's decision log (:func:`game.runner.log_document`). This module is the only code that reads
or writes one, for the command line (``parley replay``) and for the interface's Load screen alike:

- :func:`read_log` reads at most :data:`MAX_LOG_BYTES` (see :func:`game.files.read_limited` for
  what it refuses before reading), parses strict JSON (no ``NaN``/``Infinity``, numbers of at most
  :data:`MAX_DIGITS` digits, nesting of at most :data:`MAX_NESTING`, no lone surrogates), checks the
  format name and version (a newer version says so), and checks every field's type and range;
- :func:`load_log_scenario` finds the scenario the log names and loads it; a file that is not a
  scenario is refused without quoting it (a log naming ``/etc/passwd`` shows nothing of it), and a
  scenario with another id than the log's is refused;
- :func:`write_log` writes atomically (``write`` + ``fsync`` + ``rename``), so a crash or a power cut
  leaves the previous file or the new one, never half of one;
- :func:`annotate` records how the game was set up besides the runner's fields: fictional names
  (``"names"``) and the lesson variant (``"variant"``, see :mod:`game.scenario.variants`). A document
  with a variant is version :data:`VARIANT_VERSION`, so a Parley from before variants says "update
  Parley" instead of replaying the whole scenario; a document without one stays version 1, as
  before. A log without a variant (any older file) is the scenario as written, and
  :func:`load_log_scenario` applies the recorded variant, so every reader plays what was played.

Every failure is a :class:`LogError`: one line that starts with the file's name.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.classroom.names import NAME_MODES, apply_names
from game.engine import CompiledScenario, canonical_json, compile_scenario
from game.files import FileProblem, read_limited, shown, write_atomic
from game.paths import shipped_scenarios
from game.runner import LOG_FORMAT, LOG_VERSION
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario_bytes
from game.scenario.models import IDENT_PATTERN
from game.scenario.variants import VariantError, apply_variant
from game.scenario.yaml_safe import MAX_BYTES as MAX_SCENARIO_BYTES

MAX_LOG_BYTES = 20 * 1024 * 1024
"""Largest log or save read (a long game's log is well under 1 MB)."""
MAX_DIGITS = 30
"""Most digits of a number in a log (seeds and hashes' numbers are far shorter)."""
MAX_NESTING = 40
"""Deepest nesting of lists and objects in a log (the format needs 5)."""
MAX_SEED = 2**63 - 1
"""Seeds are whole numbers from -MAX_SEED to MAX_SEED."""
MAX_DECISIONS = 100_000
MAX_REASON = 1000
"""Longest bot reason kept with a decision."""
VARIANT_VERSION = 2
"""The version of a document that records a lesson variant (:func:`annotate`)."""
READ_VERSIONS = (LOG_VERSION, VARIANT_VERSION)
"""The document versions this Parley reads."""
MAX_VARIANT = 40
"""Longest variant id a log may record."""
_VARIANT_ID = re.compile(IDENT_PATTERN)
SCENARIO_SUFFIXES = (".yaml", ".yml")
"""A log may only name a scenario file with one of these suffixes."""


class LogError(Exception):
    """A log or save that cannot be read, verified or written; the message is one line."""


@dataclass(frozen=True)
class Log:
    """A verified log document and the fields a replay needs."""

    path: Path
    document: dict[str, Any]
    """The whole document as read (already checked)."""
    seed: int
    decisions: list[dict[str, Any]]
    turns: list[dict[str, Any]]
    final_hash: str
    scenario_id: str
    scenario_file: str | None
    scenario_sha256: str | None
    players: dict[str, str]
    names: str = "real"
    """``real`` or ``fictional``: the names the game was played with."""
    variant: str | None = None
    """The lesson variant played (None: the scenario as written, also for a log that records none)."""


def read_log(path: str | Path, what: str = "Parley log") -> Log:
    """Read and verify the log or save at ``path``; raise :class:`LogError` saying what is wrong."""
    file = Path(path)
    name = shown(file)
    try:
        data = read_limited(file, MAX_LOG_BYTES, what)
    except FileProblem as exc:
        raise LogError(str(exc)) from None
    document = _parse(data, name, what)
    if not isinstance(document, dict) or document.get("format") != LOG_FORMAT:
        raise LogError(f'{name}: not a {what} (no "format": "{LOG_FORMAT}")')
    version = document.get("version")
    newest = max(READ_VERSIONS)
    if isinstance(version, int) and not isinstance(version, bool) and version > newest:
        raise LogError(f"{name}: written by a newer Parley (version {version}; this one reads {newest}): update Parley")
    if isinstance(version, bool) or version not in READ_VERSIONS:
        raise LogError(f"{name}: {what} version {_short(version)} is not supported (this Parley reads {newest})")
    seed = _field(document, "seed", int, name, what)
    if not -MAX_SEED <= seed <= MAX_SEED:
        raise LogError(f"{name}: damaged {what}: the seed is outside ±{MAX_SEED}")
    decisions = _field(document, "decisions", list, name, what)
    if len(decisions) > MAX_DECISIONS:
        raise LogError(f"{name}: damaged {what}: more than {MAX_DECISIONS} decisions")
    for number, decision in enumerate(decisions, start=1):
        if not isinstance(decision, dict):
            raise LogError(f"{name}: damaged {what}: decision {number} is not an object")
        reason = decision.get("reason")
        if reason is not None and (not isinstance(reason, str) or len(reason) > MAX_REASON):
            raise LogError(f"{name}: damaged {what}: decision {number} has a reason that is not a short text")
    turns = _field(document, "turns", list, name, what)
    if not all(isinstance(t, dict) for t in turns):
        raise LogError(f"{name}: damaged {what}: 'turns' holds something that is not an object")
    final_hash = _field(document, "final_hash", str, name, what)
    info = _field(document, "scenario", dict, name, what)
    scenario_id = info.get("id")
    if not isinstance(scenario_id, str):
        raise LogError(f"{name}: damaged {what}: the scenario has no id")
    scenario_file, digest = info.get("file"), info.get("sha256")
    players = document.get("players", {})
    if not isinstance(players, dict) or not all(isinstance(v, str) for v in players.values()):
        raise LogError(f"{name}: damaged {what}: 'players' is not a mapping of actors to kinds")
    names = document.get("names", "real")
    if names not in NAME_MODES:
        raise LogError(f"{name}: damaged {what}: 'names' must be one of {', '.join(NAME_MODES)}, not {_short(names)}")
    variant = document.get("variant")
    if variant is not None and (
        not isinstance(variant, str) or len(variant) > MAX_VARIANT or not _VARIANT_ID.match(variant)
    ):
        raise LogError(f"{name}: damaged {what}: 'variant' is not a lesson variant id ({_short(variant)})")
    return Log(
        file, document, seed, decisions, turns, final_hash, scenario_id,
        scenario_file if isinstance(scenario_file, str) and scenario_file else None,
        digest if isinstance(digest, str) else None, {str(k): v for k, v in players.items()}, names, variant,
    )  # fmt: skip


def annotate(document: dict[str, Any], *, names: str = "real", variant: str | None = None) -> dict[str, Any]:
    """``document`` (changed in place) with the names and the lesson variant it was played with.

    Only what differs from the defaults is written: a game with real names and no variant gives the
    same document as before these fields existed."""
    if names != "real":
        document["names"] = names
    if variant is not None:
        document["variant"] = variant
        document["version"] = VARIANT_VERSION
    return document


def write_log(path: str | Path, document: dict[str, Any], *, keep_previous: bool = False) -> None:
    """Write a log document atomically (see :func:`game.files.write_atomic`); raise :class:`LogError`."""
    try:
        write_atomic(path, (canonical_json(document) + "\n").encode("utf-8"), keep_previous=keep_previous)
    except FileProblem as exc:
        raise LogError(str(exc)) from None


def load_log_scenario(
    log: Log, override: str | None = None, what: str = "Parley log", names: str = "real"
) -> tuple[CompiledScenario, str, str]:
    """The compiled scenario a log was played with, its file and the SHA-256 of its bytes.

    ``override`` (``--scenario FILE``) is used as given; otherwise the file the log names, then the
    same name beside the log, then a shipped scenario with the log's id. A named file that is not a
    scenario is refused without showing any of its content. ``names`` applies real or fictional names."""
    name = shown(log.path)
    if override is not None:
        candidates = [Path(override)]
    else:
        recorded = log.scenario_file
        candidates = []
        if recorded is not None:
            if not recorded.lower().endswith(SCENARIO_SUFFIXES):
                message = f"the {what} names {shown(recorded)} as its scenario, which is not a .yaml file"
                raise LogError(f"{name}: {message}")
            candidates += [Path(recorded), log.path.parent / recorded]
        candidates += [p for p in shipped_scenarios() if p.stem == log.scenario_id]
        found = [c for c in candidates if c.is_file()]
        if not found:
            raise LogError(f"{name}: its scenario file {shown(recorded or log.scenario_id)} was not found")
        candidates = found[:1]
    file = candidates[0]
    try:
        data = read_limited(file, MAX_SCENARIO_BYTES, "scenario file")
    except FileProblem as exc:
        raise LogError(f"{name}: its scenario cannot be read: {exc}") from None
    try:
        scenario, digest = load_scenario_bytes(data, file.as_posix())
    except ScenarioError as exc:
        detail = ""
        if override is not None and exc.diagnostics:
            detail = ": " + exc.diagnostics[0].format()  # the user chose this file: its first problem helps
        raise LogError(
            f"{name}: its scenario {shown(file)} is not a valid scenario (`parley validate` says why){detail}"
        ) from None
    try:
        scenario = apply_names(scenario, names)
    except ValueError as exc:
        raise LogError(f"{name}: {exc}") from None
    if scenario.meta.id != log.scenario_id:
        raise LogError(
            f"{name}: played with scenario {_short(log.scenario_id)}, but {shown(file)} is {scenario.meta.id!r}"
        )
    try:
        scenario = apply_variant(scenario, log.variant)
    except VariantError:
        declared = ", ".join(v.id for v in scenario.variants) or "none"
        raise LogError(
            f"{name}: played as lesson variant {log.variant!r}, which {shown(file)} does not declare "
            f"(it declares: {declared})"
        ) from None
    compiled = compile_scenario(scenario)
    return compiled, file.as_posix(), digest


# --- strict JSON -----------------------------------------------------------------------------


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class _Refused(ValueError):
    """A value the strict parser does not accept."""


def _number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number with more than {MAX_DIGITS} digits")
    return int(text)


def _decimal(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise _Refused(f"a number with more than {MAX_DIGITS} digits")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused("a number too large for a decimal")
    return value


def _constant(text: str) -> Any:
    raise _Refused(f"{text} is not a number JSON allows")


def _parse(data: bytes, name: str, what: str) -> Any:
    """Strict JSON: bounded numbers and nesting, valid UTF-8, no lone surrogates."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogError(f"{name}: not a {what} (not UTF-8 text at byte {exc.start})") from None
    depth = _nesting(text)
    if depth > MAX_NESTING:
        raise LogError(f"{name}: not a {what}: lists and objects nested more than {MAX_NESTING} deep")
    try:
        document = json.loads(text, parse_int=_number, parse_float=_decimal, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise LogError(f"{name}: not a {what}, or a damaged one ({where})") from None
    except _Refused as exc:
        raise LogError(f"{name}: damaged {what}: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise LogError(f"{name}: damaged {what}: {str(exc).splitlines()[0][:100]}") from None
    for value in _strings(document):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise LogError(f"{name}: damaged {what}: a text holds a lone surrogate (\\ud800-\\udfff)") from None
    return document


def _nesting(text: str) -> int:
    """The deepest nesting of brackets outside strings (regular expressions and one pass; no recursion)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    steps = (1 if c in "[{" else -1 for c in brackets)
    return max(itertools.accumulate(steps, initial=0))


def _strings(value: Any) -> Iterable[str]:
    """Every string in a parsed document, keys included (iteratively: nesting is already bounded)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _field(document: dict[str, Any], key: str, kind: type, name: str, what: str) -> Any:
    value = document.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise LogError(f"{name}: damaged {what}: '{key}' is missing or not a {kind.__name__}")
    return value


def _short(value: object) -> str:
    text = repr(value)
    return shown(text if len(text) <= 40 else text[:37] + "...")
