"""Large indexes kept for the whole process are left out of Python's cycle collector.

The collector walks every container object it tracks on each full collection. The matcher's
index and the brand-word index hold a few hundred thousand dicts, lists and tuples that live
as long as the process and hold no reference cycles, so walking them again and again frees
nothing: of a first-ever 10,000-row ``analyzer totals`` run (6.1 s CPU under a GC callback),
0.62 s was collection (0.45 s of it six full collections), and building the matcher's index took
1.03 s with collection on, 0.80 s without; of a cold run (a new diary, the saved index read),
0.26 s, about 0.09 s once the index is set aside. Objects set aside here are still freed by
reference counting as usual when nothing refers to them any more.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["long_lived", "set_aside"]


def set_aside() -> None:
    """Leave every object alive now out of later collections (``gc.freeze``).

    For a process that has just loaded what it keeps to the end (the CLI after its imports
    and the food table): later collections walk only what the run itself makes.
    """
    gc.freeze()


@contextmanager
def long_lived() -> Iterator[None]:
    """Build or read a large, cycle-free index without collections, then set it aside.

    Collections triggered by the index's own allocations would each walk the growing index
    and find nothing to free.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        set_aside()
