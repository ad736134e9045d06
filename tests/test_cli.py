"""The `spbe` command as a user runs it: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from spbe.cli import main
from spbe.scoring import get_framework

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_levels(tmp_path: Path, rows: list[str], name: str = "levels.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def full_rows(framework_id: str = "permenpanrb-59-2020", value: str = "3", sep: str = ",") -> list[str]:
    framework = get_framework(framework_id)
    return [f"indicator{sep}level"] + [f"{i.code}{sep}{value}" for i in framework.indicators]


def test_frameworks_lists_all_three(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "frameworks")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("permenpanrb-59-2020") and " 47 " in line for line in lines)
    assert any(line.startswith("permenpanrb-5-2018") and " 37 " in line for line in lines)
    pemdi = next(line for line in lines if line.startswith("permenpanrb-8-2026"))
    assert " 20 " in pemdi and "ya" in pemdi


def test_score_json_has_the_agreed_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", str(EXAMPLES / "sukamaju-2022.csv"), "--year", "2022", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["framework", "index", "predicate", "domains", "aspects"]
    assert data["framework"] == "permenpanrb-59-2020"
    assert data["index"] == 2.75 and data["predicate"] == "Baik"
    assert data["domains"][0] == {
        "code": "D1",
        "name": "Kebijakan Internal SPBE",
        "weight": 13.0,
        "index": 3.0,
    }
    assert data["domains"][2]["weight"] == 16.5 and data["domains"][2]["index"] == 2.09
    assert data["aspects"][5] == {
        "code": "A6",
        "domain": "D3",
        "name": "Audit TIK",
        "weight": 4.5,
        "index": 1.67,
    }
    assert len(data["aspects"]) == 8


def test_score_json_without_domains(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "score",
        str(EXAMPLES / "sukamaju-2026-pemdi.csv"),
        "--framework",
        "permenpanrb-8-2026",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["domains"] == [] and len(data["aspects"]) == 7
    assert data["aspects"][0]["domain"] is None
    assert data["index"] == 1.94 and data["predicate"] == "Cukup"


def test_default_framework_is_the_one_in_force_this_year(capsys: pytest.CaptureFixture[str]) -> None:
    # 2026 and later use 8/2026: the 59/2020 example does not fit it
    code, _, err = run(capsys, "score", str(EXAMPLES / "sukamaju-2026-pemdi.csv"), "--json")
    assert code == 0 and err == ""


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(EXAMPLES / "sukamaju-2022.csv"), "--year", "2022")
    assert code == 0
    assert "Indeks: 2.75" in out and "Predikat: Baik" in out
    assert any(line.startswith("D3") and line.rstrip().endswith("16.5    2.09") for line in out.splitlines())
    code, out, _ = run(capsys, "--lang", "en", "score", str(EXAMPLES / "sukamaju-2022.csv"), "--year", "2022")
    assert "Index: 2.75" in out and "Predicate: Good" in out


def test_xlsx_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "level"])
    for indicator in get_framework("permenpanrb-59-2020").indicators:
        sheet.append([int(indicator.code), 4])
    path = tmp_path / "lke.xlsx"
    workbook.save(path)
    code, out, _ = run(capsys, "score", str(path), "--framework", "permenpanrb-59-2020", "--json")
    assert code == 0 and json.loads(out)["index"] == 4.0 and json.loads(out)["predicate"] == "Sangat Baik"


@pytest.mark.parametrize(
    ("row", "replacement", "sep", "expected"),
    [
        (5, "4,4,5", ",", "baris 5: ada 3 kolom"),
        (
            5,
            "4;4,5",
            ";",
            "baris 5: indikator 4: nilai 4,5 tidak diizinkan; gunakan bilangan bulat 1 sampai 5",
        ),
        (5, "4,x", ",", "baris 5: indikator 4: nilai x bukan angka"),
        (5, "4,6", ",", "baris 5: indikator 4: nilai 6 tidak diizinkan"),
        (5, "3,2", ",", "baris 5: indikator 3 sudah diisi di baris 4"),
        (1, "kode,skor", ",", "baris 1: kepala kolom harus indicator dan level"),
    ],
)
def test_bad_rows_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, row: int, replacement: str, sep: str, expected: str
) -> None:
    rows = full_rows(sep=sep)
    rows[row - 1] = replacement
    code, out, err = run(capsys, "score", str(write_levels(tmp_path, rows)), "--year", "2022")
    assert code == 2 and out == ""
    assert err.startswith(f"spbe: {expected}")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["score", "/nonexistent/levels.csv", "--year", "2022"],
            "berkas tidak ditemukan: /nonexistent/levels.csv",
        ),
        (
            ["score", "FILE", "--framework", "permenpanrb-99-2099"],
            "kerangka evaluasi tidak dikenal: permenpanrb-99-2099",
        ),
        (["score", "FILE", "--year", "2010"], "tidak ada kerangka evaluasi yang berlaku pada tahun 2010"),
        (["score", "FILE", "--year", "20x2"], "argument --year: tahun/year '20x2': gunakan 4 angka / use 4 digits"),
        (["score", "FILE", "--year", "٢٠٢٢"], "gunakan 4 angka / use 4 digits"),
        (["score"], "required"),
        (
            ["score", "FILE", "--framework", "permenpanrb-59-2020", "--year", "2022"],
            "not allowed with argument",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], expected: str
) -> None:
    path = str(write_levels(tmp_path, full_rows()))
    try:
        code = main([path if a == "FILE" else a for a in args])
    except SystemExit as exited:  # argparse's own usage errors
        code = exited.code  # type: ignore[assignment]
    _, err = capsys.readouterr()
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1


def test_missing_indicators_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [r for r in full_rows() if r.split(",")[0] not in {"12", "40"}]
    code, _, err = run(capsys, "--lang", "en", "score", str(write_levels(tmp_path, rows)), "--year", "2022")
    assert code == 2 and err == "spbe: indicators without a value: 12, 40\n"


def test_installed_console_script_runs(tmp_path: Path) -> None:
    exe = shutil.which("spbe") or str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "spbe")
    done = subprocess.run(
        [exe, "score", str(EXAMPLES / "sukamaju-2022.csv"), "--year", "2022", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["index"] == 2.75
    bad = write_levels(tmp_path, [*full_rows()[:-1], "47,9"])
    done = subprocess.run([exe, "score", str(bad), "--year", "2022"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("spbe: baris 48: indikator 47: nilai 9")
    assert "Traceback" not in done.stderr


def test_half_a_million_bad_rows_give_one_short_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("indicator,level\n" + "x\n" * 499_000, encoding="utf-8")
    code, out, err = run(capsys, "score", str(path), "--year", "2022")
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.rstrip().endswith("... dan 498.981 baris lainnya") and len(err) < 5_000
