"""Results as plain data for JSON, shared by the CLI, the web pages and the API."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from spbe.scoring.calculator import ScoreResult
from spbe.scoring.numbers import round_half_up
from spbe.scoring.planner import Plan


def as_json_number(value: Fraction | Decimal) -> float:
    """A figure rounded half-up to 2 decimals, as a JSON number.

    The float is made from the already rounded decimal text, so it prints as
    exactly those digits; no computation happens in binary floating point.
    """
    rounded = value if isinstance(value, Decimal) else round_half_up(value)
    return float(rounded)


def result_as_dict(result: ScoreResult) -> dict[str, Any]:
    """The agreed JSON shape of ``spbe score --json``."""
    return {
        "framework": result.framework.id,
        "index": as_json_number(result.index_rounded),
        "predicate": result.predicate.name,
        "domains": [
            {
                "code": domain.code,
                "name": domain.name,
                "weight": as_json_number(domain.weight),
                "index": as_json_number(domain.index_rounded),
            }
            for domain in result.domains
        ],
        "aspects": [
            {
                "code": aspect.code,
                "domain": aspect.domain_code,
                "name": aspect.name,
                "weight": as_json_number(aspect.weight),
                "index": as_json_number(aspect.index_rounded),
            }
            for aspect in result.aspects
        ],
    }


def _number(value: Decimal) -> int | float:
    """An exact decimal as a JSON number: an int when whole, else the float of its digits."""
    return int(value) if value == value.to_integral_value() else float(value)


def plan_as_dict(result: Plan) -> dict[str, Any]:
    """The agreed JSON shape of ``spbe plan --json``."""
    return {
        "framework": result.framework_id,
        "target": as_json_number(result.target),
        "reachable": result.reachable,
        "index_before": as_json_number(result.index_before),
        "index_after": as_json_number(result.index_after),
        "cost": _number(result.cost),
        "steps": [
            {
                "indicator": step.indicator,
                "from": _number(step.from_value),
                "to": step.to_level,
                "cost": _number(step.cost),
            }
            for step in result.steps
        ],
    }
