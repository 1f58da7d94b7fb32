"""What a scenario file defines and where: the editor's view of one document.

:func:`build_index` reads YAML text (with the safe reader, so nothing runs) into a
:class:`ScenarioIndex`: every actor, variable, track, state, trigger, flag, move, event
and ending the file defines, each with the position of its id and a Markdown text made
from the author's own labels and the format's field descriptions. The index answers the
three questions an editor asks about a position: what could be written here
(:meth:`~ScenarioIndex.complete`), what is this (:meth:`~ScenarioIndex.hover`) and where
is it defined (:meth:`~ScenarioIndex.definition`).

It works on the data alone, so a file with shape errors (but readable YAML) still gets
completion and navigation. Lines and columns here are 0-based, as in the Language Server
Protocol; the loader's diagnostics are 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from game.engine.expressions import FUNCTIONS, KEYWORD_NAMES
from game.scenario import models
from game.scenario.diagnostics import DataPath
from game.scenario.loader import field_description
from game.scenario.yaml_safe import SourceMap, Span, YamlError, parse_yaml

__all__ = ["Completion", "Location", "ScenarioIndex", "Symbol", "build_index"]

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")
_MEMBER_PREFIX = re.compile(r"([a-z_][a-z0-9_]*)\.([a-z0-9_]*)$")
_BARE_PREFIX = re.compile(r"([a-z_][a-z0-9_]*)?$")
HEADS = ("world", "self", "target", "track", "flag")
"""Names that start a dotted reference besides actor ids."""


@dataclass(frozen=True)
class Location:
    """A range in the document, 0-based, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Symbol:
    """Something the scenario defines."""

    kind: str
    """actor, variable, track, state, trigger, flag, move, event or ending."""
    name: str
    """How it is written where it is used: ``russia``, ``russia.munitions``, ``partnership.cordial``."""
    location: Location
    """Where its id is written."""
    doc: str
    """Markdown shown on hover and beside a completion."""
    detail: str = ""
    """One short line: the author's label and the kind."""


@dataclass(frozen=True)
class Completion:
    """One completion offered at a position."""

    label: str
    kind: str
    detail: str
    doc: str


@dataclass
class ScenarioIndex:
    """The symbols of one document and the source map they were read from."""

    source: SourceMap
    data: Any
    symbols: dict[tuple[str, str], Symbol] = field(default_factory=dict)

    # --- the three questions --------------------------------------------------------------

    def complete(self, line_text: str, line: int, column: int) -> list[Completion]:
        """What may be written at (line, column) given the text of that line up to the cursor."""
        before = line_text[:column]
        context = self.path_at(line, column)
        member = _MEMBER_PREFIX.search(before)
        if member:
            return self._members(member.group(1), context)
        if not _BARE_PREFIX.search(before):
            return []
        kinds = _context_kinds(context)
        quoted = before.count("'") % 2 == 1 or before.count('"') % 2 == 1
        if quoted and "state" not in kinds:
            kinds = ("state", *kinds)
        result: list[Completion] = []
        for kind in kinds:
            result += self._bare(kind, context)
        return list({c.label: c for c in result}.values())

    def hover(self, line_text: str, line: int, column: int) -> str | None:
        """Markdown about the reference or the key at (line, column), or None."""
        key = self._key_at(line, column)
        if key is not None:
            description = field_description(key, self.data)
            if description:
                return f"**{key[-1]}**: {description}"
        symbol = self.resolve(line_text, line, column)
        return symbol.doc if symbol else None

    def definition(self, line_text: str, line: int, column: int) -> Location | None:
        """Where the reference at (line, column) is defined, or None."""
        symbol = self.resolve(line_text, line, column)
        return symbol.location if symbol else None

    # --- resolving a word -----------------------------------------------------------------

    def resolve(self, line_text: str, line: int, column: int) -> Symbol | None:
        """The symbol the (dotted) word under the cursor refers to."""
        word = word_at(line_text, column)
        if word is None:
            return None
        context = self.path_at(line, column)
        if "." in word:
            head, tail = word.split(".", 1)
            on_head = column <= _word_start(line_text, column) + len(head)
            for kind in ("actor", "track"):
                if on_head and (kind, head) in self.symbols:
                    return self.symbols[kind, head]
            return self._dotted(head, tail, context)
        if len(context) >= 5 and context[0] == "moves" and context[2] == "per_actor" and isinstance(context[4], str):
            found = self.symbols.get(("variable", f"{context[4]}.{word}"))  # per_actor: NAME: {ACTOR: VARIABLE}
            if found is not None:
                return found
        for kind in (*_context_kinds(context), "actor", "flag", "track", "move", "event", "ending"):
            found = self._bare_symbol(kind, word, context)
            if found is not None:
                return found
        states = [s for (kind, name), s in self.symbols.items() if kind == "state" and name.endswith(f".{word}")]
        if states:
            return states[0]
        own = _actor_of(context, self.data)
        return self.symbols.get(("variable", f"{own}.{word}")) if own else None

    def _dotted(self, head: str, tail: str, context: DataPath) -> Symbol | None:
        if head == "track":
            return self.symbols.get(("track", tail))
        if head == "flag":
            return self.symbols.get(("flag", tail))
        if head in ("self", "target"):
            for actor in self._context_actors(head, context):
                own = _per_actor(self.data, context).get(tail, {}).get(actor, tail)
                found = self.symbols.get(("variable", f"{actor}.{own}"))
                if found is not None:
                    return found
            return None
        for kind in ("variable", "trigger"):
            found = self.symbols.get((kind, f"{head}.{tail}"))
            if found is not None:
                return found
        return None

    def _bare_symbol(self, kind: str, word: str, context: DataPath) -> Symbol | None:
        if kind == "state":
            track = _track_of(context, self.data)
            return self.symbols.get(("state", f"{track}.{word}")) if track else None
        if kind == "head":
            return self.symbols.get(("actor", word))
        return self.symbols.get((kind, word))

    def _context_actors(self, head: str, context: DataPath) -> list[str]:
        """Who ``self`` (or ``target``) can be at this place of the file."""
        actors = [name for kind, name in self.symbols if kind == "actor"]
        own = _actor_of(context, self.data)
        if own:
            return [own]
        move = _item(self.data, context, "moves")
        if isinstance(move, dict):
            listed = move.get("actors" if head == "self" else "targets")
            if isinstance(listed, list):
                return [a for a in listed if isinstance(a, str)] + actors
        return actors

    # --- completion lists --------------------------------------------------------------------

    def _members(self, head: str, context: DataPath) -> list[Completion]:
        if head in ("track", "flag"):
            return [self._completion(s, s.name) for (k, _), s in self.symbols.items() if k == head]
        if head in ("self", "target"):
            seen: dict[str, Completion] = {}
            for name, mapping in _per_actor(self.data, context).items():
                means = ", ".join(f"{actor}.{variable}" for actor, variable in mapping.items())
                seen[name] = Completion(name, "variable", f"shared name: {means}",
                                        f"`self.{name}`: each actor's own variable ({means}), from `per_actor`")
            for actor in self._context_actors(head, context):
                for (kind, name), symbol in self.symbols.items():
                    if kind == "variable" and name.startswith(f"{actor}."):
                        seen.setdefault(name.split(".", 1)[1], self._completion(symbol, name.split(".", 1)[1]))
            return list(seen.values())
        result = []
        for (kind, name), symbol in self.symbols.items():
            if kind in ("variable", "trigger") and name.startswith(f"{head}."):
                result.append(self._completion(symbol, name.split(".", 1)[1]))
        return result

    def _bare(self, kind: str, context: DataPath) -> list[Completion]:
        if kind == "head":
            heads = [self._completion(s, s.name) for (k, _), s in self.symbols.items() if k == "actor"]
            heads += [Completion(h, "keyword", _HEAD_DETAIL[h], _HEAD_DETAIL[h]) for h in HEADS]
            return heads
        if kind == "expression":
            names = [Completion(n, "keyword", _HEAD_DETAIL[n], _HEAD_DETAIL[n]) for n in KEYWORD_NAMES]
            names += [Completion(f, "function", f"{f}(…)", f"A condition function: `{f}`") for f in FUNCTIONS]
            return [*self._bare("head", context), *names]
        if kind == "state":
            track = _track_of(context, self.data)
            states = [
                s for (k, n), s in self.symbols.items() if k == "state" and (not track or n.startswith(f"{track}."))
            ]
            return [self._completion(s, s.name.split(".", 1)[1]) for s in states]
        return [self._completion(s, s.name) for (k, _), s in self.symbols.items() if k == kind]

    @staticmethod
    def _completion(symbol: Symbol, label: str) -> Completion:
        return Completion(label, symbol.kind, symbol.detail, symbol.doc)

    # --- positions -----------------------------------------------------------------------------

    def path_at(self, line: int, column: int) -> DataPath:
        """The deepest data path whose value (or key) is written around (line, column)."""
        best: DataPath = ()
        for spans in (self.source.values, self.source.keys):
            for path, span in spans.items():
                if len(path) > len(best) and _contains(span, line, column):
                    best = path
        return best

    def _key_at(self, line: int, column: int) -> DataPath | None:
        for path, span in self.source.keys.items():
            if _contains(span, line, column):
                return path
        return None


_HEAD_DETAIL = {
    "world": "world.VARIABLE: a shared variable",
    "self": "self.VARIABLE: a variable of the actor making the move (or owning the objective)",
    "target": "target.VARIABLE: a variable of the move's target",
    "track": "track.ID: the current state of a track",
    "flag": "flag.ID: whether a flag is set",
    "turn": "turn: the current turn (1 = first)",
    "turns": "turns: the number of turns in a full game",
}


def _contains(span: Span, line: int, column: int) -> bool:
    """Whether the 1-based ``span`` covers the 0-based position (its end included, for a word being typed)."""
    start = (span.line - 1, span.column - 1)
    end = (span.end_line - 1, span.end_column - 1)
    return start <= (line, column) <= end


def word_at(line_text: str, column: int) -> str | None:
    """The (dotted) identifier that covers ``column`` in ``line_text``."""
    for match in _WORD.finditer(line_text):
        if match.start() <= column <= match.end():
            return match.group(0)
    return None


def _word_start(line_text: str, column: int) -> int:
    """Where the word that covers ``column`` starts."""
    for match in _WORD.finditer(line_text):
        if match.start() <= column <= match.end():
            return match.start()
    return column


def _context_kinds(context: DataPath) -> tuple[str, ...]:
    """Which kinds of names fit the value at ``context``, best first."""
    keys = [step for step in context if isinstance(step, str)]
    last = keys[-1] if keys else ""
    if context and context[0] == "tracks" and last in ("source", "dest", "initial", "states"):
        return ("state",)
    if context and context[0] == "moves" and last in ("actors", "targets", "actor", "parties"):  # a deal's party
        return ("actor",)
    if last == "score":
        return ("actor",)
    if last == "flag":
        return ("flag",)
    if last == "end":
        return ("ending",)
    if last in ("change", "set", "values", "cost"):
        return ("head",)
    if last in ("condition", "when", "detection", "if", "by_expr", "to_expr", "points_expr"):
        return ("expression",)
    if last == "track_values":
        return ("track",)
    return ("head", "move", "event")


def _item(data: Any, context: DataPath, section: str) -> Any:
    """The entry of a top-level list (``moves``, ``actors``…) that ``context`` lies in."""
    if len(context) >= 2 and context[0] == section and isinstance(data, dict):
        items = data.get(section)
        if isinstance(items, list) and isinstance(context[1], int) and context[1] < len(items):
            return items[context[1]]
    return None


def _per_actor(data: Any, context: DataPath) -> dict[str, dict[str, str]]:
    """The ``per_actor`` names of the move ``context`` lies in (those well formed), else nothing."""
    move = _item(data, context, "moves")
    mapping = move.get("per_actor") if isinstance(move, dict) else None
    if not isinstance(mapping, dict):
        return {}
    return {str(name): {str(a): str(v) for a, v in actors.items()} for name, actors in mapping.items()
            if isinstance(actors, dict)}  # fmt: skip


def _actor_of(context: DataPath, data: Any) -> str | None:
    actor = _item(data, context, "actors")
    return actor.get("id") if isinstance(actor, dict) and isinstance(actor.get("id"), str) else None


def _track_of(context: DataPath, data: Any) -> str | None:
    track = _item(data, context, "tracks")
    return track.get("id") if isinstance(track, dict) and isinstance(track.get("id"), str) else None


# --- building the index ---------------------------------------------------------------------------


def build_index(text: str) -> ScenarioIndex | None:
    """The index of a scenario document, or None when its YAML cannot be read."""
    try:
        data, source = parse_yaml(text)
    except YamlError:
        return None
    index = ScenarioIndex(source, data)
    if isinstance(data, dict):
        _Collector(index).collect(data)
    return index


def _entries(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping entries of a list that have a text ``id``."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _model_doc(model: type[models.Strict]) -> str:
    return f"*{model.__name__}*: {(model.__doc__ or '').strip()}"


class _Collector:
    def __init__(self, index: ScenarioIndex) -> None:
        self.index = index

    def add(self, kind: str, name: str, path: DataPath, doc: str, detail: str) -> None:
        span = self.index.source.value(path)
        location = Location(span.line - 1, span.column - 1, span.end_line - 1, span.end_column - 1)
        self.index.symbols.setdefault((kind, name), Symbol(kind, name, location, doc, detail))

    def collect(self, data: dict[str, Any]) -> None:
        self.variables("world", ("world",), data.get("world"))
        for i, actor in _entries(data.get("actors")):
            name = _text(actor.get("name")) or actor["id"]
            leaders = ", ".join(x for x in actor.get("leaders", []) if isinstance(x, str)) if isinstance(
                actor.get("leaders"), list) else ""  # fmt: skip
            doc = f"**{name}** — actor `{actor['id']}`" + (f"\n\nLeaders: {leaders}" if leaders else "")
            if actor.get("playable") is False:
                doc += "\n\nAlways played by a bot."
            self.add("actor", actor["id"], ("actors", i, "id"), f"{doc}\n\n{_model_doc(models.Actor)}", name)
            self.variables(actor["id"], ("actors", i, "variables"), actor.get("variables"))
        for i, track in _entries(data.get("tracks")):
            self.track(i, track)
        for i, flag in _entries(data.get("flags")):
            label = _text(flag.get("label"))
            initially = "set" if flag.get("initial") is True else "clear"
            doc = f"**{label or flag['id']}** — flag `flag.{flag['id']}`, initially {initially}"
            self.add("flag", flag["id"], ("flags", i, "id"), f"{doc}\n\n{_model_doc(models.Flag)}", label)
        for section, kind, model, title in (
            ("moves", "move", models.Move, "name"),
            ("events", "event", models.Event, "title"),
            ("endings", "ending", models.Ending, "title"),
        ):
            for i, item in _entries(data.get(section)):
                label = _text(item.get(title))
                about = _text(item.get("description") or item.get("news") or item.get("text"))
                doc = f"**{label or item['id']}** — {kind} `{item['id']}`"
                if kind == "move" and isinstance(item.get("actors"), list):
                    doc += f" (by {', '.join(str(a) for a in item['actors'])})"
                if kind == "event" and isinstance(item.get("turn"), int):
                    doc += f", turn {item['turn']}"
                doc += (f"\n\n{about[:300]}" if about else "") + f"\n\n{_model_doc(model)}"
                self.add(kind, item["id"], (section, i, "id"), doc, label)

    def variables(self, owner: str, path: DataPath, value: Any) -> None:
        for j, variable in _entries(value):
            label = _text(variable.get("label"))
            low, high = variable.get("min", 0), variable.get("max", 100)
            doc = f"**{label or variable['id']}** — `{owner}.{variable['id']}`, {low}..{high}, starts at "
            doc += f"{variable.get('start')}, {variable.get('visibility', 'public')}"
            if isinstance(variable.get("critical"), int):
                doc += f", critical below {variable['critical']}"
            about = _text(variable.get("description"))
            doc += (f"\n\n{about}" if about else "") + f"\n\n{_model_doc(models.Variable)}"
            self.add("variable", f"{owner}.{variable['id']}", (*path, j, "id"), doc, label)

    def track(self, i: int, track: dict[str, Any]) -> None:
        ident = track["id"]
        name = _text(track.get("name")) or ident
        listed = track.get("states")
        listed = listed if isinstance(listed, list) else []
        states = [s for s in listed if isinstance(s, str)]
        labels: dict[str, Any] = track["labels"] if isinstance(track.get("labels"), dict) else {}
        doc = f"**{name}** — track `track.{ident}`: {' < '.join(states)}, starts at {track.get('initial')}"
        about = _text(track.get("description"))
        self.add("track", ident, ("tracks", i, "id"), doc + (f"\n\n{about}" if about else "") + "\n\n"
                 + _model_doc(models.Track), name)  # fmt: skip
        for j, state in enumerate(listed):
            if isinstance(state, str):
                shown = labels.get(state) if isinstance(labels.get(state), str) else state
                doc = f"**{shown}** — state {j + 1} of {len(states)} of track `{ident}` ({name})"
                self.add("state", f"{ident}.{state}", ("tracks", i, "states", j), doc, str(shown))
        transitions = track["transitions"] if isinstance(track.get("transitions"), list) else []
        for k, transition in enumerate(transitions):
            if isinstance(transition, dict) and isinstance(transition.get("trigger"), str):
                trigger = transition["trigger"]
                source = transition.get("source")
                sources = ", ".join(source) if isinstance(source, list) else str(source)
                doc = f"**{ident}.{trigger}** — trigger of track `{ident}`: {sources} → {transition.get('dest')}"
                if isinstance(transition.get("condition"), str):
                    doc += f" when `{transition['condition']}`"
                self.add("trigger", f"{ident}.{trigger}", ("tracks", i, "transitions", k, "trigger"), doc, trigger)
