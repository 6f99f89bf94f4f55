"""Coverage-guided fuzzing of the diary reader (atheris / libFuzzer).

Feeds arbitrary bytes to :func:`analyzer.parse_diary` and checks what a user
relies on: the only error is :class:`DiaryFormatError`, and a file that reads
gives one entry per data row, with unique row numbers and a known status.

Run (Ctrl-C to stop, or bound it)::

    .venv/bin/python fuzz/fuzz_reader.py -max_total_time=300 -rss_limit_mb=4096

Crashing inputs are written as ``crash-<sha1>`` in the current folder; add
each one to ``tests/data/bad/`` with its expected outcome.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["analyzer"]):
    from analyzer.errors import DiaryFormatError
    from analyzer.ingest._formats import parse_diary

#: Statuses the parser may give before matching.
PARSED_STATUSES = {"pending", "skipped", "rejected"}


def check(data: bytes) -> None:
    """Parse ``data`` and assert the reader's invariants (raises AssertionError on a finding)."""
    try:
        parsed = parse_diary(data)
    except DiaryFormatError as error:
        message = str(error)
        assert message and "Traceback" not in message, message
        return
    entries = parsed.entries
    assert entries["row"].is_unique, "row numbers repeat"
    assert (entries["row"] >= 2).all(), "a data row is numbered as the header"
    assert set(entries["status"]) <= PARSED_STATUSES, set(entries["status"])
    rejected = entries["status"] != "pending"
    assert (entries.loc[rejected, "reason"].str.len() > 0).all(), "a row is set aside without a reason"


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
