"""The frameworks shipped with SPBE Suite, and which one applies to a year."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any, cast
from zoneinfo import ZoneInfo

import yaml

from spbe.scoring.errors import Problem, UnknownFrameworkError
from spbe.scoring.loader import load_framework_text
from spbe.scoring.model import Framework

DATA_PACKAGE = "spbe.scoring.frameworks"
# Evaluation years are Indonesian calendar years; the ministry works in WIB.
MINISTRY_ZONE = ZoneInfo("Asia/Jakarta")


@cache
def _shipped() -> dict[str, tuple[Framework, str]]:
    """Every shipped framework with its source text, validated."""
    loaded = {}
    for entry in resources.files(DATA_PACKAGE).iterdir():
        if entry.name.endswith(".yaml"):
            text = entry.read_text(encoding="utf-8")
            framework = load_framework_text(text, source=entry.name)
            if f"{framework.id}.yaml" != entry.name:
                raise ValueError(f"{entry.name} holds framework {framework.id}; name the file after its id")
            loaded[framework.id] = (framework, text)
    return loaded


def all_frameworks() -> tuple[Framework, ...]:
    """Every shipped framework, validated, oldest first."""
    return tuple(sorted((f for f, _ in _shipped().values()), key=lambda f: f.year_from))


def framework_snapshot(framework_id: str) -> dict[str, Any]:
    """The framework's data as plain JSON-ready values, to freeze into an assessment.

    ``load_framework_data`` turns a snapshot back into the same framework.
    """
    get_framework(framework_id)  # raises for an unknown id
    data = yaml.safe_load(_shipped()[framework_id][1])
    return cast(dict[str, Any], json.loads(json.dumps(data)))


def get_framework(framework_id: str) -> Framework:
    for framework in all_frameworks():
        if framework.id == framework_id:
            return framework
    raise UnknownFrameworkError([Problem("unknown_framework", {"framework": framework_id, "known": _known()})])


def framework_for_year(year: int) -> Framework:
    """The framework in force for an evaluation year (the newest one if several)."""
    matching = [f for f in all_frameworks() if f.applies_to(year)]
    if not matching:
        raise UnknownFrameworkError([Problem("no_framework_for_year", {"year": year, "known": _known()})])
    return max(matching, key=lambda f: f.year_from)


def current_year() -> int:
    return datetime.now(MINISTRY_ZONE).year


def _known() -> str:
    return ", ".join(f"{f.id} ({f.years_label})" for f in all_frameworks())
