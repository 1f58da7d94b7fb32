"""Where the games run: a pluggable executor.

Anything with ``submit(fn, *args) -> Future`` and ``shutdown(wait)`` is an
:class:`Executor`: the standard library's process pool (the default), the
in-process :class:`SerialExecutor`, Dask's ``Client.get_executor()``, or
:class:`RayExecutor`. The batch runner only ever submits
:func:`game.batch.worker.run_chunk` with plain, picklable arguments.

Distributed executors are optional extras, imported only when asked for::

    pip install 'parley-game[dask]'   # then: parley batch ... --executor dask[=tcp://scheduler:8786]
    pip install 'parley-game[ray]'    # then: parley batch ... --executor ray[=ray://head:10001]

Without an address Dask starts its own local cluster and Ray a local
instance; Parley never builds a cluster of its own. Workers need Parley
installed (the scenario travels with every chunk, no shared files needed).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from game.batch.spec import BatchSpec
from game.batch.worker import init_pool_worker, init_worker

EXECUTOR_KINDS = ("process", "serial", "dask", "ray")


class ExecutorUnavailable(RuntimeError):
    """An optional executor whose library is not installed (the message says what to install)."""


class Executor(Protocol):
    """The part of :class:`concurrent.futures.Executor` the batch runner uses."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        """Schedule ``fn(*args)``; return its future."""
        ...

    def shutdown(self, wait: bool = True) -> None:
        """Release the workers."""
        ...


class SerialExecutor:
    """Runs each task at once in the calling process (``--jobs 1``, tests, debugging)."""

    def __init__(self, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> None:
        if initializer is not None:
            initializer(*initargs)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        """Run ``fn(*args)`` now; the returned future is already done."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # delivered through the future, as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True) -> None:
        """Nothing to release."""


class RayExecutor:
    """Ray tasks behind the executor interface (``ObjectRef.future()`` gives a standard future)."""

    def __init__(self, address: str | None = None) -> None:
        ray = _optional("ray", "ray")
        if not ray.is_initialized():
            ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
        self._ray = ray
        self._remote: dict[Callable[..., Any], Any] = {}

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        """Run ``fn(*args)`` as a Ray task."""
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self._ray.remote(fn)
        future: Future[Any] = remote.remote(*args).future()
        return future

    def shutdown(self, wait: bool = True) -> None:
        """Leave the Ray instance running for whoever started it."""


def _optional(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ExecutorUnavailable(
            f"the {extra} executor needs {extra} installed: pip install 'parley-game[{extra}]'"
        ) from None


class DaskExecutor:
    """A Dask client's executor (``Client.get_executor()``); the client is closed on shutdown."""

    def __init__(self, address: str | None = None) -> None:
        distributed = _optional("distributed", "dask")
        self._client = distributed.Client(address) if address else distributed.Client(processes=True)
        self._executor = self._client.get_executor()

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        """Run ``fn(*args)`` on the cluster."""
        future: Future[Any] = self._executor.submit(fn, *args)
        return future

    def shutdown(self, wait: bool = True) -> None:
        """Stop submitting and close the client (a cluster it started stops with it)."""
        self._executor.shutdown(wait=wait)
        self._client.close()


def _ready() -> bool:
    return True


def default_jobs() -> int:
    """Processes to use by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def make_executor(kind: str, jobs: int, spec: BatchSpec, address: str | None = None) -> Executor:
    """An executor of ``kind`` (process, serial, dask, ray) for ``spec``; ``jobs`` sizes the local pool."""
    if kind == "process":
        if jobs <= 1:
            return SerialExecutor(init_worker, (spec,))
        from concurrent.futures import ProcessPoolExecutor  # imported here: multiprocessing is slow to import

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_pool_worker, initargs=(spec,))
        pool.submit(_ready).result()  # start the workers now, before any progress-bar thread exists
        return pool
    if kind == "serial":
        return SerialExecutor(init_worker, (spec,))
    if kind == "dask":
        return DaskExecutor(address)
    if kind == "ray":
        return RayExecutor(address)
    raise ValueError(f"unknown executor {kind!r} (executors: {', '.join(EXECUTOR_KINDS)})")
