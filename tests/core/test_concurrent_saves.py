"""Ten simultaneous saves of one answer on a file-based SQLite database: no 500, nothing half-stored.

Each case runs ``concurrent_saves.py`` in its own process on a fresh SQLite file (the suite's
own database lives in memory, where SQLite locks differently). PostgreSQL is not run here:
its row locks (``select_for_update`` in the services) already queue the writers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("concurrent_saves.py")
ROOT = Path(__file__).resolve().parents[2]


def run(mode: str, tmp_path: Path, timeout: str | None = None) -> dict[str, object]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SPBE_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "spbe.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'spbe.sqlite3'}",
        "SPBE_VAR_DIR": str(tmp_path),
    }
    if timeout is not None:
        env["SPBE_SQLITE_TIMEOUT"] = timeout
    done = subprocess.run(
        [sys.executable, str(SCRIPT), mode], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_ten_simultaneous_service_saves_all_succeed_in_turn(tmp_path: Path) -> None:
    result = run("service", tmp_path)
    assert result["outcomes"] == ["saved"] * 10
    assert result["version_after"] == 10
    assert result["new_events"] == 10
    assert result["journal_mode"] == "wal"


def test_ten_simultaneous_page_saves_give_one_save_and_clear_conflicts(tmp_path: Path) -> None:
    result = run("view", tmp_path)
    outcomes = result["outcomes"]
    assert isinstance(outcomes, list)
    assert sorted(outcomes) == ["conflict"] * 9 + ["saved"]  # all sent the same version: one wins
    assert result["version_after"] == 1
    assert result["new_events"] == 1


def test_a_database_still_busy_gives_the_clear_503_and_stores_nothing_half(tmp_path: Path) -> None:
    result = run("view", tmp_path, timeout="0")  # no waiting: the writers that find it locked are told so
    outcomes = result["outcomes"]
    assert isinstance(outcomes, list)
    assert set(outcomes) <= {"saved", "conflict", "busy"}, outcomes
    saved = outcomes.count("saved")
    assert result["version_after"] == saved
    assert result["new_events"] == saved
