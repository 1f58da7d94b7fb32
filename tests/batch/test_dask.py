"""A real Dask cluster (in this process: ``LocalCluster(processes=False)``) plays the batch the local pool plays.

Its workers are threads that share the scenario the parent compiled, so this also checks that a
compiled scenario can be shared by games on threads: with the track machines driving one shared model
again (the fault tests/engine/test_threads.py guards), the two threads' games differ from the pool's and
this test fails (seen 3 times in 3 runs; with one thread per worker the same fault passes unseen).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.batch.run import play_batch
from game.engine import CompiledScenario
from tests.conftest import ROOT, compiled

distributed = pytest.importorskip("distributed")

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A two-thread local cluster; its scheduler's address."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def summary(scenario: CompiledScenario, **options: object) -> dict[str, object]:
    kinds = dict.fromkeys(scenario.actors, "random")
    return play_batch(scenario, kinds, 7, 120, snapshots=True, **options).summary()  # type: ignore[arg-type]


def test_dask_local_cluster_gives_the_local_pools_results(cluster: str) -> None:
    scenario = compiled(ARTICLE)
    local = summary(scenario, executor="process", jobs=2)
    assert summary(scenario, executor="dask", address=cluster) == local
