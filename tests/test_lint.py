"""Static lint: each fixture gives exactly its expected warnings, and no warning is ever contradicted by play."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.authoring.intervals import Facts, outcomes
from game.authoring.lint import check_and_lint, lint, lint_text
from game.engine import compile_scenario
from game.engine.expressions import Names, compile_condition, new_namespace
from game.players import make_players, parse_players
from game.runner import play_game
from game.scenario.loader import check_file, load_scenario
from tests.conftest import TUTORIAL

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
LINT = sorted((SCENARIOS / "lint").glob("*.yaml"))


@pytest.mark.parametrize("path", LINT, ids=[p.stem for p in LINT])
def test_lint_fixture_gives_exactly_the_expected_warnings(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SCENARIOS)
    relative = Path("lint") / path.name
    assert check_file(relative) == [], "a lint fixture must load without errors"
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    diagnostics = check_and_lint(relative)
    assert [d.format() for d in diagnostics] == expected
    assert all(d.severity == "warning" and d.hint for d in diagnostics)


def test_every_rule_has_a_fixture() -> None:
    text = "\n".join(p.with_suffix(".expected").read_text(encoding="utf-8") for p in LINT)
    for words in ("is never read or changed", "can never be made:", "can never be made by", "no transition enters",
                  "can never be reached from", "objective", "ending", "comes first and always holds",
                  "has no moves", "no questions", "what happened next", "changes what everybody sees"):  # fmt: skip
        assert words in text, f"no lint fixture shows the warning {words!r}"


def test_the_tutorial_has_no_warnings() -> None:
    assert check_and_lint(TUTORIAL) == []


def test_lint_text_of_an_invalid_file_is_empty() -> None:
    assert lint_text("format: 1\nmeta: [", "x.yaml") == []


# --- no warning is contradicted by play ---------------------------------------------------------


@pytest.mark.parametrize("path", [*LINT, TUTORIAL], ids=[*(p.stem for p in LINT), "tutorial"])
def test_what_lint_calls_impossible_never_happens_in_random_games(path: Path) -> None:
    scenario = load_scenario(path)
    warnings = lint(scenario)
    compiled = compile_scenario(scenario)
    made: set[tuple[str, str]] = set()
    entered: set[tuple[str, str]] = set()
    met: set[str] = set()
    endings: set[str] = set()
    for seed in range(25):
        kind = "random" if seed % 2 else "heuristic"
        game = play_game(compiled, seed, make_players(parse_players(kind, compiled.actors), seed)).game
        for entry in game.state["log"]:
            if entry["kind"] in ("move", "deal"):
                made.add((entry["move"], entry["actor"]))
            elif entry["kind"] == "track":
                entered.add((entry["track"], entry["dest"]))
            elif entry["kind"] == "objective":
                met.add(entry["objective"])
        endings.add(game.state["result"]["ending"])
    for warning in warnings:
        section, index = warning.path[0], warning.path[1] if len(warning.path) > 1 else None
        if section == "debrief" or warning.code == "label-too-long":  # a layout finding, not a claim about play
            continue
        assert isinstance(index, int)
        if section == "moves" and "can never be made" in warning.message:
            move = scenario.moves[index].id
            actors = [a for a in scenario.moves[index].actors if f"made by {a}" in warning.message] or list(
                scenario.moves[index].actors
            )
            assert not any((move, a) in made for a in actors), warning
        elif section == "tracks":
            track = scenario.tracks[index]
            state_index = warning.path[3]
            assert isinstance(state_index, int)
            assert (track.id, track.states[state_index]) not in entered, warning
        elif section == "actors" and "objectives" in warning.path:
            actor = scenario.actors[index]
            objective_index = warning.path[3]
            assert isinstance(objective_index, int)
            assert f"{actor.id}.{actor.objectives[objective_index].id}" not in met, warning
        elif section == "endings":
            assert scenario.endings[index].id not in endings, warning


# --- interval reasoning ---------------------------------------------------------------------------

FACTS = Facts(
    variables={"a.x": (0, 100), "a.y": (-10, 10), "b.z": (40, 40), "world.t": (0, 5)},
    flags={"on": frozenset({False, True}), "never": frozenset({False})},
    tracks={"rel": ("hostile", "tense", "neutral", "friendly")},
    track_states={"rel": frozenset({"tense", "neutral"})},
    turns=6,
)


@pytest.mark.parametrize(
    ("text", "can_true", "can_false"),
    [
        ("a.x > 100", False, True),
        ("a.x >= 100", True, True),
        ("a.x < 0 or a.y > 10", False, True),
        ("a.x + a.y > 110", False, True),
        ("a.x * 2 >= 0", True, False),
        ("b.z == 40", True, False),
        ("b.z != 40", False, True),
        ("abs(a.y) > 10", False, True),
        ("min(a.x, a.y) > 10", False, True),
        ("max(a.x, a.y) >= 100", True, True),
        ("clamp(a.x, 10, 20) < 10", False, True),
        ("turn > turns", False, True),
        ("turn <= turns", True, False),
        ("0 <= a.x <= 100", True, False),
        ("10 < a.y < 20", False, True),
        ("flag.never", False, True),
        ("not flag.never", True, False),
        ("flag.on and a.x > 200", False, True),
        ("track.rel == 'hostile'", False, True),
        ("track.rel >= 'tense' and track.rel <= 'neutral'", True, False),
        ("track.rel > 'neutral'", False, True),
        ("(1 if flag.never else 0) > 0", False, True),
        ("a.x / (a.y + 11) > 200", False, True),
        ("a.x % 7 > 7", False, True),
        ("a.x // 3 > 33", False, True),
        ("a.x // 3 >= 33", True, True),
        ("a.x / a.y > 1000", True, True),
        ("a.x > 5 and a.x < 3", True, True),
        ("world.t", True, True),
    ],
)
def test_outcomes(text: str, can_true: bool, can_false: bool) -> None:
    verdict = outcomes(text, FACTS, "a", "b")
    assert (verdict.can_true, verdict.can_false) == (can_true, can_false)


def test_outcomes_names_what_it_read() -> None:
    verdict = outcomes("self.x > target.z and flag.on and track.rel == 'tense'", FACTS, "a", "b")
    assert verdict.names == ("a.x", "b.z", "flag.on", "track.rel")
    assert FACTS.describe("b.z") == "b.z is always 40"
    assert FACTS.describe("flag.never") == "flag.never is always false"
    assert FACTS.describe("track.rel") == "track.rel can only be tense, neutral"


_NAMES = Names(
    variables=frozenset({"a.x", "a.y"}), owners=frozenset({"a", "world"}), tracks={}, flags=frozenset(), self_actor="a"
)
_atoms = st.sampled_from(["a.x", "a.y", "turn", "turns", "3", "-2", "0", "7"])


def _expressions(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _atoms
    inner = _expressions(depth - 1)
    return st.one_of(
        _atoms,
        st.builds(lambda a, op, b: f"({a} {op} {b})", inner, st.sampled_from(["+", "-", "*", "//", "%", "/"]), inner),
        st.builds(lambda f, a, b: f"{f}({a}, {b})", st.sampled_from(["min", "max"]), inner, inner),
        st.builds(lambda a: f"abs({a})", inner),
        st.builds(lambda a, b, c: f"clamp({a}, {b}, {c})", inner, inner, inner),
        st.builds(lambda c, a, b: f"({a} if {c} else {b})", _conditions(depth - 1), inner, inner),
    )


def _conditions(depth: int) -> st.SearchStrategy[str]:
    comparison = st.builds(
        lambda a, op, b: f"{a} {op} {b}",
        _expressions(depth),
        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
        _expressions(depth),
    )
    if depth == 0:
        return comparison
    inner = _conditions(depth - 1)
    return st.one_of(
        comparison,
        st.builds(lambda a, op, b: f"({a} {op} {b})", inner, st.sampled_from(["and", "or"]), inner),
        st.builds(lambda a: f"not ({a})", inner),
    )


@settings(max_examples=300, deadline=None)
@given(_conditions(2), st.lists(st.tuples(st.integers(0, 100), st.integers(-10, 10), st.integers(1, 6)), min_size=20,
                                max_size=20))  # fmt: skip
def test_outcomes_are_never_contradicted_by_evaluation(text: str, samples: list[tuple[int, int, int]]) -> None:
    """Conservative: a sampled value that makes the condition true (false) means it can be true (false)."""
    verdict = outcomes(text, FACTS, "a")
    condition = compile_condition(text, _NAMES)
    for x, y, turn in samples:
        namespace = new_namespace({"a.x": x, "a.y": y}, {}, {})
        namespace["turn"], namespace["turns"] = turn, 6
        try:
            result = bool(condition(namespace))
        except (ZeroDivisionError, OverflowError):
            continue
        if result:
            assert verdict.can_true, f"{text} is true for x={x}, y={y}, turn={turn}"
        else:
            assert verdict.can_false, f"{text} is false for x={x}, y={y}, turn={turn}"
