"""Time limits per input, so that a hostile file cannot hang a batch.

A :class:`Deadline` is checked between pages (cooperative). :func:`guard` adds a
hard limit where the platform allows it: on the main thread of a POSIX process a
``SIGALRM`` timer interrupts even a single page that never finishes parsing. The
previous handler and timer are restored afterwards.

>>> d = Deadline(0.0, "x.pdf")
>>> d.check()
Traceback (most recent call last):
...
govextract.errors.InputError: x.pdf: took longer than the 0-second limit (raise --timeout if the file is genuine, or split it)
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

from ..errors import InputError


class Deadline:
    """A point in time after which reading ``path`` gives up."""

    def __init__(self, seconds: float, path: str):
        self.seconds = seconds
        self.path = path
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def error(self) -> InputError:
        return InputError(f"took longer than the {self.seconds:g}-second limit", path=self.path,
                          fix="raise --timeout if the file is genuine, or split it")

    def check(self) -> None:
        if self.expired():
            raise self.error()


class _Alarm(BaseException):
    """Raised by the SIGALRM handler; a BaseException so that broad ``except
    Exception`` blocks in parsing libraries do not swallow it."""


@contextlib.contextmanager
def guard(deadline: Deadline) -> Iterator[None]:
    """Run a block under a hard time limit where signals allow it."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    armed = [True]

    def on_alarm(signum, frame):  # pragma: no cover - timing dependent
        if armed[0]:
            raise _Alarm()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        # armed inside the try, and disarmed first thing after: an alarm that comes
        # just before or just after the block cannot escape as a bare _Alarm
        signal.setitimer(signal.ITIMER_REAL, max(deadline.remaining(), 0.001))
        yield
    except _Alarm:
        raise deadline.error() from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
