"""Work in parts side by side: forked children compute their parts while this process computes
the first, and send back their results (pickled) through a pipe.

Forking keeps everything already loaded (the workspaces' settings, the imported code), so
nothing is handed over but the results: no global to set before the fork, no task
pickled on the way out. On a system that cannot fork safely, every part runs here.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Forking keeps what is imported; macOS frameworks are not safe to fork, Windows cannot."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a CI container's share)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def in_parts(parts: Sequence[Sequence[T]], work: Callable[[T], R]) -> list[list[R]]:
    """`work` over every item of every part, each part but the first in a forked child;
    the results in the parts' order. An exception in a child is raised here."""
    if len(parts) <= 1 or not can_fork():
        return [[work(item) for item in part] for part in parts]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    children = []
    done = False
    try:
        for part in parts[1:]:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(part, work, send), daemon=True)
            child.start()  # forked: the part and the work are the child's already, nothing pickled
            send.close()
            children.append((child, receive))
        first = [work(item) for item in parts[0]]
        results = [first, *(_collect(child, receive) for child, receive in children)]
        done = True
        return results
    finally:
        for child, receive in children:  # no child left behind, nor left working after an error here
            if not done:
                child.kill()
            receive.close()
            child.join()


def _child(part: Sequence[T], work: Callable[[T], R], send: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        outcome: tuple[bool, object] = (True, [work(item) for item in part])
    except BaseException as exc:  # sent to the parent, which raises it
        outcome = (False, exc)
    send.send(outcome)
    send.close()


def _collect(child: BaseProcess, receive: Connection) -> list[R]:
    try:
        ok, value = receive.recv()
    except (EOFError, OSError) as exc:  # the child died before it could answer (killed, out of memory)
        raise ChildProcessError(f"a worker process ended without its results (pid {child.pid})") from exc
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]
