"""Framework data is refused, with a message naming the group, when it is inconsistent."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from spbe.scoring import FrameworkError, load_framework_text

MINIMAL = """
id: tiny
schema: 1
data_version: "1"
title: "Kecil"
title_en: "Tiny"
regulation: "Contoh"
provisional: false
years: {from: 2030}
values: {min: 1, max: 5, decimals: 0}
levels:
  1: {name: "a"}
  2: {name: "b"}
  3: {name: "c"}
  4: {name: "d"}
  5: {name: "e"}
predicates:
  - {min: "3.00", name: "Atas"}
  - {min: "1.00", name: "Bawah"}
domains:
  - code: D1
    name: "Satu"
    weight: "60"
    aspects:
      - code: A1
        name: "Aspek satu"
        weight: "60"
        indicators:
          - {code: "1", name: "i1", weight: "20/1"}
          - {code: "2", name: "i2", weight: "40"}
  - code: D2
    name: "Dua"
    weight: "40"
    aspects:
      - code: A2
        name: "Aspek dua"
        weight: "40"
        indicators:
          - {code: "3", name: "i3", weight: "40"}
"""


def test_minimal_framework_loads() -> None:
    framework = load_framework_text(MINIMAL)
    assert [i.code for i in framework.indicators] == ["1", "2", "3"]
    assert framework.year_to is None and framework.applies_to(2099)


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('{code: "2", name: "i2", weight: "40"}', '{code: "2", name: "i2", weight: "39"}', "aspect A1"),
        ('    weight: "60"\n    aspects:', '    weight: "59"\n    aspects:', "domain D1"),
        (
            'weight: "40"\n    aspects:\n      - code: A2\n        name: "Aspek dua"\n        weight: "40"\n'
            '        indicators:\n          - {code: "3", name: "i3", weight: "40"}',
            'weight: "41"\n    aspects:\n      - code: A2\n        name: "Aspek dua"\n        weight: "41"\n'
            '        indicators:\n          - {code: "3", name: "i3", weight: "41"}',
            "the whole index",
        ),
    ],
)
def test_weights_that_do_not_add_up_name_the_group(old: str, new: str, named: str) -> None:
    text = MINIMAL.replace(old, new)
    assert text != MINIMAL
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text)
    assert named in caught.value.message("en")
    assert "tiny" in caught.value.message("en")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('weight: "40"}', "weight: 40.0}", "written as text"),
        ("decimals: 0", "decimals: 9", "decimals"),
        ("schema: 1", "schema: 2", "schema"),
        ('{code: "3", name: "i3"', '{code: "2", name: "i3"', "more than once"),
        ('  - {min: "1.00", name: "Bawah"}', '  - {min: "2.00", name: "Bawah"}', "lowest predicate"),
        ('title: "Kecil"', 'titel: "Kecil"', "unknown keys"),
        ('  5: {name: "e"}\n', "", "levels"),
    ],
)
def test_malformed_data_is_refused_with_a_reason(old: str, new: str, expected: str) -> None:
    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text)
    assert expected in caught.value.message("en")


def test_a_shipped_framework_with_a_changed_weight_is_rejected() -> None:
    source = resources.files("spbe.scoring.frameworks").joinpath("permenpanrb-59-2020.yaml").read_text("utf-8")
    data = yaml.safe_load(source)
    data["domains"][3]["aspects"][0]["indicators"][0]["weight"] = "2.5"
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(yaml.safe_dump(data, allow_unicode=True))
    message = caught.value.message("id")
    assert "A7" in message and "permenpanrb-59-2020" in message


def test_criteria_must_cover_every_level() -> None:
    text = MINIMAL.replace(
        '{code: "3", name: "i3", weight: "40"}',
        '{code: "3", name: "i3", weight: "40", criteria: {1: "x", 2: "y"}}',
    )
    with pytest.raises(FrameworkError, match="indicator 3 criteria"):
        load_framework_text(text)
