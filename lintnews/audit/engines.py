"""Where batches run: in this process, in a local process pool, or on a Dask cluster.

Every engine takes batches from an iterator and yields finished ones, keeping only a few
batches per worker in flight, so memory stays flat however large the archive is. Results
arrive in completion order; the state file does not care about order.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterator
from typing import Any

from ..api import Config
from .work import Article, lint_batch

IN_FLIGHT_PER_WORKER = 4

Batch = list[Any]  # [(Target, Signature), ...]


class MissingExtra(Exception):
    """An optional dependency is not installed; the message says what to install."""


def serial(config: Config, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Article]]]:
    for batch in batches:
        yield batch, lint_batch(config, [target for target, _ in batch])


def windowed(
    executor: cf.Executor, workers: int, config: Config, batches: Iterator[Batch]
) -> Iterator[tuple[Batch, list[Article]]]:
    """Submit batches to ``executor``, at most a few per worker at a time."""
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    pending: dict[cf.Future[list[Article]], Batch] = {}
    exhausted = False
    try:
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                future = executor.submit(lint_batch, config, [target for target, _ in batch])
                pending[future] = batch
            if not pending:
                break
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in done:
                yield pending.pop(future), future.result()
    finally:
        for future in pending:
            future.cancel()


def process_pool(
    config: Config, batches: Iterator[Batch], jobs: int
) -> Iterator[tuple[Batch, list[Article]]]:
    import multiprocessing

    # fork (where there is one) starts workers at once and hands them this process's Linter,
    # already built; elsewhere each worker builds its own on its first batch.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with cf.ProcessPoolExecutor(jobs, mp_context=context) as executor:
        yield from windowed(executor, jobs, config, batches)


def dask(
    config: Config, batches: Iterator[Batch], address: str, workers: int | None
) -> Iterator[tuple[Batch, list[Article]]]:
    """Run on the Dask scheduler at ``address``, or on a LocalCluster for ``"local"``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtra(
            "--dask needs Dask's distributed scheduler: pip install 'lintnews[dask]'"
        ) from None
    cluster = None
    if address == "local":
        cluster = LocalCluster(
            n_workers=workers or 2,
            threads_per_worker=1,  # the rules are pure Python: threads would share one core
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        slots = sum(client.nthreads().values()) or 1
        # pure=False: every batch is distinct work, never to be deduplicated by Dask.
        executor = client.get_executor(pure=False)
        yield from windowed(executor, slots, config, batches)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
