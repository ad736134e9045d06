"""`spbe plan`: the agreed JSON, the readable table, and one-line errors with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spbe.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LEVELS = str(EXAMPLES / "sukamaju-2022.csv")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exited:
        code = exited.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    return code, out, err


def costs(tmp_path: Path, *rows: str, sep: str = ",") -> str:
    path = tmp_path / "costs.csv"
    header = sep.join(["indicator", "max_level", "cost_2", "cost_3", "cost_4", "cost_5"])
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_json_has_the_agreed_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "3.50", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["framework", "target", "reachable", "index_before", "index_after", "cost", "steps"]
    assert data["framework"] == "permenpanrb-59-2020" and data["target"] == 3.5 and data["reachable"] is True
    assert data["index_before"] == 2.75 and data["index_after"] == 3.5
    assert all(list(step) == ["indicator", "from", "to", "cost"] for step in data["steps"])
    assert data["cost"] == sum(step["cost"] for step in data["steps"])
    assert data["steps"][0] == {"indicator": "11", "from": 2, "to": 4, "cost": 5}  # 3 + 4 by default


def test_costs_file_locks_and_reprices(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = costs(tmp_path, "11;2;;;;", "44;;;;0,5;", sep=";")
    code, out, _ = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "3.50", "--costs", path, "--json")
    steps = {step["indicator"]: step for step in json.loads(out)["steps"]}
    assert code == 0 and "11" not in steps
    assert steps["44"]["cost"] == 0.5 and steps["44"]["to"] == 4


def test_unreachable_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "5", "--json")
    data = json.loads(out)
    assert code == 0 and data["reachable"] is False and data["index_after"] < 5


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "3,50")
    assert code == 0 and "Target: 3.50 (tercapai)" in out and "Indeks: 2.75 -> 3.50" in out
    code, out, _ = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "2.00")
    assert "Target sudah tercapai" in out


@pytest.mark.parametrize(
    ("args", "rows", "expected"),
    [
        (["--target", "tiga"], None, "spbe: target tiga bukan angka"),
        (["--target", "3" * 5000], None, "spbe: target 33333333333333333333... bukan angka"),
        (["--target", "３,５"], None, "spbe: target ３,５ bukan angka"),
        (["--target", "6"], None, "spbe: target 6 tidak sah"),
        (["--target", "3.50"], ["11,x,,,,"], "spbe: baris 2: indikator 11: level maksimum x harus bilangan bulat"),
        (["--target", "3.50"], ["12,,,,,", "12,,,,,"], "spbe: baris 3: indikator 12 sudah diisi di baris 2"),
        (["--target", "3.50"], ["99,,,,,"], "spbe: baris 2: kode indikator 99 tidak dikenal"),
        (["--target", "3.50"], ["44,,,,-2,"], "spbe: baris 2: indikator 44: biaya menuju level 4 (-2)"),
        (["--target", "3.50"], ["45,1,,,,"], "spbe: indikator 45: level maksimum 1 harus antara"),
        (["--target", "3.50"], ["45,,1,2,3,4,5"], "spbe: baris 2: ada 7 kolom"),
        ([], None, "the following arguments are required: --target"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], rows: list[str] | None, expected: str
) -> None:
    extra = ["--costs", costs(tmp_path, *rows)] if rows else []
    code, out, err = run(capsys, "plan", LEVELS, "--year", "2022", *args, *extra)
    assert code == 2 and out == ""
    assert expected in err and err.count("\n") == 1


def test_bad_costs_header(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("kode,biaya\n11,3\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "3.5", "--costs", str(path))
    assert code == 2 and err.startswith("spbe: baris 1: kepala kolom harus indicator,max_level,cost_2")


@pytest.mark.parametrize(
    "row",
    ["11,,123456789012345678901234567,,,", "11," + "9" * 5000 + ",,,,"],
    ids=["27-digit cost", "5000-digit max_level"],
)
def test_over_long_numbers_in_costs_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, row: str
) -> None:
    code, out, err = run(capsys, "plan", LEVELS, "--year", "2022", "--target", "3.5", "--costs", costs(tmp_path, row))
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith("spbe: baris 2: indikator 11: angka ") and "terlalu panjang" in err
    assert len(err) < 200
