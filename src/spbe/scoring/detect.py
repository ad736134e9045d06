"""Which framework a levels file is written for, read from its indicator codes.

The shipped frameworks have different sets of codes (5/2018: 37 with 35.1-35.3,
59/2020: 47, 8/2026: 20), so a complete file names its framework. A file with rows
left out may fit several; then the person has to choose.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spbe.scoring.model import Framework


def frameworks_for_codes(codes: Iterable[str], frameworks: Sequence[Framework]) -> list[Framework]:
    """The frameworks the codes could belong to: the one whose codes they are exactly, if any;
    else every framework that knows all of them (in the order given)."""
    wanted = set(codes)
    if not wanted:
        return []
    exact = [f for f in frameworks if set(f.indicator_index) == wanted]
    if exact:
        return exact
    return [f for f in frameworks if wanted <= set(f.indicator_index)]
