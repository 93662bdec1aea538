"""Worker processes (workers.py): Ctrl-C while a whole party is read stops every worker at once and leaves
nothing running, and the jobs' results come back in order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from arbeidsplan import workers

SCRIPT = """
import os, sys, time
from arbeidsplan import workers
workers.cores = lambda: 2

def job(seconds):
    os.write(1, b"busy\\n")  # one write: two workers' lines never mix
    time.sleep(seconds)

try:
    workers.run_all(job, [1.0] * 40, 2)
except KeyboardInterrupt:
    sys.exit(130)
sys.exit(0)
"""


TWO_STEPS_BUSY = """
import os, sys, time
from arbeidsplan import workers
workers.cores = lambda: 2

def first(share):
    os.write(1, b"busy\\n" if workers._in_a_worker else b"here\\n")  # the test waits for a busy worker
    time.sleep(20)
    return share, 0

try:
    workers.run_in_two_steps(first, sum, lambda share, total: share, list(range(40)), 2)
except KeyboardInterrupt:
    sys.exit(130)
sys.exit(0)
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
@pytest.mark.parametrize("script", [SCRIPT, TWO_STEPS_BUSY], ids=["shares", "two-steps"])
@pytest.mark.parametrize("to_group", [True, False], ids=["ctrl-c-in-a-terminal", "sigint-to-the-main-process"])
def test_ctrl_c_stops_every_worker_at_once(to_group, script):
    """SIGINT to the whole process group (a terminal's Ctrl-C), or to the main process alone (`timeout -s INT`),
    while the workers are busy: the main process is out at once, and no worker is left running its jobs."""
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"busy\n"  # a worker has begun: 40 jobs of 1 s on two workers take 20 s
    time.sleep(0.3)
    (os.killpg if to_group else os.kill)(proc.pid, signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=10)  # at once, even on a busy machine; waiting would take 20 s
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the workers were waited for after Ctrl-C")
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):  # no worker left in the group
        os.killpg(proc.pid, 0)


def run_script(tmp_path, text: str, hung: str) -> str:
    """Run `text` as a script in its own Python (a worker killed there cannot take the test with it); what it
    printed. Fails with `hung` if it does not end within a minute."""
    script = tmp_path / "script.py"
    script.write_text(text, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(hung)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_results_come_back_in_order_from_the_workers(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert workers.run_all(abs, list(range(-50, 0)), 2) == list(range(50, 0, -1))


KILLED = """
import os, signal, sys
from arbeidsplan import workers
workers.cores = lambda: 2

def job(n):
    if workers._in_a_worker and n == 7:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return n * n

print(workers.run_all(job, list(range(30)), 2) == [n * n for n in range(30)])
"""


def test_a_worker_killed_from_outside_loses_nothing_and_hangs_nothing(tmp_path):
    """A worker killed mid-run (out of memory): the run neither waits for ever nor loses a job; every result
    comes back, in order."""
    assert run_script(tmp_path, KILLED, "the pool waited for the killed worker's jobs") == "True"


TWO_STEPS = """
import os, signal, sys
from arbeidsplan import workers
workers.cores = lambda: 2

def first(share):
    if workers._in_a_worker and {KILL_FIRST} in share:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return share, (sum(share), os.getpid())

def combine(offers):
    return sum(total for total, _pid in offers), {pid for _total, pid in offers}

def second(share, combined):
    if workers._in_a_worker and {KILL_SECOND} in share:
        os.kill(os.getpid(), signal.SIGKILL)
    return [n * combined[0] for n in share]

(total, pids), done = workers.run_in_two_steps(first, combine, second, list(range(30)), 2)
print(total == sum(range(30)) and done == [n * total for n in range(30)],
      "here" if pids == {os.getpid()} else "workers" if os.getpid() not in pids and len(pids) == 2 else pids)
"""


@pytest.mark.parametrize("kill_first,kill_second,where", [(-1, -1, "workers"), (7, -1, "here"), (-1, 22, "here")])
def test_two_steps_in_workers_lose_nothing_when_a_worker_is_killed(tmp_path, kill_first, kill_second, where):
    """check's two steps (read, then check with what every share read): every result comes back in order, with
    what all shares found; when a worker is killed in either step, everything is done here instead, and
    nothing waits for ever."""
    script = TWO_STEPS.replace("{KILL_FIRST}", str(kill_first)).replace("{KILL_SECOND}", str(kill_second))
    assert run_script(tmp_path, script, "the run waited for the killed worker") == f"True {where}"


BESIDE = """
import os, signal, sys
from arbeidsplan import workers
workers.cores = lambda: 2

def there():
    if {KILL}:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    if {FAIL} and workers._in_a_worker:
        raise ValueError("only in the worker")
    return [n * n for n in range(20, 40)], os.getpid()

def here():
    return [n * n for n in range(20)], os.getpid()

(mine, my_pid), (theirs, their_pid) = workers.run_beside(there, here)
print(mine + theirs == [n * n for n in range(40)], "here" if their_pid == os.getpid() else "beside")
"""


@pytest.mark.parametrize("kill,fail,where", [(False, False, "beside"), (True, False, "here"), (False, True, "here")])
def test_a_half_beside_comes_back_and_a_lost_one_is_done_here(tmp_path, kill, fail, where):
    """history's two halves of a plan's versions: the other half comes back from its own process; if that
    process is killed (out of memory) or its job fails, the half is done here, and nothing waits for ever."""
    script = BESIDE.replace("{KILL}", "workers._in_a_worker" if kill else "False").replace("{FAIL}", str(fail))
    assert run_script(tmp_path, script, "the run waited for the lost worker") == f"True {where}"


def test_nothing_runs_beside_on_one_core_or_beside_another_thread(monkeypatch):
    import threading

    pid = os.getpid
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert workers.run_beside(pid, pid) == (os.getpid(), os.getpid())
    monkeypatch.setattr(workers, "cores", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert workers.run_beside(pid, pid) == (os.getpid(), os.getpid())
    finally:
        stop.set()
        other.join()
    here, there = workers.run_beside(pid, pid)
    assert here == os.getpid() and there != os.getpid()
