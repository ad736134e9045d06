from __future__ import annotations

import pytest

from spbe.core.parsing import whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", 2024),
        (" 2030 ", 2030),
        ("²", None),
        ("1e3", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("99999999999999999999", None),
        ("2101", None),
        ("1999", None),
    ],
)
def test_whole_number_in_a_range(text: str | None, expected: int | None) -> None:
    assert whole_number(text, minimum=2000, maximum=2100) == expected
