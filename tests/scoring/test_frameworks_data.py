"""The shipped framework data: complete, consistent, and as the regulations say."""

from __future__ import annotations

from fractions import Fraction

import pytest

from spbe.scoring import Framework, all_frameworks, framework_for_year, get_framework
from spbe.scoring.errors import UnknownFrameworkError


def test_three_frameworks_ship_and_validate() -> None:
    ids = [f.id for f in all_frameworks()]
    assert ids == ["permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026"]


def test_59_2020_structure(f59: Framework) -> None:
    assert [d.code for d in f59.domains] == ["D1", "D2", "D3", "D4"]
    assert [a.code for a in f59.aspects] == [f"A{n}" for n in range(1, 9)]
    assert [i.code for i in f59.indicators] == [str(n) for n in range(1, 48)]
    assert [d.weight for d in f59.domains] == [13, 25, Fraction("16.5"), Fraction("45.5")]
    assert [a.weight for a in f59.aspects] == [13, 10, 10, 5, 12, Fraction("4.5"), Fraction("27.5"), 18]
    weights = {i.code: i.weight for i in f59.indicators}
    assert weights["1"] == Fraction("1.3") and weights["11"] == Fraction("2.5")
    assert weights["21"] == Fraction("1.5") and weights["32"] == Fraction("2.75") and weights["47"] == 3
    assert not f59.provisional and (f59.year_from, f59.year_to) == (2020, 2025)
    assert [level.name for level in f59.levels] == [
        "Rintisan",
        "Terkelola",
        "Terdefinisi",
        "Terpadu dan Terukur",
        "Optimum",
    ]


@pytest.mark.parametrize("framework", all_frameworks(), ids=lambda f: f.id)
def test_every_indicator_has_five_criteria_in_both_languages(framework: Framework) -> None:
    for indicator in framework.indicators:
        assert sorted(indicator.criteria) == [1, 2, 3, 4, 5], indicator.code
        assert sorted(indicator.criteria_en) == [1, 2, 3, 4, 5], indicator.code
        texts = list(indicator.criteria.values())
        assert len(set(texts)) == 5, f"indicator {indicator.code} repeats a criterion"
        assert all(len(text) > 30 for text in texts), indicator.code


def test_5_2018_has_three_sector_items_sharing_the_aspect(f18: Framework) -> None:
    codes = [i.code for i in f18.indicators]
    assert codes == [str(n) for n in range(1, 35)] + ["35.1", "35.2", "35.3"]
    a7 = f18.aspects[-1]
    assert a7.weight == 20
    assert [i.weight for i in a7.indicators] == [Fraction(20, 6)] * 6
    assert (f18.values.minimum, f18.values.maximum, f18.values.decimals) == (0, 5, 0)


def test_8_2026_is_provisional_without_domains(f26: Framework) -> None:
    assert f26.provisional
    assert f26.domains == ()
    assert [a.weight for a in f26.aspects] == [10, 10, 15, 15, 10, 15, 25]
    assert len(f26.indicators) == 20
    assert {i.code: i.weight for i in f26.indicators}["20"] == 15
    assert (f26.values.minimum, f26.values.maximum, f26.values.decimals) == (1, 5, 2)
    assert [band.name for band in f26.predicates] == ["Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang"]


@pytest.mark.parametrize(
    ("year", "framework_id"),
    [
        (2018, "permenpanrb-5-2018"),
        (2019, "permenpanrb-5-2018"),
        (2020, "permenpanrb-59-2020"),
        (2022, "permenpanrb-59-2020"),
        (2025, "permenpanrb-59-2020"),
        (2026, "permenpanrb-8-2026"),
        (2031, "permenpanrb-8-2026"),
    ],
)
def test_framework_in_force_for_a_year(year: int, framework_id: str) -> None:
    assert framework_for_year(year).id == framework_id


def test_no_framework_before_2018() -> None:
    with pytest.raises(UnknownFrameworkError) as caught:
        framework_for_year(2015)
    assert "2015" in caught.value.message("id") and "permenpanrb-5-2018" in caught.value.message("id")


def test_unknown_framework_names_the_available_ones() -> None:
    with pytest.raises(UnknownFrameworkError) as caught:
        get_framework("permenpanrb-1-1999")
    message = caught.value.message("en")
    assert "permenpanrb-1-1999" in message and "permenpanrb-59-2020" in message


@pytest.mark.parametrize("framework_id", ["permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026"])
def test_json_snapshot_loads_back_to_the_same_framework(framework_id: str) -> None:
    import json

    from spbe.scoring import framework_snapshot, load_framework_data

    snapshot = framework_snapshot(framework_id)
    assert json.loads(json.dumps(snapshot)) == snapshot
    original = get_framework(framework_id)
    again = load_framework_data(snapshot)
    assert [(i.code, i.weight, i.aspect_code, dict(i.criteria)) for i in again.indicators] == [
        (i.code, i.weight, i.aspect_code, dict(i.criteria)) for i in original.indicators
    ]
    assert again.levels == original.levels and again.predicates == original.predicates
