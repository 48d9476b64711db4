"""The window holds one core; training (one run's child, compare's child, lab jobs) the others."""
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from engine import core_split, device
from engine.lab.worker import LabWorker
from engine.presets import preset_config
from process_tools import CHILD_STARTS, parent_script

ROOT = Path(__file__).resolve().parents[2]
TWO_CORES = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="Linux affinity calls on 2 or more cores")


@pytest.fixture
def four_cores(monkeypatch):
    """A 4-core machine whose calls are recorded instead of made."""
    calls = []
    mask = {"now": {0, 1, 2, 3}}

    def set_affinity(pid, cores):
        calls.append(set(cores))
        mask["now"] = set(cores)

    monkeypatch.setattr(core_split.os, "sched_getaffinity", lambda pid: set(mask["now"]),
                        raising=False)
    monkeypatch.setattr(core_split.os, "sched_setaffinity", set_affinity, raising=False)
    monkeypatch.delenv(core_split.CORES_VARIABLE, raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    return calls


def test_the_window_takes_the_last_core_and_records_all_four(four_cores):
    assert core_split.keep_window_on_one_core() == 3
    assert four_cores == [{3}]
    assert os.environ[core_split.CORES_VARIABLE] == "0,1,2,3"
    assert core_split.usable_cores() == {0, 1, 2, 3}  # not the window thread's one core


def test_training_goes_off_the_window_core_when_its_threads_fit(four_cores):
    core_split.keep_window_on_one_core()
    assert core_split.place_training(3) == {0, 1, 2}
    assert core_split.place_training(4) == {0, 1, 2, 3}  # 4 threads on 3 cores would queue
    assert four_cores[1:] == [{0, 1, 2}, {0, 1, 2, 3}]


def test_nothing_moves_without_a_window_or_with_one_core(four_cores, monkeypatch):
    assert core_split.place_training(1) is None  # headless runs and tests: the scheduler's
    monkeypatch.setattr(core_split.os, "sched_getaffinity", lambda pid: {5}, raising=False)
    assert core_split.keep_window_on_one_core() is None
    assert four_cores == []


def test_a_garbled_record_falls_back_to_the_system(four_cores, monkeypatch):
    monkeypatch.setenv(core_split.CORES_VARIABLE, "0,x")
    assert core_split.usable_cores() == {0, 1, 2, 3}


def test_a_refused_placement_changes_nothing_and_raises_nothing(four_cores, monkeypatch):
    def refuse(pid, cores):
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(core_split.os, "sched_setaffinity", refuse, raising=False)
    assert core_split.keep_window_on_one_core() is None
    assert core_split.CORES_VARIABLE not in os.environ  # children are not misled
    monkeypatch.setenv(core_split.CORES_VARIABLE, "0,1,7")  # core 7 since taken away
    assert core_split.place_training(1) is None


def test_default_threads_count_the_cores_before_the_window_took_one(four_cores):
    core_split.keep_window_on_one_core()  # this thread now sees one core
    assert device.training_threads(0, preset_config("live-default", width=1024)) == 3


def _mask(pid: int, tid: int) -> set[int]:
    for line in Path(f"/proc/{pid}/task/{tid}/status").read_text().splitlines():
        if line.startswith("Cpus_allowed_list:"):
            cores = set()
            for part in line.split(":")[1].strip().split(","):
                lo, _, hi = part.partition("-")
                cores.update(range(int(lo), int(hi or lo) + 1))
            return cores
    raise AssertionError("no Cpus_allowed_list")


def _busiest_thread(pid: int) -> int:
    """The thread with the most CPU time: training's."""
    def cpu(tid):
        fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    return max((int(t) for t in os.listdir(f"/proc/{pid}/task")), key=cpu)


@TWO_CORES
def test_a_lab_job_trains_off_the_window_core(monkeypatch):
    cores = set(os.sched_getaffinity(0))
    monkeypatch.setenv(core_split.CORES_VARIABLE, ",".join(map(str, sorted(cores))))
    seen = []

    def job(stop):
        seen.append(_mask(os.getpid(), threading.get_native_id()))
        yield {}

    worker = LabWorker()
    worker.start(job)
    worker.stop(timeout=10)
    assert seen == [cores - {max(cores)}]
    assert _mask(os.getpid(), threading.get_native_id()) == cores  # this thread untouched


@TWO_CORES
@pytest.mark.parametrize("kind", list(CHILD_STARTS))
def test_the_training_child_trains_off_the_window_core(tmp_path, kind):
    script = tmp_path / "window.py"
    script.write_text(parent_script(
        kind, before="from engine.core_split import keep_window_on_one_core\n"
                     "print(keep_window_on_one_core(), flush=True)  # as main.py does first",
        after="sys.stdin.readline()\nw.stop()", min_step=50))
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    env.pop(core_split.CORES_VARIABLE, None)
    window = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        core = int(window.stdout.readline())
        child = int(window.stdout.readline())
        cores = set(os.sched_getaffinity(0))
        assert core == max(cores)
        assert _mask(window.pid, window.pid) == {core}
        assert _mask(child, _busiest_thread(child)) == cores - {core}
    finally:
        window.communicate("\n", timeout=30)
