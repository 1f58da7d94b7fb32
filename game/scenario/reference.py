"""The format reference of docs/authoring.md, generated from the models, the effects and the expression functions.

Every table is built from :func:`game.scenario.schema.scenario_schema` (so from the
models' field descriptions), from :data:`game.scenario.models.EFFECT_CLASSES` and from
:data:`game.engine.expressions.FUNCTIONS`. ``parley schema --reference -o docs/authoring.md``
rewrites the section between :data:`BEGIN` and :data:`END`; a test fails when the
document is out of date.
"""

from __future__ import annotations

import inspect
import re
import typing
from typing import Any

from game.engine.expressions import FUNCTIONS, KEYWORD_NAMES
from game.scenario import models
from game.scenario.models import EFFECT_CLASSES, IDENT_PATTERN, Expr
from game.scenario.schema import scenario_schema

BEGIN = "<!-- BEGIN GENERATED REFERENCE: `parley schema --reference -o docs/authoring.md` rewrites this section -->"
END = "<!-- END GENERATED REFERENCE -->"

FUNCTION_HELP: dict[str, tuple[str, str]] = {
    "min": ("min(a, b, ...)", "The smallest of its arguments."),
    "max": ("max(a, b, ...)", "The largest of its arguments."),
    "abs": ("abs(x)", "x without its sign: abs(-3) is 3."),
    "round": ("round(x) / round(x, n)", "x rounded to the nearest integer (or to n decimals)."),
    "clamp": ("clamp(x, low, high)", "x limited to the range low..high."),
    "floor": ("floor(x)", "The largest integer not above x."),
    "ceil": ("ceil(x)", "The smallest integer not below x."),
}
"""Signature and one line for each expression function (a new function without an entry uses its docstring)."""

_PATTERN_NAMES = {
    IDENT_PATTERN: "identifier",
    r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$": "reference `A.B`",
    r"^#[0-9a-fA-F]{6}$": "colour `#RRGGBB`",
    r"^\d{4}-\d{2}-\d{2}$": "date `YYYY-MM-DD`",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "date `YYYY[-MM[-DD]]`",
}


def reference_markdown() -> str:
    """The whole generated section, markers included, ending with a newline."""
    schema = scenario_schema()
    definitions: dict[str, Any] = schema["definitions"]
    effect_names = {cls.__name__ for cls in EFFECT_CLASSES.values()}
    lines = [BEGIN, "", "## Reference", ""]
    lines += [
        "Generated from the scenario models (`game/scenario/models.py`), the effect types and the expression",
        "functions (`game/engine/expressions.py`). Keys marked *required* must be present; every other key",
        "may be left out and takes the default shown.",
        "",
    ]
    for name in _model_order(schema, definitions):
        if name in effect_names:
            continue
        body = schema if name == "Scenario" else definitions[name]
        heading = "Scenario (the top level of the file)" if name == "Scenario" else name
        lines += _model_section(heading, body, definitions, name)
    lines += _effects_section(definitions)
    lines += _conditions_section()
    lines += [END, ""]
    return "\n".join(lines)


def splice(document: str, section: str) -> str:
    """``document`` with the text between the markers replaced by ``section`` (appended if there are no markers)."""
    start = document.find(BEGIN)
    end = document.find(END)
    if start < 0 or end < start:
        return document.rstrip("\n") + "\n\n" + section
    return document[:start] + section.rstrip("\n") + document[end + len(END) :]


def current_section(document: str) -> str | None:
    """The generated section as it is in ``document`` (None when the markers are missing)."""
    start = document.find(BEGIN)
    end = document.find(END)
    if start < 0 or end < start:
        return None
    return document[start : end + len(END)] + "\n"


# --- models ------------------------------------------------------------------------------


def _model_order(schema: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    """Scenario first, then every model in the order the file mentions it (breadth first)."""
    order = ["Scenario"]
    queue = [schema]
    while queue:
        body = queue.pop(0)
        for prop in body.get("properties", {}).values():
            for ref in _refs(prop):
                if ref not in order:
                    order.append(ref)
                    queue.append(definitions[ref])
    return order


def _refs(node: Any) -> list[str]:
    """Names of the definitions a schema node refers to, in order."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.append(ref.rsplit("/", 1)[-1])
        for value in node.values():
            found += _refs(value)
    elif isinstance(node, list):
        for item in node:
            found += _refs(item)
    return found


def _model_section(heading: str, body: dict[str, Any], definitions: dict[str, Any], model: str) -> list[str]:
    lines = [f"### {heading}", "", _cell(body.get("description", "")), ""]
    lines += ["| key | type | default | description |", "|---|---|---|---|"]
    required = set(body.get("required", []))
    conditions = _condition_fields(model)
    for key, prop in body.get("properties", {}).items():
        default = "*required*" if key in required else _default(prop)
        kind = _type(prop, definitions)
        if key in conditions:
            kind = kind.replace("text", CONDITION, 1) if "text" in kind else CONDITION
        lines.append(f"| `{key}` | {kind} | {default} | {_cell(prop.get('description', ''))} |")
    return [*lines, ""]


CONDITION = "[condition](#conditions)"


def _condition_fields(model: str) -> set[str]:
    """Fields of the model class ``model`` whose type is (or includes) a condition (:data:`Expr`)."""
    cls = getattr(models, model, None)
    if cls is None:
        return set()
    hints = typing.get_type_hints(cls, include_extras=True)
    return {name for name, hint in hints.items() if hint == Expr or Expr in typing.get_args(hint)}


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return "empty" if prop.get("type") in ("array", "object") or "allOf" in prop else "none"
    value = prop["default"]
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    return f"`{value}`"


def _type(node: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A short human name for the type a schema node accepts."""
    if "allOf" in node and len(node["allOf"]) == 1:
        return _type(node["allOf"][0], definitions)
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "oneOf" in node:
        names = {ref for option in node["oneOf"] for ref in _refs(option)}
        if names == {cls.__name__ for cls in EFFECT_CLASSES.values()}:
            return "[effect](#effects)"
        return " or ".join(_type(option, definitions) for option in node["oneOf"])
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        return " or ".join(_type(option, definitions) for option in options)
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "string":
        return _PATTERN_NAMES.get(node.get("pattern", ""), "text")
    if kind in ("integer", "number"):
        word = "integer" if kind == "integer" else "number"
        limits = [f"≥ {node['minimum']}"] if "minimum" in node else []
        limits += [f"≤ {node['maximum']}"] if "maximum" in node else []
        return f"{word} ({', '.join(limits)})" if limits else word
    if kind == "boolean":
        return "`true` / `false`"
    if kind == "array":
        return "list of " + _type(node.get("items", {}), definitions)
    if kind == "object":
        values = node.get("additionalProperties")
        inner = _type(values, definitions) if isinstance(values, dict) else "value"
        return f"mapping of name to {inner}"
    return "value"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


# --- effects and conditions ----------------------------------------------------------------------


def _effects_section(definitions: dict[str, Any]) -> list[str]:
    lines = [
        "### Effects",
        "",
        "An effect is a mapping whose first key says what it does. Effects appear in a move's `effects`, "
        "`offer`, `ask` and `on_detect`, an event's `effects` and an ending's `effects`; they apply in order. "
        "Any effect may have `if: CONDITION` (it applies only when the condition holds then); `change`, `set` and "
        "`score` take their amount from an expression with `by_expr`, `to_expr` and `points_expr`; a `flag` "
        "may last `turns: N`; `end` ends the game at once. See *More effects* after this reference.",
        "",
        "| effect | example | what it does |",
        "|---|---|---|",
    ]
    for key, cls in EFFECT_CLASSES.items():
        lines.append(f"| `{key}` | `{_example(key)}` | {_cell(cls.__doc__ or '')} |")
    lines.append("")
    for key, cls in EFFECT_CLASSES.items():
        lines += _model_section(f"Effect: {key}", definitions[cls.__name__], definitions, cls.__name__)
    return lines


def _example(key: str) -> str:
    examples = {
        "change": "{change: self.food, by: -5}",
        "set": "{set: world.tension, to: 50}",
        "trigger": "{trigger: partnership.warm}",
        "flag": "{flag: exposed, value: true}",
        "score": "{score: self, points: 2}",
        "end": "{end: collapse, if: \"world.tension >= 90\"}",
    }
    return examples.get(key, f"{{{key}: ...}}")


def _conditions_section() -> list[str]:
    lines = [
        "### Conditions",
        "",
        "A condition is one expression, checked when the scenario is loaded and evaluated with no access to "
        "anything but the game's numbers.",
        "",
        "| name | meaning |",
        "|---|---|",
        "| `ACTOR.VARIABLE` | an actor's variable, e.g. `russia.munitions` |",
        "| `world.VARIABLE` | a shared variable |",
        "| `self.VARIABLE` | the acting actor's variable (in a move, an upkeep or an objective) |",
        "| `target.VARIABLE` | the target's variable (in a move that has targets) |",
        "| `track.ID` | a track's state, compared with a quoted state: `track.partnership >= 'cordial'` "
        "(states compare by their order) |",
        "| `flag.ID` | a flag: `true` or `false` |",
    ]
    keyword_help = {"turn": "the current turn, from 1", "turns": "the number of turns in the game"}
    for name in KEYWORD_NAMES:
        lines.append(f"| `{name}` | {keyword_help.get(name, name)} |")
    lines += [
        "",
        "Operators: `and`, `or`, `not`; comparisons `==`, `!=`, `<`, `<=`, `>`, `>=` (chains such as "
        "`10 <= x < 20` work); arithmetic `+`, `-`, `*`, `/`, `//`, `%`; `A if CONDITION else B`; "
        "`true` and `false`.",
        "",
        "| function | what it does |",
        "|---|---|",
    ]
    for name, function in FUNCTIONS.items():
        signature, text = FUNCTION_HELP.get(name, (f"{name}(...)", _first_line(function)))
        lines.append(f"| `{signature}` | {_cell(text)} |")
    return [*lines, ""]


def _first_line(function: Any) -> str:
    doc = inspect.getdoc(function) or ""
    return doc.splitlines()[0] if doc else ""
