"""The shipped JSON Schema: draft-07, up to date, described, and in agreement with the loader on shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from game.engine.expressions import FUNCTIONS
from game.scenario.models import Scenario
from game.scenario.schema import DRAFT_07, NOT_IN_DRAFT_07, scenario_schema, schema_text, walk
from game.scenario.yaml_safe import YamlError, parse_yaml
from tests.conftest import ROOT, SHIPPED, SHIPPED_IDS

SCHEMA_FILE = ROOT / "scenarios" / "schema.json"
MODELINE = "# yaml-language-server: $schema=schema.json"
BAD = sorted((ROOT / "tests" / "scenarios" / "bad").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_shipped_schema_is_what_the_models_generate() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "scenarios/schema.json is out of date: run `parley schema -o scenarios/schema.json`"
    )


def test_schema_is_draft_07_only() -> None:
    schema = scenario_schema()
    assert schema["$schema"] == DRAFT_07
    jsonschema.Draft7Validator.check_schema(schema)
    used = {key for node in walk(schema) for key in node}
    assert used & NOT_IN_DRAFT_07 == set()
    for node in walk(schema):
        ref = node.get("$ref")
        if isinstance(ref, str):
            assert ref.startswith("#/definitions/"), ref
            assert ref.rsplit("/", 1)[-1] in schema["definitions"], ref
            assert set(node) == {"$ref"}, f"draft-07 ignores keywords beside $ref: {node}"


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for node in walk(schema):
        for name, body in node.get("properties", {}).items():
            found.append((f"{node.get('title', '?')}.{name}", body))
    return found


def test_every_property_has_a_description() -> None:
    properties = _properties(scenario_schema())
    assert len(properties) > 100
    missing = [name for name, body in properties if not body.get("description", "").strip()]
    assert missing == [], f"add a description to these fields in game/scenario/models.py: {missing}"


def test_condition_help_names_every_function() -> None:
    described = [node["description"] for node in walk(scenario_schema()) if "A condition such as" in node.get(
        "description", "")]  # fmt: skip
    assert described
    for name in FUNCTIONS:
        assert all(name in text for text in described), f"the condition description does not mention {name}()"


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_shipped_scenario_validates_against_the_shipped_schema(
    path: Path, validator: jsonschema.Draft7Validator
) -> None:
    data, _ = parse_yaml(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_shipped_scenario_starts_with_the_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE, f"{path.name} must start with the line {MODELINE!r}"


def _shape(path: Path) -> tuple[Any, bool]:
    """The fixture's data and whether pydantic rejects its shape (None when the YAML itself is refused)."""
    try:
        data, _ = parse_yaml(path.read_bytes().decode("utf-8"))
    except (YamlError, UnicodeDecodeError):
        return None, False
    if data is None:
        return None, False
    try:
        Scenario.model_validate(data, strict=True)
    except ValidationError:
        return data, True
    return data, False


def test_the_shape_fixtures_are_the_expected_ones() -> None:
    shape_errors = {p.stem for p in BAD if _shape(p)[1]}
    assert {"misspelt_key", "missing_key", "wrong_type", "yes_for_bool", "unknown_effect_key", "top_level_list"} <= (
        shape_errors
    )
    assert "unknown_actor" not in shape_errors, "a cross-reference problem is not a shape error"


PARSED = [p for p in BAD if _shape(p)[0] is not None]
"""The bad fixtures the YAML reader accepts (the others have no data to check against a schema)."""


@pytest.mark.parametrize("path", PARSED, ids=[p.stem for p in PARSED])
def test_schema_and_loader_agree_on_each_bad_fixture(path: Path, validator: jsonschema.Draft7Validator) -> None:
    assert len(PARSED) >= 15
    data, shape_error = _shape(path)
    rejected = not validator.is_valid(data)
    assert rejected == shape_error, (
        f"{path.name}: the loader {'rejects' if shape_error else 'accepts'} its shape but the schema "
        f"{'rejects' if rejected else 'accepts'} it"
    )


def test_schema_command_prints_or_writes_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.main import main

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert main(["schema", "-o", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
