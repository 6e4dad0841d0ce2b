"""``python -m norrort_cost``: the same as the ``norrort-cost`` command."""

from norrort_cost.cli import run

run()
