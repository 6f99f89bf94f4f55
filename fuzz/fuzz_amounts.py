"""Coverage-guided fuzzing of the amount parser (atheris / libFuzzer).

Feeds arbitrary Unicode text to :func:`analyzer.amounts._amounts.parse_amount` and
:func:`analyzer.amounts._amounts.split_count` and checks that the only error is
:class:`AmountError` and that every amount read is a finite positive number
no larger than ``MAX_QUANTITY``.

Run::

    .venv/bin/python fuzz/fuzz_amounts.py -max_total_time=300

Crashing inputs are written as ``crash-<sha1>`` in the current folder; add
each one to ``tests/data/bad/`` (as an amount cell) with its expected outcome.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports(include=["analyzer"]):
    from analyzer.amounts._amounts import MAX_QUANTITY, parse_amount, split_count
    from analyzer.errors import AmountError


def check(data: bytes) -> None:
    """Parse the text in ``data`` as an amount and as a counted food text."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    try:
        parsed = parse_amount(text)
    except AmountError as error:
        assert str(error), "an AmountError without a message"
    else:
        assert math.isfinite(parsed.quantity) and 0 < parsed.quantity <= MAX_QUANTITY, parsed
        assert parsed.kind in ("mass", "volume", "count", "serving"), parsed
    counted = split_count(text)
    if counted is not None:
        count, _unit, rest = counted
        assert math.isfinite(count) and count > 0 and rest, counted


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
