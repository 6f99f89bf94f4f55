"""``python -m analyzer``: see :mod:`analyzer._cli`."""

import sys

from ._cli import main

sys.exit(main())
