"""Script-run timings for the browser test: how long the server took, apart from the browser's drawing.

Off unless ``$MINERALOG_RUN_TIMES`` names a file; then every finished script run adds one
line ``page<TAB>wall seconds<TAB>CPU seconds of the script thread``.  A browser test reads the
lines a step added to tell the server's share of the wait from the browser's (issue 15).
"""

from __future__ import annotations

import os
import time

__all__ = ["RunClock"]


class RunClock:
    """Started when a script run begins; :meth:`record` writes the run's line when it ends."""

    def __init__(self) -> None:
        self.path = os.environ.get("MINERALOG_RUN_TIMES")
        self.wall, self.cpu = time.perf_counter(), time.thread_time()

    def record(self, page: str) -> None:
        """Append this run's wall and CPU seconds, when ``$MINERALOG_RUN_TIMES`` is set."""
        if not self.path:
            return
        wall, cpu = time.perf_counter() - self.wall, time.thread_time() - self.cpu
        try:
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(f"{page}\t{wall:.4f}\t{cpu:.4f}\n")
        except OSError:  # a timing only: the page is drawn all the same
            pass
