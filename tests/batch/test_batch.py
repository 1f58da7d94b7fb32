"""Batch runs: same batch seed -> same games whatever the executor or the number of jobs."""

from __future__ import annotations

import csv
import gc
import json
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from game.batch.executors import ExecutorUnavailable, SerialExecutor, make_executor
from game.batch.run import play_batch, run_batch, window_size
from game.batch.seeds import game_seed
from game.batch.spec import BatchSpec
from game.batch.summary import GameRow, play_summarized
from game.batch.totals import BatchTotals, Counts
from game.engine import CompiledScenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from tests.conftest import ROOT, SHIPPED, SHIPPED_IDS, TUTORIAL


def parley(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_game_seeds_depend_only_on_the_batch_seed_and_the_index() -> None:
    seeds = [game_seed(7, i) for i in range(1000)]
    assert seeds == [game_seed(7, i) for i in range(1000)]
    assert len(set(seeds)) == 1000
    assert all(0 <= s < 2**48 for s in seeds)
    assert game_seed(8, 0) != game_seed(7, 0)


def test_same_seed_gives_identical_files_for_one_and_two_jobs(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = parley("batch", str(TUTORIAL), "-n", "40", "--seed", "9", "--players", "random",
                        "--jobs", jobs, "--out", str(out), "--quiet")  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(((out / "games.csv").read_bytes(), (out / "summary.json").read_bytes()))
    assert outputs[0] == outputs[1]
    rows = list(csv.DictReader(outputs[0][0].decode().splitlines()))
    assert len(rows) == 40
    assert list(rows[0]) == ["game", "seed", "winners", "score_upland", "score_lowland", "ending", "turns"]
    assert [int(r["seed"]) for r in rows] == [game_seed(9, i) for i in range(40)]
    summary = json.loads(outputs[0][1])
    for key in ("games", "wins", "moves_chosen", "events_fired", "track_states_reached", "endings",
                "win_rates", "uniform_test", "game_lengths", "move_use", "dominant_moves"):  # fmt: skip
        assert key in summary, key
    assert summary["games"] == 40
    assert sum(summary["wins"].values()) == pytest.approx(40)
    assert sum(summary["endings"].values()) == 40
    for actor, rate in summary["win_rates"].items():
        assert rate["ci95"][0] <= rate["rate"] <= rate["ci95"][1], actor


def test_a_batch_game_is_the_game_parley_run_plays(tutorial: CompiledScenario) -> None:
    kinds = {"upland": "heuristic", "lowland": "random"}
    rows: list[GameRow] = []
    play_batch(tutorial, kinds, 3, 5, on_game=rows.append)
    assert [r.game for r in rows] == list(range(5))
    for game_row in rows:
        game = play_game(tutorial, game_row.seed, make_players(kinds, game_row.seed), record=False).game
        result = game.state["result"]
        assert game_row.seed == game_seed(3, game_row.game)
        assert (game_row.ending, game_row.turns) == (result["ending"], result["turn"])
        assert list(game_row.winners) == result["winners"]
        assert game_row.scores == tuple(result["scores"][a] for a in tutorial.actors)
        summary = play_summarized(tutorial, kinds, game_row.game, game_row.seed)
        assert set(summary.events) == set(game.state["fired"])
        assert summary.objectives == tuple(o.key for o in tutorial.objectives if o.key in game.state["met"])
        chosen = [d for d in game.decisions if d["kind"] == "move"]
        assert sum(summary.chosen.values()) == len(chosen)


def test_chunk_counts_merge_to_the_same_totals(tutorial: CompiledScenario) -> None:
    kinds = dict.fromkeys(tutorial.actors, "random")
    spec = BatchSpec.create(tutorial.scenario, kinds, 4, 23, snapshots=True)
    whole = Counts(tutorial.actors)
    for index in range(23):
        whole.add(play_summarized(tutorial, kinds, index, game_seed(4, index), snapshots=True))
    for size in (1, 5, 23):
        merged = BatchTotals(tutorial)
        run_batch(spec, SerialExecutor(), lambda result, into=merged: into.merge(result.counts), size=size)
        assert vars(Counts(tutorial.actors)).keys() <= vars(merged).keys()
        for name, value in vars(whole).items():
            assert getattr(merged, name) == value, name


def _summary(compiled: CompiledScenario, **options: Any) -> dict[str, Any]:
    return play_batch(compiled, dict.fromkeys(compiled.actors, "random"), 4, 30, snapshots=True, **options).summary()


def test_serial_and_process_pool_agree(tutorial: CompiledScenario) -> None:
    serial = _summary(tutorial, executor="serial")
    assert _summary(tutorial, executor="process", jobs=2) == serial
    assert _summary(tutorial, executor="process", jobs=1) == serial


class CountingExecutor:
    """Any object with submit/shutdown is an executor: this one runs tasks on threads and counts them."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.submitted = 0
        self.consumed = 0
        self.most_ahead = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        self.submitted += 1
        self.most_ahead = max(self.most_ahead, self.submitted - self.consumed)
        return self.pool.submit(fn, *args)

    def shutdown(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait)


def test_a_custom_executor_plugs_in_and_in_flight_work_is_bounded(tutorial: CompiledScenario) -> None:
    kinds = dict.fromkeys(tutorial.actors, "random")
    spec = BatchSpec.create(tutorial.scenario, kinds, 4, 30)
    executor = CountingExecutor()
    seen: list[GameRow] = []

    def consumed(games: int) -> None:
        executor.consumed += 1

    run_batch(spec, executor, lambda result: seen.extend(result.rows), jobs=1, on_chunk=consumed, size=3)
    executor.shutdown()
    assert [r.game for r in seen] == list(range(30))
    assert executor.submitted == 10
    assert executor.most_ahead <= window_size(1) + 1, "only a window of chunks is ever queued (memory stays flat)"
    reference: list[GameRow] = []
    run_batch(spec, SerialExecutor(), lambda result: reference.extend(result.rows), size=7)
    assert seen == reference


def _frozen_objects() -> int:
    return gc.get_freeze_count()


def test_pool_workers_hide_their_start_up_heap_from_the_collector_and_the_caller_keeps_its_own(
    tutorial: CompiledScenario,
) -> None:
    spec = BatchSpec.create(tutorial.scenario, dict.fromkeys(tutorial.actors, "heuristic"), 1, 1)
    before = gc.get_freeze_count()
    pool = make_executor("process", 2, spec)
    try:
        assert pool.submit(_frozen_objects).result(timeout=60) > 10_000, "the modules and the scenario are frozen"
    finally:
        pool.shutdown()
    serial = make_executor("process", 1, spec)
    assert serial.submit(_frozen_objects).result() == before, "the caller's process is never frozen"
    serial.shutdown()


def test_missing_optional_executor_says_what_to_install(
    tutorial: CompiledScenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = BatchSpec.create(tutorial.scenario, dict.fromkeys(tutorial.actors, "random"), 1, 1)
    for kind, module in (("dask", "distributed"), ("ray", "ray")):
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(ExecutorUnavailable, match=rf"pip install 'parley-game\[{kind}\]'"):
            make_executor(kind, 2, spec)


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_the_scenario_survives_the_trip_to_a_worker(path: Path) -> None:
    scenario = load_scenario(path)
    assert Scenario.model_validate_json(scenario.model_dump_json()) == scenario


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-n", "0"), "at least 1"),
        (("--jobs", "0"), "at least 1"),
        (("--executor", "spark"), "unknown executor 'spark'"),
        (("--players", "upland=genius"), "unknown bot kind 'genius'"),
        (("--out", "pyproject.toml"), "not a folder"),
        (("--report", "no/such/folder/r.html"), "does not exist"),
    ],
)
def test_user_mistakes_are_one_line(args: tuple[str, ...], words: str) -> None:
    result = parley("batch", str(TUTORIAL), "-n", "3", *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("usage:")]
    assert len(lines) == 1 and words in lines[0], result.stderr
