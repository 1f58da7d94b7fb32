"""`parley new`: a starter scenario that validates without errors or warnings and plays with both bots."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.lint import check_and_lint
from game.cli.main import main
from game.engine import compile_scenario
from game.players import make_players, parse_players
from game.runner import play_game
from game.scenario.loader import load_scenario
from game.scenario.schema import schema_text


@pytest.mark.parametrize("actors", [None, "usa,ussr,cuba", "a,b,c,d,e,f,g,h"])
def test_new_scenario_validates_and_plays_20_games_with_both_bots(
    actors: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["new", "crisis", "--dir", str(tmp_path)] + (["--actors", actors] if actors else [])
    assert main(argv) == 0
    assert "wrote" in capsys.readouterr().out
    path = tmp_path / "crisis.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    assert text.count("#") > 40, "the starter explains itself in comments"
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == schema_text()
    assert check_and_lint(path) == [], "no errors and no warnings"
    assert main(["validate", str(path)]) == 0
    scenario = load_scenario(path)
    assert scenario.meta.id == "crisis"
    assert [a.id for a in scenario.actors] == (actors.split(",") if actors else ["northland", "southland"])
    compiled = compile_scenario(scenario)
    endings = set()
    for kind in ("random", "heuristic"):
        for seed in range(10):
            game = play_game(compiled, seed, make_players(parse_players(kind, compiled.actors), seed)).game
            assert game.is_over()
            endings.add(game.state["result"]["ending"])
    assert len(endings) >= 2, f"the starter should not always end the same way: {endings}"


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "crisis.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    assert main(["new", "crisis", "--dir", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == "{}"


def test_an_existing_schema_is_kept(tmp_path: Path) -> None:
    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    assert main(["new", "crisis", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "???"], "has no letters or digits to make an id from"),
        (["new", "x", "--actors", 'UN,"Türkiye"'], "a name cannot hold quotes"),
        (["new", "x", "--actors", "usa"], "2 to 8 actors, got 1"),
        (["new", "x", "--actors", "usa,usa"], "'usa' is named twice"),
        (["new", "x", "--actors", "usa,world"], "'world' cannot be an actor id"),
        (["new", "x", "--actors", "USA,usa"], "'usa' is named twice"),
        (["new", "x", "--dir", "no/such/folder"], "no such folder"),
    ],
)
def test_bad_names_are_one_line(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err


def test_names_are_kept_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", "Black Sea Grain Initiative", "--dir", str(tmp_path), "--actors", "UN,Türkiye,russia, Global South"]
    assert main(argv) == 0
    path = tmp_path / "black_sea_grain_initiative.yaml"
    assert str(path) in capsys.readouterr().out
    assert check_and_lint(path) == []
    scenario = load_scenario(path)
    assert (scenario.meta.id, scenario.meta.title) == ("black_sea_grain_initiative", "Black Sea Grain Initiative")
    assert [(a.id, a.name) for a in scenario.actors] == [
        ("un", "UN"), ("turkiye", "Türkiye"), ("russia", "Russia"), ("global_south", "Global South"),
    ]  # fmt: skip
    assert "You lead Türkiye." in scenario.actors[1].briefing.basic
