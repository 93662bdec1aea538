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
import sys, time
from arbeidsplan import workers
workers.cores = lambda: 2
try:
    workers.run_all(time.sleep, [0.5] * 40, 2)
except KeyboardInterrupt:
    sys.exit(130)
sys.exit(0)
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
@pytest.mark.parametrize("to_group", [True, False], ids=["ctrl-c-in-a-terminal", "sigint-to-the-main-process"])
def test_ctrl_c_stops_every_worker_at_once(to_group):
    """SIGINT to the whole process group (a terminal's Ctrl-C), or to the main process alone (`timeout -s INT`),
    while the workers are busy: the main process is out at once, and no worker is left running its jobs."""
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], start_new_session=True, stderr=subprocess.PIPE)
    time.sleep(1.5)  # the pool is running: 40 jobs of 0.5 s on two workers take 10 s
    (os.killpg if to_group else os.kill)(proc.pid, signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the workers were waited for after Ctrl-C")
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):  # no worker left in the group
        os.killpg(proc.pid, 0)


def test_results_come_back_in_order_from_the_workers(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert workers.run_all(abs, list(range(-50, 0)), 2) == list(range(50, 0, -1))
