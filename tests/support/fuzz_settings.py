"""How many examples each fuzz test runs: a CI-sized default, or a long run set by one variable.

    TUIREADER_FUZZ_EXAMPLES=100000 nice -n 10 .venv/bin/pytest -n 0 --timeout 0 tests/fuzz/ \
        --hypothesis-show-statistics

runs each fuzz test with its `long_share` of 100,000 examples: all of them for the fast extract
tests, fewer where one example costs more (a random tree, a painted article, an App), so the run
fits in about an hour on one core. Without the variable each test runs its CI count.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

VARIABLE = "TUIREADER_FUZZ_EXAMPLES"


def long_run_examples() -> int | None:
    """The examples asked for by TUIREADER_FUZZ_EXAMPLES, or None for a CI run."""
    value = os.environ.get(VARIABLE, "").strip()
    return int(value) if value else None


def fuzz_examples(ci: int, long_share: float = 1.0) -> int:
    """`ci` examples, or the long run's count times `long_share`."""
    wanted = long_run_examples()
    return ci if wanted is None else max(1, round(wanted * long_share))


def fuzz_settings(ci: int, long_share: float = 1.0) -> settings:
    """Settings for a fuzz test: no deadline (a shared CI machine is slow at times)."""
    return settings(
        max_examples=fuzz_examples(ci, long_share),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
