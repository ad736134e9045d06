"""Load a framework from its YAML data and refuse it unless it is consistent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import yaml

from spbe.scoring.errors import FrameworkError, Problem
from spbe.scoring.model import (
    Aspect,
    Domain,
    Framework,
    Indicator,
    Level,
    PredicateBand,
    ValueRule,
)
from spbe.scoring.numbers import format_number, parse_weight

SCHEMA_VERSION = 1
_TOP_KEYS = {
    "id",
    "schema",
    "data_version",
    "title",
    "title_en",
    "regulation",
    "provisional",
    "years",
    "values",
    "levels",
    "predicates",
    "domains",
    "aspects",
    "sources",
}
_GROUP_KEYS = {"code", "name", "name_en", "weight"}
_INDICATOR_KEYS = _GROUP_KEYS | {"criteria", "criteria_en", "external", "external_en"}
HUNDRED = Fraction(100)


class _Invalid(Exception):
    """Raised inside the loader; turned into a FrameworkError naming the framework."""

    def __init__(self, detail: str | Problem) -> None:
        super().__init__(detail)
        self.detail = detail


def load_framework_text(text: str, *, source: str = "<text>") -> Framework:
    """Parse and validate framework YAML; raise FrameworkError naming what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _framework_error(source, f"not valid YAML ({exc})") from exc
    return load_framework_data(data, source=source)


def load_framework_data(data: Any, *, source: str = "<data>") -> Framework:
    """Validate framework data already parsed (from YAML, or a JSON snapshot whose keys are text)."""
    framework_id = data.get("id", source) if isinstance(data, dict) else source
    try:
        return _build(data)
    except _Invalid as exc:
        raise _framework_error(str(framework_id), exc.detail) from None


def _framework_error(framework_id: str, detail: str | Problem) -> FrameworkError:
    return FrameworkError([Problem("framework_invalid", {"framework": framework_id, "detail": detail})])


def _build(data: Any) -> Framework:
    mapping = _mapping(data, "the file")
    _no_unknown_keys(mapping, _TOP_KEYS, "the top level")
    if mapping.get("schema") != SCHEMA_VERSION:
        raise _Invalid(f"schema must be {SCHEMA_VERSION}")
    framework_id = _text(mapping, "id", "the top level")
    if "sources" in mapping and not all(isinstance(x, str) and x.strip() for x in _list(mapping["sources"], "sources")):
        raise _Invalid("sources must be a list of texts")
    values = _value_rule(_mapping(mapping.get("values"), "values"))
    levels = _levels(mapping.get("levels"), values)
    predicates = _predicates(mapping.get("predicates"), values)
    years = _mapping(mapping.get("years"), "years")
    year_from = _int(years.get("from"), "years.from")
    year_to = years.get("to")
    if year_to is not None and (_int(year_to, "years.to") < year_from):
        raise _Invalid("years.to is before years.from")

    criteria_levels = {level.value for level in levels if level.value >= 1}
    seen_codes: set[str] = set()
    if ("domains" in mapping) == ("aspects" in mapping):
        raise _Invalid("give either domains (with aspects inside) or aspects, not both or neither")
    domains: tuple[Domain, ...] = ()
    if "domains" in mapping:
        domains = tuple(_domain(item, criteria_levels, seen_codes) for item in _list(mapping["domains"], "domains"))
        aspects = tuple(aspect for domain in domains for aspect in domain.aspects)
        _check_sum("domain", "the whole index", [d.weight for d in domains], HUNDRED)
    else:
        aspects = tuple(
            _aspect(item, None, criteria_levels, seen_codes) for item in _list(mapping["aspects"], "aspects")
        )
        _check_sum("aspect", "the whole index", [a.weight for a in aspects], HUNDRED)
    indicators = tuple(indicator for aspect in aspects for indicator in aspect.indicators)
    _unique([i.code for i in indicators], "indicator")
    _unique([a.code for a in aspects], "aspect")
    _unique([d.code for d in domains], "domain")

    return Framework(
        id=framework_id,
        title=_text(mapping, "title", "the top level"),
        title_en=_text(mapping, "title_en", "the top level"),
        regulation=_text(mapping, "regulation", "the top level"),
        data_version=_text(mapping, "data_version", "the top level"),
        provisional=_bool(mapping.get("provisional"), "provisional"),
        year_from=year_from,
        year_to=year_to,
        values=values,
        levels=levels,
        predicates=predicates,
        domains=domains,
        aspects=aspects,
        indicators=indicators,
    )


def _domain(item: Any, criteria_levels: set[int], seen: set[str]) -> Domain:
    mapping = _mapping(item, "a domain")
    code = _text(mapping, "code", "a domain")
    _no_unknown_keys(mapping, _GROUP_KEYS | {"aspects"}, f"domain {code}")
    weight = _weight(mapping, f"domain {code}")
    aspects = tuple(_aspect(a, code, criteria_levels, seen) for a in _list(mapping.get("aspects"), f"domain {code}"))
    _check_sum("aspect", f"domain {code}", [a.weight for a in aspects], weight)
    return Domain(
        code=code,
        name=_text(mapping, "name", f"domain {code}"),
        name_en=str(mapping.get("name_en", "")),
        weight=weight,
        aspects=aspects,
    )


def _aspect(item: Any, domain_code: str | None, criteria_levels: set[int], seen: set[str]) -> Aspect:
    mapping = _mapping(item, "an aspect")
    code = _text(mapping, "code", "an aspect")
    _no_unknown_keys(mapping, _GROUP_KEYS | {"indicators"}, f"aspect {code}")
    weight = _weight(mapping, f"aspect {code}")
    indicators = tuple(_indicator(i, code, criteria_levels) for i in _list(mapping.get("indicators"), f"aspect {code}"))
    _check_sum("indicator", f"aspect {code}", [i.weight for i in indicators], weight)
    return Aspect(
        code=code,
        name=_text(mapping, "name", f"aspect {code}"),
        name_en=str(mapping.get("name_en", "")),
        weight=weight,
        domain_code=domain_code,
        indicators=indicators,
    )


def _indicator(item: Any, aspect_code: str, criteria_levels: set[int]) -> Indicator:
    mapping = _mapping(item, f"an indicator of aspect {aspect_code}")
    code = _text(mapping, "code", f"an indicator of aspect {aspect_code}")
    where = f"indicator {code}"
    _no_unknown_keys(mapping, _INDICATOR_KEYS, where)
    return Indicator(
        code=code,
        name=_text(mapping, "name", where),
        name_en=str(mapping.get("name_en", "")),
        weight=_weight(mapping, where),
        aspect_code=aspect_code,
        criteria=_criteria(mapping.get("criteria"), criteria_levels, f"{where} criteria"),
        criteria_en=_criteria(mapping.get("criteria_en"), criteria_levels, f"{where} criteria_en"),
        external=_optional_text(mapping, "external", where),
        external_en=_optional_text(mapping, "external_en", where),
    )


def _optional_text(mapping: Mapping[str, Any], key: str, where: str) -> str:
    value = mapping.get(key, "")
    if not isinstance(value, str):
        raise _Invalid(f"{where}: {key} must be text")
    return value.strip()


def _criteria(value: Any, levels: set[int], where: str) -> dict[int, str]:
    if value is None:
        return {}
    mapping = _int_keys(_mapping(value, where), where)
    if set(mapping) != levels:
        raise _Invalid(f"{where} must describe levels {sorted(levels)}, found {sorted(mapping, key=str)}")
    result = {}
    for level, text in mapping.items():
        if not isinstance(text, str) or not text.strip() or text.strip() == "TODO":
            raise _Invalid(f"{where} level {level} has no text")
        result[int(level)] = text.strip()
    return result


def _value_rule(mapping: Mapping[str, Any]) -> ValueRule:
    _no_unknown_keys(mapping, {"min", "max", "decimals", "exact"}, "values")
    rule = ValueRule(
        minimum=_int(mapping.get("min"), "values.min"),
        maximum=_int(mapping.get("max"), "values.max"),
        decimals=_int(mapping.get("decimals"), "values.decimals"),
        exact=_bool(mapping.get("exact", False), "values.exact"),
    )
    if not rule.minimum < rule.maximum or not 0 <= rule.decimals <= 4 or rule.minimum < 0:
        raise _Invalid("values need 0 <= min < max and 0 <= decimals <= 4")
    return rule


def _levels(value: Any, rule: ValueRule) -> tuple[Level, ...]:
    mapping = _int_keys(_mapping(value, "levels"), "levels")
    expected = set(range(rule.minimum, rule.maximum + 1))
    if set(mapping) != expected:
        raise _Invalid(f"levels must name every whole value {sorted(expected)}")
    levels = []
    for number in sorted(expected):
        entry = _mapping(mapping[number], f"level {number}")
        levels.append(Level(number, _text(entry, "name", f"level {number}"), str(entry.get("name_en", ""))))
    return tuple(levels)


def _predicates(value: Any, rule: ValueRule) -> tuple[PredicateBand, ...]:
    bands = []
    for item in _list(value, "predicates"):
        entry = _mapping(item, "a predicate")
        try:
            minimum = Decimal(str(entry.get("min")))
        except InvalidOperation:
            raise _Invalid(f"predicate min {entry.get('min')!r} is not a number") from None
        bands.append(PredicateBand(minimum, _text(entry, "name", "a predicate"), str(entry.get("name_en", ""))))
    minimums = [band.minimum for band in bands]
    if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
        raise _Invalid("predicates must be listed from the highest lower bound down, without repeats")
    if minimums[-1] != rule.minimum:
        raise _Invalid(f"the lowest predicate must start at the lowest value {rule.minimum}")
    if minimums[0] > rule.maximum:
        raise _Invalid(f"a predicate starts above the highest value {rule.maximum}")
    return tuple(bands)


def _check_sum(parts: str, group: str, weights: Iterable[Fraction], expected: Fraction) -> None:
    actual = sum(weights, Fraction(0))
    if actual != expected:
        raise _Invalid(
            Problem(
                "weights_do_not_add_up",
                {
                    "parts": parts,
                    "group": group,
                    "actual": format_number(actual),
                    "expected": format_number(expected),
                },
            )
        )


def _unique(codes: list[str], kind: str) -> None:
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise _Invalid(f"{kind} codes appear more than once: {', '.join(repeated)}")


def _weight(mapping: Mapping[str, Any], where: str) -> Fraction:
    try:
        weight = parse_weight(mapping.get("weight"))
    except ValueError as exc:
        raise _Invalid(f"{where}: {exc}") from None
    if weight <= 0:
        raise _Invalid(f"{where}: weight must be positive")
    return weight


def _mapping(value: Any, where: str) -> Mapping[Any, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"{where} must be a mapping")
    return value


def _int_keys(mapping: Mapping[Any, Any], where: str) -> dict[int, Any]:
    """Level numbers as int keys; JSON snapshots turn them into text ("1")."""
    result: dict[int, Any] = {}
    for key, value in mapping.items():
        if isinstance(key, bool) or not (isinstance(key, int) or (isinstance(key, str) and key.isdigit())):
            raise _Invalid(f"{where} keys must be level numbers, found {key!r}")
        result[int(key)] = value
    return result


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise _Invalid(f"{where} must be a non-empty list")
    return value


def _text(mapping: Mapping[str, Any], key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{where}: {key} must be non-empty text")
    return value.strip()


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"{where} must be a whole number")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{where} must be true or false")
    return value


def _no_unknown_keys(mapping: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in set(mapping) - allowed)
    if unknown:
        raise _Invalid(f"{where} has unknown keys: {', '.join(unknown)}")
