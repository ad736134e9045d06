"""The crosswalk 59/2020 -> 8/2026: a complete, valid data file and an estimate that says it is one."""

from __future__ import annotations

from fractions import Fraction

import pytest

from spbe.scoring import Framework, all_frameworks
from spbe.scoring.crosswalk import all_crosswalks, crosswalk_between, estimate_from, load_crosswalk_text
from spbe.scoring.errors import FrameworkError

FRAMEWORKS = {f.id: f for f in all_frameworks()}
CROSSWALK = crosswalk_between("permenpanrb-59-2020", "permenpanrb-8-2026")


def test_the_shipped_crosswalk_covers_every_pemdi_indicator_with_existing_59_2020_codes(
    f59: Framework, f26: Framework
) -> None:
    assert CROSSWALK is not None and CROSSWALK in all_crosswalks()
    assert not CROSSWALK.official
    assert [e.target_code for e in CROSSWALK.entries] == [i.code for i in f26.indicators]
    for entry in CROSSWALK.entries:
        assert all(code in f59.indicator_index for code in entry.source_codes), entry.target_code
        assert entry.note and entry.note_en, entry.target_code
    # subject matches a reader can check against the indicator names
    assert set(CROSSWALK.sources_of("16")) == {"7", "18"}  # integration <- service bus
    assert {"29", "30", "31"} <= set(CROSSWALK.sources_of("9"))  # security audit <- ICT audits
    assert set(CROSSWALK.sources_of("13")) == {"4", "15"}  # applications
    assert {"11", "19"} <= set(CROSSWALK.sources_of("1"))  # architecture, coordination team
    assert CROSSWALK.sources_of("6") == () and CROSSWALK.sources_of("7") == ()
    # every 59/2020 indicator's evidence serves at least one Pemdi indicator
    used = {code for entry in CROSSWALK.entries for code in entry.source_codes}
    assert used == set(f59.indicator_index)


def test_the_header_says_it_is_not_official_and_what_it_rests_on() -> None:
    assert CROSSWALK is not None
    text = CROSSWALK.basis_en
    assert "No official mapping exists" in text and "962/2021" in text
    assert "59/2020" in CROSSWALK.basis and "8/2026" in CROSSWALK.basis
    assert "bukan" in CROSSWALK.title


def test_estimate_from_a_known_59_2020_result() -> None:
    assert CROSSWALK is not None
    levels = {str(n): 3 for n in range(1, 48)}
    levels.update({"29": 1, "30": 2, "31": 1, "9": 2, "25": 5})
    estimate = estimate_from(CROSSWALK, levels)
    assert estimate.is_estimate
    rows = {row.code: row for row in estimate.indicators}
    assert rows["9"].level == Fraction(2 + 1 + 2 + 1, 4) == Fraction(3, 2)  # exact mean
    assert rows["3"].level == 5
    assert rows["6"].level == 1 and rows["7"].level == 1 and rows["6"].known_sources == 0
    assert rows["12"].level == Fraction(3 + 1, 2)
    # every other Pemdi indicator is 3; by weight: 6 and 7 (3 each) at 1, 9 (4) at 3/2, 3 (5) at 5, 12 (4) at 2
    assert all(row.level == 3 for row in estimate.indicators if row.code not in {"3", "6", "7", "9", "12"})
    assert estimate.index == Fraction(300 - 2 * 3 - 2 * 3 - 4 * Fraction(3, 2) + 5 * 2 - 4 * 1, 100)
    assert str(estimate.index_rounded) == "2.88" and estimate.predicate.name == "Baik"


def test_unknown_levels_are_left_out_and_the_estimate_never_falls_below_one() -> None:
    assert CROSSWALK is not None
    estimate = estimate_from(CROSSWALK, {"25": None, "22": 4})
    rows = {row.code: row for row in estimate.indicators}
    assert rows["3"].level == 1 and rows["3"].known_sources == 0
    assert rows["11"].level == 4 and rows["10"].level == 4  # 8 unknown: the mean of what is known
    assert all(row.level >= 1 for row in estimate.indicators)
    assert estimate_from(CROSSWALK, {}).index == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('  "20":\n    from: ["42"]', '  "20":\n    from: ["99"]'),
            "codes unknown in permenpanrb-59-2020: 99",
        ),
        (lambda t: t.replace('  "20":\n', '  "21":\n'), "target indicators without an entry: 20"),
        (lambda t: t.replace("official: false", "official: maybe"), "official must be true or false"),
        (lambda t: t.replace('from: ["25"]', 'from: ["25", "25"]'), "listed twice"),
        (lambda t: t.replace('from: ["25"]', "from: [25]"), "written as text"),
    ],
)
def test_a_broken_crosswalk_is_refused_naming_the_problem(change, message) -> None:  # type: ignore[no-untyped-def]
    from importlib import resources

    text = (
        resources.files("spbe.scoring.crosswalks")
        .joinpath("permenpanrb-59-2020-to-permenpanrb-8-2026.yaml")
        .read_text(encoding="utf-8")
    )
    broken = change(text)
    assert broken != text
    with pytest.raises(FrameworkError) as caught:
        load_crosswalk_text(broken, frameworks=FRAMEWORKS, source="test.yaml")
    assert message in caught.value.message("en")
