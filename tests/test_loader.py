"""The safe scenario loader: every bad fixture gives its exact diagnostics, and no input escapes as a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import compile_scenario
from game.paths import shipped_scenarios
from game.scenario import yaml_safe
from game.scenario.checks import check_references
from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.loader import MAX_DIAGNOSTICS, check_file, check_text, load_scenario, load_scenario_text
from game.scenario.models import Scenario
from game.scenario.yaml_safe import MAX_BYTES, MAX_DEPTH, MAX_NODES, parse_yaml
from tests.conftest import ROOT

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
GOOD = SCENARIOS / "good_minimal.yaml"
BAD = sorted((SCENARIOS / "bad").glob("*.yaml"))


# --- the bad fixtures ------------------------------------------------------------------------


def test_there_is_a_bad_fixture_for_each_listed_problem() -> None:
    assert len(BAD) >= 18
    for path in BAD:
        assert path.with_suffix(".expected").is_file(), f"{path.name} has no .expected file"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_gives_exactly_the_expected_lines(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagnostics name the file relative to tests/scenarios, e.g. ``bad/empty.yaml:1:1: error: ...``."""
    monkeypatch.chdir(SCENARIOS)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    relative = Path("bad") / path.name
    assert [d.format() for d in check_file(relative)] == expected
    with pytest.raises(ScenarioError) as info:
        load_scenario(relative)
    assert str(info.value).splitlines() == expected


# --- valid files ---------------------------------------------------------------------------


def test_good_minimal_loads_compiles_and_has_no_diagnostics() -> None:
    scenario = load_scenario(GOOD)
    assert isinstance(scenario, Scenario)
    assert [a.id for a in scenario.actors] == ["russia", "north_korea"]
    assert check_file(GOOD) == []
    assert check_references(scenario) == []
    compiled = compile_scenario(scenario)
    assert compiled.turn_labels == ("June 2024", "July 2024", "August 2024")


def test_load_scenario_text_matches_load_scenario() -> None:
    text = GOOD.read_text(encoding="utf-8")
    assert load_scenario_text(text, "good.yaml") == load_scenario(GOOD)


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_shipped_scenarios_have_no_diagnostics(path: Path) -> None:
    assert [d.format() for d in check_file(path)] == []


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.read_bytes())
    assert check_file(path) == []


# --- hostile files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        'format: 1\nmeta: !!python/object/apply:os.system ["touch {marker}"]\n',
        'format: 1\nmeta: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n',
        "format: 1\nmeta:\n  id: !!python/object/new:os.system [touch {marker}]\n",
        "format: 1\n!!python/name:os.system : touch {marker}\n",
        "- !!python/object/apply:os.system ['touch {marker}']\n",
        "format: 1\nmeta: !include {marker}\n",
        "format: 1\nmeta: !<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']\n",
    ],
)
def test_tags_are_rejected_and_never_run(template: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(template.format(marker=marker), encoding="utf-8")
    diagnostics = check_file(path)
    assert [d.message for d in diagnostics] == ["tags are not allowed"]
    with pytest.raises(ScenarioError):
        load_scenario(path)
    assert not marker.exists()


def test_billion_laughs_is_rejected_quickly() -> None:
    start = time.perf_counter()
    diagnostics = check_file(SCENARIOS / "bad" / "billion_laughs.yaml")
    assert time.perf_counter() - start < 1.0
    assert [(d.line, d.message) for d in diagnostics] == [(3, "YAML aliases and anchors are not allowed")]


def test_an_alias_without_anchor_is_rejected_too() -> None:
    diagnostics = check_text("format: 1\nmeta: *missing\n", "x.yaml")
    assert [d.format() for d in diagnostics] == ["x.yaml:2:7: error: YAML aliases and anchors are not allowed"]


def test_deep_nesting_is_rejected_without_recursion() -> None:
    text = "a: " + "[" * 10_000 + "]" * 10_000
    [diagnostic] = check_text(text)
    assert f"nested more than {MAX_DEPTH} levels" in diagnostic.message


def test_too_many_nodes_are_rejected() -> None:
    text = "a: [" + "1," * (MAX_NODES + 10) + "1]"
    start = time.perf_counter()
    [diagnostic] = check_text(text)
    assert f"more than {MAX_NODES} values" in diagnostic.message
    assert time.perf_counter() - start < 10


def test_a_file_over_the_size_limit_is_one_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    [diagnostic] = check_file(path)
    assert (diagnostic.line, diagnostic.column) == (1, 1)
    assert "too large" in diagnostic.message
    [diagnostic] = check_text("# " + "x" * MAX_BYTES)
    assert "too large" in diagnostic.message


def test_many_problems_are_capped() -> None:
    text = "format: 1\n" + "".join(f"unknown_{i}: 1\n" for i in range(MAX_DIAGNOSTICS + 50))
    diagnostics = check_text(text)
    assert len(diagnostics) == MAX_DIAGNOSTICS + 1
    assert diagnostics[-1].message.startswith("53 more problems not shown")  # 150 unknown + 3 missing keys


# --- file-level problems ---------------------------------------------------------------------


def test_missing_file_folder_and_empty_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert [d.message for d in check_file(missing)] == [f"no such file: {missing.as_posix()}"]
    assert [d.message for d in check_file(tmp_path)] == ["this is a folder, not a scenario file"]
    blank = tmp_path / "blank.yaml"
    blank.write_text("# nothing here but a comment\n\n", encoding="utf-8")
    assert [d.message for d in check_file(blank)] == ["the file is empty: a scenario starts with 'format: 1'"]


def test_unreadable_file_is_a_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("format: 1\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("game.files.os.open", refuse)
    assert [d.message for d in check_file(path)] == ["cannot read the file: permission denied"]


def test_scenario_error_lists_every_diagnostic_one_per_line() -> None:
    diagnostics = [
        Diagnostic("a.yaml", 3, 5, "error", "unknown key 'efects'; did you mean 'effects'?"),
        Diagnostic("a.yaml", 9, 1, "error", "missing required key 'log'", hint="every move needs a log line"),
    ]
    error = ScenarioError(diagnostics)
    assert error.diagnostics == diagnostics
    assert str(error).splitlines() == [
        "a.yaml:3:5: error: unknown key 'efects'; did you mean 'effects'?",
        "a.yaml:9:1: error: missing required key 'log'",
    ]


def test_format_keeps_one_line_even_for_hostile_text() -> None:
    diagnostic = Diagnostic("x.yaml", 1, 2, "warning", "unknown key 'a\nb\x1b[31m'")
    assert diagnostic.format() == "x.yaml:1:2: warning: unknown key 'a\\nb\\x1b[31m'"


# --- YAML scalars and positions ----------------------------------------------------------------


def test_only_true_and_false_are_booleans() -> None:
    text = "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: true\nh: False\ni: TRUE\n"
    data, _ = parse_yaml(text)
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": "y", "f": "n", "g": True, "h": False, "i": True}


def test_numbers_are_plain_decimal_and_everything_else_stays_text() -> None:
    text = "a: 1:30\nb: 0o12\nc: 0x1f\nd: 010\ne: 12\nf: -3\ng: 1.5\nh: .5\ni: 2e3\nj: 1_000\nk: .inf\nl: 2024-06-19\n"
    data, _ = parse_yaml(text + "m: null\nn: ~\no:\np: '12'\non: 1\n")
    assert data == {
        "a": "1:30", "b": "0o12", "c": "0x1f", "d": "010", "e": 12, "f": -3, "g": 1.5, "h": 0.5, "i": 2000.0,
        "j": "1_000", "k": ".inf", "l": "2024-06-19", "m": None, "n": None, "o": None, "p": "12", "on": 1,
    }  # fmt: skip


def test_source_map_points_at_keys_and_values() -> None:
    data, source = parse_yaml("meta:\n  id: x\nmoves:\n  - {id: a, log: 'hi'}\n")
    assert data == {"meta": {"id": "x"}, "moves": [{"id": "a", "log": "hi"}]}
    assert (source.key(("meta", "id")).line, source.key(("meta", "id")).column) == (2, 3)
    assert (source.value(("meta", "id")).line, source.value(("meta", "id")).column) == (2, 7)
    span = source.value(("moves", 0, "log"))
    assert (span.line, span.column, span.style) == (4, 18, "'")
    assert source.value(("moves", 0, "missing")) == source.value(("moves", 0))


@pytest.mark.parametrize("path", [GOOD, *BAD], ids=["good_minimal", *(p.stem for p in BAD)])
def test_pure_python_parser_gives_the_same_results(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml's events are used when PyYAML has them; PyYAML's own parser must give the same answers."""
    fast = check_file(path)
    monkeypatch.setattr(yaml_safe, "_EVENT_LOADER", yaml.SafeLoader)
    assert check_file(path) == fast


def test_a_yes_in_a_text_field_keeps_the_word() -> None:
    text = GOOD.read_text(encoding="utf-8").replace("name: Russia\n", "name: yes\n")
    assert load_scenario_text(text).actors[0].name == "yes"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("turns: 3", "turns: 1:30", "8:10: error: expected an integer, got '1:30'"),
        ("secret: true", "secret: off", "47:17: error: expected true or false, got 'off'"),
        ("kind: deal", "kind: dael",
         "67:11: error: expected one of 'action', 'deal', got 'dael'; did you mean 'deal'?"),
        ("id: russia", "id: Russia", "13:9: error: expected a name in lower-case letters, digits and underscores, "
         "starting with a letter, got 'Russia'; did you mean 'russia'?"),
        ("{change: target.food, by: 10}", "{change: target.food}", "70:9: error: missing required key 'by'"),
        ("debrief:", "debrif:", "111:1: error: unknown key 'debrif'; did you mean 'debrief'?"),
        ("{change: target.food, by: 10}", "{change: target.fuel, by: 10}",
         "70:18: error: target north_korea has no variable 'fuel'"),
        ("condition: self.food >= 40 and track.partnership >= 'cordial'",
         "condition: >-\n          self.food >= 40 and\n          track.partnership >= 'cordail'",
         "48:32: error: track 'partnership' has no state 'cordail'; did you mean 'cordial'?"),
        ("condition: self.munitions >= 10", "condition: target.munitions >= 10",
         "83:16: error: 'target' can only be used inside a move that has targets"),
        ('log: "{actor} ships shells in secret"', 'log: "{actor} ships shells to {target}"',
         "90:35: error: '{target}' can only be used in a move that has targets"),
        ("{score: russia, points: 1}", "{score: self, points: 1}",
         "109:17: error: 'self' can only be used inside an actor's move, upkeep or objective"),
        ("initial: cool", "initial: cold",
         "54:14: error: track 'partnership' has no state 'cold'; did you mean 'cool'?"),
        ("  - id: north_korea", "  - id: russia", "31:9: error: duplicate actor id 'russia' (also used by entry 1)"),
    ],
)  # fmt: skip
def test_one_change_to_the_good_file_gives_one_precise_diagnostic(old: str, new: str, expected: str) -> None:
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    lines = [d.format() for d in check_text(text.replace(old, new, 1), "g.yaml")]
    assert lines[0] == "g.yaml:" + expected


# --- nothing escapes ---------------------------------------------------------------------------

_FRAGMENTS = [
    "&a ", "*a", "!!python/object:os.system ", "!x ", ": ", "- ", "{", "}", "[", "]", "\n", "  ", "'", '"', "#",
    "yes", "1:30", "~", "0x1f", "\t", "\x00", "\ufeff", "---\n", "? ", "|\n", ">-\n", "{actor}", "{x}", "self.",
    "target.", "track.", "__class__", "(", ")", "'cool'", "-1", "999999999999999999999", "1e999", "\\", "%",
]  # fmt: skip


@st.composite
def mutated_good_file(draw: st.DrawFn) -> str:
    """The good file with a few random edits at random places."""
    text = GOOD.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 12))
        insert = draw(st.sampled_from(_FRAGMENTS) | st.text(max_size=8))
        text = text[:at] + insert + text[at + cut :]
    return text


def _assert_well_formed(diagnostics: object, text_lines: int) -> None:
    assert isinstance(diagnostics, list)
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.line <= text_lines + 2
        assert "\n" not in diagnostic.format()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "random.yaml"
    path.write_bytes(data)
    _assert_well_formed(check_file(path), data.count(b"\n") + 1)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    _assert_well_formed(check_text(text), len(text.splitlines()) + 1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_good_file())
def test_mutated_scenarios_never_raise(text: str) -> None:
    _assert_well_formed(check_text(text), len(text.splitlines()) + 1)


def test_a_scenario_is_hashed_from_the_bytes_it_was_parsed_from(tmp_path: Path) -> None:
    import hashlib

    from game.scenario.loader import load_scenario_file

    path = tmp_path / "s.yaml"
    path.write_bytes((ROOT / "scenarios" / "tutorial.yaml").read_bytes())
    scenario, digest = load_scenario_file(path)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert scenario.meta.id
    # One place: nothing else hashes a scenario file by reading it again.
    again = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "game").rglob("*.py")
        if "read_bytes()).hexdigest()" in p.read_text(encoding="utf-8") and p.name != "watch.py"
    ]
    assert not again, f"hash the bytes the loader read (load_scenario_file), not the file again: {again}"
