"""Many independent jobs in worker processes, one per core: reading a whole party's plans is the only place
this pays. Each job runs with the caller's language; the results come back in order.

Workers are started by fork where the system has it (cheap, and the imported package is shared), never while
another thread runs (git.py's timers: forking then could copy a held lock), never for fewer than `least` jobs,
not from inside a worker, and not at all on one core or where processes cannot be had (a sandbox): then the
jobs run here, one by one.

The pool is multiprocessing's, not concurrent.futures': Ctrl-C (to the terminal's process group, or to the main
process alone) terminates its workers at once, where a ProcessPoolExecutor interrupted mid-run may wait for
every queued job or hang (tests/test_workers.py). Its one weakness, a worker killed from outside (out of memory)
would make it wait for ever: run_all watches the workers, and if one dies, it stops the pool and runs the jobs
here instead.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, Sequence, TypeVar

from .messages import language, using

J = TypeVar("J")
R = TypeVar("R")
S = TypeVar("S")  # what a worker keeps between two steps (run_in_two_steps)
O = TypeVar("O")  # what it sends after the first
C = TypeVar("C")  # what it gets back before the second
_in_a_worker = False  # a job that asks for workers itself runs its jobs here: pools never nest


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run_all(job: Callable[[J], R], items: Sequence[J], least: int) -> list[R]:
    """[job(item) for item in items], in worker processes when that pays. `job` must be a module-level function
    (a worker finds it by name) and its results picklable."""
    n = cores()
    if len(items) < least or n < 2 or threading.active_count() > 1 or _in_a_worker:
        return [job(item) for item in items]
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(items) // (n * 4))
    jobs = [(job, language(), item) for item in items]
    try:
        pool = context.Pool(n, initializer=_quiet)
    except (OSError, RuntimeError, ImportError):  # no processes to be had (a sandbox): run here
        return [job(item) for item in items]
    with pool:  # leaving it in any way, Ctrl-C too, terminates the workers at once: nothing is waited for
        started = multiprocessing.active_children()  # the pool's workers: it starts them when it is made
        pending = pool.map_async(_in_worker, jobs, chunksize=chunk)
        while not pending.ready():
            pending.wait(0.05)
            if not pending.ready() and any(p.exitcode is not None for p in started):
                break  # a worker was killed (out of memory?): its jobs would never come back
        else:
            return pending.get()
    return [job(item) for item in items]  # nothing lost: the jobs run here instead, one by one


def run_in_shares(job: Callable[[list[J]], list[R]], items: list[J], least: int, per_core: int) -> list[R]:
    """job(items), in order: split into `per_core` shares for each core and run in worker processes when there
    are at least `least` items (a few shares per worker, so that a slow one does not hold the rest back); here,
    in one go, when there are fewer."""
    if len(items) < least:
        return job(items) if items else []
    size = -(-len(items) // (per_core * cores()))
    return [r for done in run_all(job, [items[k:k + size] for k in range(0, len(items), size)], 2) for r in done]


def _quiet() -> None:
    """A worker leaves Ctrl-C to the main process, which terminates the pool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_worker(task: tuple[Callable[[J], R], str, J]) -> R:
    global _in_a_worker
    _in_a_worker = True
    job, lang, item = task
    with using(lang):
        return job(item)


def run_in_two_steps(first: Callable[[list[J]], tuple[S, O]], combine: Callable[[list[O]], C],
                     second: Callable[[S, C], list[R]], items: list[J], least: int) -> tuple[C, list[R]]:
    """A job with a step between that needs what every share found: each share of `items` is read by
    `first(share) -> (state, offer)`; here, `combine(every share's offer, in order)`; then `second(state,
    combined)` for each share, in order. Returns (combined, the results of `second` in order).

    With at least `least` items: one share per core, each in a worker process that keeps its state from the
    first step to the second, so nothing is read twice (checks/outcomes.py: every plan's links count for the
    others' suggestions). A share per core, not several as run_in_shares has: a share's state cannot move. As
    run_all: never nested, never beside another thread, forked where the system has it, Ctrl-C stops the workers
    at once, and a worker that dies (or fails) loses nothing: everything is done here instead."""
    n = cores()
    if len(items) < least or n < 2 or threading.active_count() > 1 or _in_a_worker:
        return _two_steps_here(first, combine, second, [items] if items else [])
    size = -(-len(items) // n)
    shares = [items[k:k + size] for k in range(0, len(items), size)]
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    started: list[tuple[Any, Any]] = []  # (process, our end of its pipe)
    try:
        try:
            for share in shares:
                ours, theirs = context.Pipe()
                process = context.Process(target=_two_step_worker, args=(theirs, first, second, language(), share),
                                          daemon=True)
                process.start()
                theirs.close()
                started.append((process, ours))
        except (OSError, RuntimeError, ImportError):  # no processes to be had (a sandbox): run here
            return _two_steps_here(first, combine, second, shares)
        try:
            combined = combine([_receive(p, c) for p, c in started])
            for _p, c in started:
                c.send(combined)
            return combined, [r for p, c in started for r in _receive(p, c)]
        except _Lost:
            pass
    finally:  # leaving in any way, Ctrl-C too: no worker is left behind
        for process, ours in started:
            if process.is_alive():
                process.terminate()
            process.join()
            ours.close()
    return _two_steps_here(first, combine, second, shares)  # nothing lost: done here instead, share by share


def run_beside(there: Callable[[], R], here: Callable[[], S]) -> tuple[S, R]:
    """(here(), there()), with there() in one worker process while here() runs in this one: two halves of one
    job, each of which does its own reading (history/revisions.py: a half of a plan's versions each, each half
    with its own git). As run_in_two_steps: forked where the system has it, never nested, never beside another
    thread (so the caller starts its own threads in here(), after the fork), not at all on one core; Ctrl-C stops
    the worker at once, and a worker that dies or fails loses nothing: there() is then run here."""
    if cores() < 2 or threading.active_count() > 1 or _in_a_worker:
        return here(), there()
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():  # `there` is a closure: only a fork can take it
        return here(), there()
    context = multiprocessing.get_context("fork")
    try:
        ours, theirs = context.Pipe(duplex=False)
        process = context.Process(target=_beside_worker, args=(theirs, there), daemon=True)
        process.start()
    except (OSError, RuntimeError, ImportError):  # no processes to be had (a sandbox): run here
        return here(), there()
    theirs.close()
    try:
        mine = here()
        try:
            return mine, _receive(process, ours)
        except _Lost:
            return mine, there()  # nothing lost: done here instead
    finally:  # leaving in any way, Ctrl-C too: no worker is left behind
        if process.is_alive():
            process.terminate()
        process.join()
        ours.close()


def _beside_worker(conn, there) -> None:
    _serve(conn, lambda: conn.send(there()))


def _serve(conn, work: Callable[[], None]) -> None:
    """In a worker: `work`, which talks with the main process over `conn`. If it raises, the main process is
    told (_Failed) and does the job itself, where the error is seen as it is; if the main process has gone or
    given up on us, nothing more."""
    global _in_a_worker
    _in_a_worker = True
    _quiet()
    try:
        work()
    except (EOFError, OSError):
        pass
    except Exception:
        try:
            conn.send(_Failed())
        except (OSError, ValueError):
            pass
    finally:
        conn.close()


class _Lost(Exception):
    """A worker died or failed: its share is done here."""


def _receive(process, conn):
    """The next thing a worker sends; _Lost when it died before sending it (killed from outside) or failed."""
    while not conn.poll(0.05):
        if process.exitcode is not None and not conn.poll():
            raise _Lost
    try:
        got = conn.recv()
    except (EOFError, OSError):
        raise _Lost from None
    if isinstance(got, _Failed):
        raise _Lost
    return got


class _Failed:
    """What a worker sends when its job raised: the job runs here, where the error is seen as it is."""


def _two_steps_here(first, combine, second, shares):
    done = [first(share) for share in shares]
    combined = combine([offer for _state, offer in done])
    return combined, [r for (state, _offer) in done for r in second(state, combined)]


def _two_step_worker(conn, first, second, lang: str, share) -> None:
    def work() -> None:
        with using(lang):
            state, offer = first(share)
            conn.send(offer)
            combined = conn.recv()
            conn.send(second(state, combined))

    _serve(conn, work)
