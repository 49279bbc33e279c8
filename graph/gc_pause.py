"""One switch for pausing Python's cyclic garbage collector, shared by every thread.

Building a large graph (loading or re-deriving the embedded store, a view's page data) makes
millions of small objects that are never cyclic garbage, yet their allocation keeps starting
collections that walk every live object: with two million of them loading is ~5x slower.
Reference counting still frees garbage while the collector is paused. Pauses nest and overlap
across threads: the collector comes back when the last one ends, and only if it was on before
the first began.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
        _pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


@contextmanager
def gc_frozen() -> Iterator[None]:
    """Paused while long-lived objects are built, which are then moved out of the collector's reach
    (gc.freeze): otherwise the first collection afterwards walks all of them once more (~0.9 s at 100k
    nodes), and every later full collection again (a server's latency tail). Reference counting still
    frees them when they are replaced."""
    with gc_paused():
        try:
            yield
        finally:
            gc.freeze()
