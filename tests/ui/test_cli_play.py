"""`parley play`: the headless bots-only run with screenshots, and its one-line errors."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.cli.main import main
from tests.ui.conftest import ROOT, TUTORIAL


def test_until_end_plays_through_the_screens_and_saves_the_debrief(tmp_path: Path) -> None:
    shot = tmp_path / "debrief.png"
    folder = tmp_path / "shots"
    code = main(["play", str(TUTORIAL), "--all-bots", "--until-end", "--seed", "4", "--screenshot", str(shot),
                 "--screenshot-dir", str(folder), "--save-dir", str(tmp_path / "saves")])  # fmt: skip
    assert code == 0
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)
    names = sorted(p.name for p in folder.glob("*.png"))
    assert names[0] == "01-setup.png"
    assert any("board-turn1-public" in n for n in names)
    assert any("summary-turn1" in n for n in names)
    assert {"debrief-results", "debrief-hidden-moves", "debrief-charts", "debrief-discussion"} <= {
        n.split("-", 1)[1].removesuffix(".png") for n in names
    }


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["play", str(TUTORIAL), "--until-end"], 2, "needs a bot in every seat"),
        (["play", "--until-end"], 2, "needs a SCENARIO"),
        (["play", "nowhere.yaml"], 1, "no such file"),
        (["play", str(TUTORIAL), "--players", "mars=human"], 2, "unknown actor 'mars'"),
        (["play", str(TUTORIAL), "--screenshot", "x.jpg"], 2, "must be a .png"),
        (["play", str(TUTORIAL), "--size", "big"], 2, "--size"),
        (["play", str(ROOT / "tests/scenarios/bad/misspelt_key.yaml"), "--all-bots", "--until-end"], 2, "loads"),
    ],
)
def test_mistakes_are_one_line(argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err.strip()
    assert message in err and "Traceback" not in err


def test_play_uses_the_saves_modules_default_folder() -> None:
    from game.cli.play import default_save_dir as play_default
    from game.ui.saves import default_save_dir

    assert play_default() == default_save_dir()
