"""The draft-07 JSON Schema of scenario test files, for editors' completion (``parley schema --tests``)."""

from __future__ import annotations

import json
from typing import Any

from game.authoring.scenario_tests import SuiteFile
from game.scenario.schema import draft07


def tests_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of a scenario test file (``NAME.tests.yaml``, ``tests/NAME.yaml``)."""
    ordered = draft07(SuiteFile.model_json_schema(mode="validation"))
    converted = ordered["definitions"]
    expect = converted["ScenarioTest"]["properties"]["expect"]
    one_or_many = {"anyOf": [{"$ref": "#/definitions/Check"}, {k: v for k, v in expect.items() if k != "description"}]}
    converted["ScenarioTest"]["properties"]["expect"] = {**one_or_many, "description": expect["description"]}
    return ordered


def tests_schema_text() -> str:
    """The test-file schema as the text of ``scenarios/tests.schema.json``."""
    return json.dumps(tests_schema(), indent=2, ensure_ascii=False) + "\n"
