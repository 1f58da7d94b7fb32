"""The scenario format as JSON Schema draft-07, generated from the pydantic models.

Editors validate and autocomplete YAML with JSON Schema; the most used one
(yaml-language-server) understands draft-07 only, while pydantic writes
2020-12. :func:`scenario_schema` converts:

- ``$defs`` becomes ``definitions`` and every ``$ref`` is rewritten;
- a ``$ref`` with sibling keywords (ignored by draft-07) is wrapped in ``allOf``;
- ``prefixItems`` becomes the array form of ``items`` (and ``items: false`` ``additionalItems: false``);
- a one-value ``const`` also gets ``enum`` (editors complete from ``enum``);
- OpenAPI's ``discriminator`` and keywords draft-07 does not know are dropped.

The shipped copy is ``scenarios/schema.json``; ``parley schema -o scenarios/schema.json``
rewrites it and a test fails when it is out of date. Scenario *test* files have their own
schema, :func:`tests_schema`, shipped as ``scenarios/tests.schema.json``
(``parley schema --tests -o scenarios/tests.schema.json``).
"""

from __future__ import annotations

import json
from typing import Any

from game.scenario.models import Scenario

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

NOT_IN_DRAFT_07 = frozenset(
    {
        "$defs", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$recursiveRef", "$recursiveAnchor",
        "prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas",
        "minContains", "maxContains", "discriminator",
    }
)  # fmt: skip
"""Keywords that must not appear in the converted schema."""


def scenario_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a scenario file."""
    raw = Scenario.model_json_schema(mode="validation")
    definitions = raw.pop("$defs", {})
    root = _convert(raw)
    ordered: dict[str, Any] = {"$schema": DRAFT_07}
    ordered.update(root)
    ordered["definitions"] = {name: _convert(body) for name, body in sorted(definitions.items())}
    return ordered


def schema_text() -> str:
    """The schema as the text of ``scenarios/schema.json`` (stable key order, two-space indent)."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def tests_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a scenario test file (``NAME.tests.yaml``, ``tests/NAME.yaml``)."""
    from game.authoring.scenario_tests import SuiteFile

    raw = SuiteFile.model_json_schema(mode="validation")
    definitions = raw.pop("$defs", {})
    root = _convert(raw)
    ordered: dict[str, Any] = {"$schema": DRAFT_07}
    ordered.update(root)
    converted = {name: _convert(body) for name, body in sorted(definitions.items())}
    expect = converted["ScenarioTest"]["properties"]["expect"]
    one_or_many = {"anyOf": [{"$ref": "#/definitions/Check"}, {k: v for k, v in expect.items() if k != "description"}]}
    converted["ScenarioTest"]["properties"]["expect"] = {**one_or_many, "description": expect["description"]}
    ordered["definitions"] = converted
    return ordered


def tests_schema_text() -> str:
    """The test-file schema as the text of ``scenarios/tests.schema.json``."""
    return json.dumps(tests_schema(), indent=2, ensure_ascii=False) + "\n"


def _convert(node: Any) -> Any:
    """One schema node (recursively) in draft-07 form."""
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "discriminator":
            continue
        if key == "$ref" and isinstance(value, str):
            result[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            result["items"] = _convert(value)
        elif key == "items" and "prefixItems" in node:
            if value is False:
                result["additionalItems"] = False
            else:
                result["additionalItems"] = _convert(value)
        elif key in ("properties", "definitions", "patternProperties"):
            result[key] = {name: _convert(body) for name, body in value.items()}
        else:
            result[key] = _convert(value)
    if "const" in result and "enum" not in result:
        result["enum"] = [result["const"]]
    if "$ref" in result and len(result) > 1:
        ref = result.pop("$ref")
        result = {"allOf": [{"$ref": ref}], **result}
    return result


def walk(node: Any) -> list[dict[str, Any]]:
    """Every mapping in a schema, depth first (for checks over the whole schema)."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            found.append(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found
