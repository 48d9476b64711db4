"""The child's forwarder: commands obeyed, every snapshot sent (merged when the window's queue
is full), 'stop' ends it, and a failing command ends the child instead of leaving it deaf."""
import queue
import threading
from dataclasses import dataclass

import pytest

from engine.mailbox import Mailbox
from engine.process_worker import forward


@dataclass(frozen=True)
class _Snap:
    parts: tuple
    probe: None = None  # what the probe wire looks at


def _merge(old, new):
    return _Snap(old.parts + new.parts)


class _Worker:
    def __init__(self):
        self.mailbox = Mailbox(merge=_merge)
        self.played = threading.Event()

    def play(self):
        self.played.set()
        self.mailbox.put(_Snap(("played",)))

    def explode(self):
        raise RuntimeError("bad command")


def _run(worker, commands, snapshots):
    errors = []

    def main():
        try:
            forward(worker, commands, snapshots, merge=_merge)
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=main, daemon=True)
    thread.start()
    return thread, errors


def test_commands_are_obeyed_and_every_snapshot_arrives_merged_when_the_queue_is_full():
    worker, commands, snapshots = _Worker(), queue.Queue(), queue.Queue(maxsize=1)
    thread, errors = _run(worker, commands, snapshots)
    commands.put(("play",))
    assert snapshots.get(timeout=5) == _Snap(("played",))
    snapshots.put("window busy")  # the queue is full: what follows waits in the child, merged
    worker.mailbox.put(_Snap(("a",)))
    worker.mailbox.put(_Snap(("b",)))
    assert snapshots.get(timeout=5) == "window busy"
    parts = ()
    while len(parts) < 2:  # merged while the queue was full (unless room came in between)
        parts += snapshots.get(timeout=5).parts
    assert parts == ("a", "b")
    commands.put(("stop",))
    thread.join(5)
    assert not thread.is_alive() and not errors


def test_a_failing_command_ends_the_forwarder_with_its_error():
    worker, commands, snapshots = _Worker(), queue.Queue(), queue.Queue()
    thread, errors = _run(worker, commands, snapshots)
    commands.put(("explode",))
    thread.join(5)
    assert not thread.is_alive()
    with pytest.raises(RuntimeError, match="bad command"):
        raise errors[0]


class _CountingQueue(queue.Queue):
    def __init__(self):
        super().__init__()
        self.gets = 0

    def get(self, *args, **kwargs):
        self.gets += 1
        return super().get(*args, **kwargs)


def test_an_idle_forwarder_sleeps_instead_of_polling():
    """Looking at the commands every 5 ms took 3 % of a core while the run was paused."""
    worker, commands, snapshots = _Worker(), _CountingQueue(), queue.Queue()
    thread, errors = _run(worker, commands, snapshots)
    threading.Event().wait(0.3)  # idle: no command, no snapshot
    assert commands.gets == 1  # one blocking read, still waiting (polling made ~60 by now)
    commands.put(("stop",))
    thread.join(5)
    assert not thread.is_alive() and not errors
