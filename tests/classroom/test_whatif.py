"""`parley whatif`: fork a finished game at turn N with one decision changed; bots play on from the same seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.classroom.records import read_record
from game.classroom.whatif import WhatIfError, fork, move_words
from game.cli.main import main
from game.engine import Move
from tests.classroom.conftest import ARTICLE, CUBA, logged_game


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return logged_game(ARTICLE, 3, tmp_path_factory.mktemp("logs"))


def _first_move(record_decisions: list[dict[str, object]], turn: int, actor: str) -> dict[str, object]:
    return next(d for d in record_decisions if d["turn"] == turn and d["actor"] == actor and d["kind"] == "move")


@pytest.mark.parametrize(("scenario", "seed"), [(ARTICLE, 3), (CUBA, 2)], ids=["article", "cuba"])
def test_the_same_decision_gives_back_the_recorded_game(scenario: Path, seed: int, tmp_path: Path) -> None:
    record = read_record(str(logged_game(scenario, seed, tmp_path)))
    last = record.game.state["result"]["turn"]
    for turn in sorted({1, 2, last}):
        for actor in record.compiled.actors:
            was = _first_move(record.game.decisions, turn, actor)
            whatif = fork(record, turn, actor, str(was["move"]), was.get("target"))  # type: ignore[arg-type]
            assert whatif.forked.state_hash() == record.game.state_hash(), (turn, actor)


def test_a_changed_decision_keeps_the_past_and_replays_the_rest(article: Path) -> None:
    record = read_record(str(article))
    whatif = fork(record, 3, "russia", "pass")
    before = [d for d in record.game.decisions if d["turn"] < 3]
    assert whatif.forked.decisions[: len(before)] == before
    turn3 = [d for d in whatif.forked.decisions if d["turn"] == 3 and d["actor"] == "russia"]
    assert turn3[0]["move"] == "pass" and turn3[0]["reason"] == "what-if: changed"
    assert whatif.forked.is_over() and whatif.forked.state_hash() != record.game.state_hash()
    was = _first_move(record.game.decisions, 3, "russia")
    assert whatif.was == move_words(record, Move("russia", str(was["move"]), was.get("target")))  # type: ignore[arg-type]
    assert whatif.changed_to == "no move (pass)" and whatif.was != whatif.changed_to
    # deterministic: the same fork twice is the same game
    assert fork(record, 3, "russia", "pass").forked.state_hash() == whatif.forked.state_hash()


def test_bad_forks_say_what_is_possible(article: Path) -> None:
    record = read_record(str(article))
    with pytest.raises(WhatIfError, match=r"possible: .*pass"):
        fork(record, 3, "russia", "nuke")
    with pytest.raises(WhatIfError, match="turns 1 to 7, not 9"):
        fork(record, 9, "russia", "pass")
    with pytest.raises(WhatIfError, match="unknown actor 'mars'"):
        fork(record, 1, "mars", "pass")
    with pytest.raises(WhatIfError, match=r"needs|cannot choose"):
        fork(record, 1, "russia", "shells_for_food")  # a deal without its target


def test_whatif_command_prints_and_writes_the_comparison(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "w.html"
    assert main(["whatif", str(article), "--turn", "3", "--actor", "russia", "--move", "pass", "-o", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What if Russia had chosen “no move (pass)” instead of")
    whatif = fork(read_record(str(article)), 3, "russia", "pass")
    (played, forked) = (g.state["result"] for g in (whatif.original, whatif.forked))
    star = "" if played["title"] == forked["title"] else r" +\*"
    ending = rf"^Ending +{re.escape(played['title'])} \(turn \d+\) +{re.escape(forked['title'])} \(turn \d+\){star}$"
    assert re.search(ending, out, re.M), out
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg ") == 2 and "as played" in text and "From turn 3 on" in text
    assert not re.search(r"<(script|link|img)\b", text) and "url(" not in text
    md = tmp_path / "w.md"
    assert main(["whatif", str(article), "--turn", "3", "--actor", "russia", "--move", "pass", "-o", str(md)]) == 0
    names = whatif.original.compiled.actor_names
    winners = [", ".join(names[a] for a in r["winners"]) for r in (played, forked)]
    assert f"| Winner | {winners[0]} | {winners[1]} |" in md.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["whatif", str(article), "--turn", "3", "--actor", "russia", "--move", "nuke"]) == 1
    assert main(["whatif", str(article), "--turn", "3", "--actor", "russia", "--move", "pass", "-o", "x.pdf"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "cannot choose nuke" in err[0] and ".html or .md" in err[1]
