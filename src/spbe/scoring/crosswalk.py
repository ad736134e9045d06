"""Crosswalks between frameworks, and the estimated index they give. Not official.

A crosswalk maps each indicator of a newer framework (the target) to the indicators of an
older one (the source) whose evidence serves it. No official crosswalk from 59/2020 to
8/2026 exists; the shipped file is the project's own subject matching, and every figure
derived from it is an *estimate* (``CrosswalkEstimate.is_estimate``), never a result.

Estimate: each target indicator gets the mean of its mapped source levels (an exact
``Fraction``), never below the target's lowest value; an indicator with no mapping, or whose
mapped levels are all unknown, gets that lowest value. The index is then computed as the
ministry does (sum of value x weight / 100), exactly, and rounded only for display.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

import yaml

from spbe.scoring.errors import FrameworkError, Problem
from spbe.scoring.model import Framework, PredicateBand
from spbe.scoring.numbers import hundredths_half_up, hundredths_to_decimal
from spbe.scoring.registry import all_frameworks

DATA_PACKAGE = "spbe.scoring.crosswalks"
SCHEMA_VERSION = 1
_TOP_KEYS = {
    "id",
    "schema",
    "data_version",
    "source",
    "target",
    "official",
    "title",
    "title_en",
    "basis",
    "basis_en",
    "mapping",
}
_ENTRY_KEYS = {"from", "note", "note_en"}


@dataclass(frozen=True)
class CrosswalkEntry:
    target_code: str
    source_codes: tuple[str, ...]
    note: str
    note_en: str

    def note_label(self, lang: str = "id") -> str:
        return self.note_en if lang == "en" and self.note_en else self.note


@dataclass(frozen=True, eq=False)
class Crosswalk:
    id: str
    data_version: str
    source: Framework
    target: Framework
    official: bool
    title: str
    title_en: str
    basis: str
    basis_en: str
    entries: tuple[CrosswalkEntry, ...]  # in the target's indicator order

    def label(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title

    def basis_label(self, lang: str = "id") -> str:
        return self.basis_en if lang == "en" else self.basis

    def sources_of(self, target_code: str) -> tuple[str, ...]:
        for entry in self.entries:
            if entry.target_code == target_code:
                return entry.source_codes
        return ()


@dataclass(frozen=True)
class EstimatedIndicator:
    code: str
    name: str
    name_en: str
    source_codes: tuple[str, ...]
    known_sources: int  # how many mapped source indicators had a level
    level: Fraction
    note: str
    note_en: str

    @property
    def level_rounded(self) -> Decimal:
        return hundredths_to_decimal(hundredths_half_up(self.level.numerator, self.level.denominator))

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def note_label(self, lang: str = "id") -> str:
        return self.note_en if lang == "en" and self.note_en else self.note


@dataclass(frozen=True)
class CrosswalkEstimate:
    """An estimated target index from source levels. Always an estimate, never an official value."""

    crosswalk: Crosswalk
    indicators: tuple[EstimatedIndicator, ...]
    index: Fraction
    is_estimate: bool = True

    @property
    def index_rounded(self) -> Decimal:
        return hundredths_to_decimal(hundredths_half_up(self.index.numerator, self.index.denominator))

    @property
    def predicate(self) -> PredicateBand:
        rounded = self.index_rounded
        for band in self.crosswalk.target.predicates:
            if rounded >= band.minimum:
                return band
        return self.crosswalk.target.predicates[-1]

    def levels(self) -> dict[str, Fraction]:
        return {row.code: row.level for row in self.indicators}


def estimate_from(crosswalk: Crosswalk, levels: Mapping[str, Fraction | Decimal | int | None]) -> CrosswalkEstimate:
    """Estimate the target framework's levels and index from a set of source levels.

    ``levels`` maps source indicator codes to their level (``None`` or absent when unknown).
    """
    floor = Fraction(crosswalk.target.values.minimum)
    ceiling = Fraction(crosswalk.target.values.maximum)
    rows = []
    total = Fraction(0)
    for entry in crosswalk.entries:
        indicator = crosswalk.target.indicator_index[entry.target_code]
        known = [Fraction(levels[c]) for c in entry.source_codes if levels.get(c) is not None]  # type: ignore[arg-type]
        level = sum(known, Fraction(0)) / len(known) if known else floor
        level = min(max(level, floor), ceiling)
        total += level * indicator.weight
        rows.append(
            EstimatedIndicator(
                code=indicator.code,
                name=indicator.name,
                name_en=indicator.name_en,
                source_codes=entry.source_codes,
                known_sources=len(known),
                level=level,
                note=entry.note,
                note_en=entry.note_en,
            )
        )
    return CrosswalkEstimate(crosswalk=crosswalk, indicators=tuple(rows), index=total / 100)


class _Invalid(Exception):
    pass


def load_crosswalk_text(text: str, *, frameworks: Mapping[str, Framework], source: str = "<text>") -> Crosswalk:
    """Parse and validate crosswalk YAML against the frameworks it names; raise FrameworkError."""
    try:
        data = yaml.safe_load(text)
        return _build(data, frameworks)
    except yaml.YAMLError as exc:
        detail = f"not valid YAML ({exc})"
    except _Invalid as exc:
        detail = str(exc)
    raise FrameworkError([Problem("framework_invalid", {"framework": source, "detail": detail})])


def _build(data: Any, frameworks: Mapping[str, Framework]) -> Crosswalk:
    if not isinstance(data, dict):
        raise _Invalid("the file must be a mapping")
    unknown = sorted(str(k) for k in set(data) - _TOP_KEYS)
    if unknown:
        raise _Invalid(f"unknown keys at the top level: {', '.join(unknown)}")
    if data.get("schema") != SCHEMA_VERSION:
        raise _Invalid(f"schema must be {SCHEMA_VERSION}")
    texts = {key: data.get(key) for key in _TOP_KEYS - {"schema", "official", "mapping"}}
    for key, value in texts.items():
        if not isinstance(value, str) or not value.strip():
            raise _Invalid(f"{key} must be non-empty text")
    if not isinstance(data.get("official"), bool):
        raise _Invalid("official must be true or false")
    source = frameworks.get(data["source"])
    target = frameworks.get(data["target"])
    if source is None or target is None:
        raise _Invalid(f"unknown framework in source/target: {data['source']} -> {data['target']}")
    mapping = data.get("mapping")
    if not isinstance(mapping, dict):
        raise _Invalid("mapping must be a mapping from target indicator codes")
    mapping = {str(k): v for k, v in mapping.items()}
    missing = [i.code for i in target.indicators if i.code not in mapping]
    if missing:
        raise _Invalid(f"target indicators without an entry: {', '.join(missing)}")
    extra = sorted(set(mapping) - set(target.indicator_index))
    if extra:
        raise _Invalid(f"codes unknown in {target.id}: {', '.join(extra)}")
    entries = []
    for indicator in target.indicators:
        entry = mapping[indicator.code]
        where = f"entry {indicator.code}"
        if not isinstance(entry, dict) or set(entry) - _ENTRY_KEYS or "from" not in entry:
            raise _Invalid(f"{where} must hold from (a list) and optional note, note_en")
        codes = entry["from"]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise _Invalid(f"{where}: from must be a list of indicator codes written as text")
        unknown_codes = [c for c in codes if c not in source.indicator_index]
        if unknown_codes:
            raise _Invalid(f"{where}: codes unknown in {source.id}: {', '.join(unknown_codes)}")
        if len(set(codes)) != len(codes):
            raise _Invalid(f"{where}: a code is listed twice")
        entries.append(
            CrosswalkEntry(
                target_code=indicator.code,
                source_codes=tuple(codes),
                note=str(entry.get("note", "")).strip(),
                note_en=str(entry.get("note_en", "")).strip(),
            )
        )
    return Crosswalk(
        id=data["id"].strip(),
        data_version=data["data_version"].strip(),
        source=source,
        target=target,
        official=data["official"],
        title=data["title"].strip(),
        title_en=data["title_en"].strip(),
        basis=" ".join(data["basis"].split()),
        basis_en=" ".join(data["basis_en"].split()),
        entries=tuple(entries),
    )


@cache
def all_crosswalks() -> tuple[Crosswalk, ...]:
    """Every shipped crosswalk, validated against the shipped frameworks."""
    frameworks = {f.id: f for f in all_frameworks()}
    loaded = []
    for entry in sorted(resources.files(DATA_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            crosswalk = load_crosswalk_text(entry.read_text(encoding="utf-8"), frameworks=frameworks, source=entry.name)
            if f"{crosswalk.id}.yaml" != entry.name:
                raise ValueError(f"{entry.name} holds crosswalk {crosswalk.id}; name the file after its id")
            loaded.append(crosswalk)
    return tuple(loaded)


def crosswalk_between(source_id: str, target_id: str) -> Crosswalk | None:
    """The shipped crosswalk from one framework to another, or None."""
    for crosswalk in all_crosswalks():
        if crosswalk.source.id == source_id and crosswalk.target.id == target_id:
            return crosswalk
    return None
