"""The framework model: plain frozen dataclasses, no Django."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from spbe.scoring.errors import Problem


@dataclass(frozen=True)
class ValueRule:
    """The values an indicator may take: ``minimum``..``maximum`` with ``decimals`` places.

    With ``exact`` any exact number in the range is allowed (1.265, 7/6), kept as given;
    ``decimals`` is then the number of places shown.
    """

    minimum: int
    maximum: int
    decimals: int
    exact: bool = False

    @property
    def scale(self) -> int:
        return int(10**self.decimals)

    def allowed_values(self) -> dict[int | Decimal, int]:
        """Every allowed value mapped to its integer count of 1/scale units.

        Whole values are keyed by ``int`` and the others by ``Decimal``. Python
        hashes equal numbers alike, so an ``int``, ``Decimal`` or ``Fraction``
        equal to an allowed value finds its entry, and the common case (an
        ``int`` level) compares int to int, which keeps bulk scoring fast.
        """
        scale = self.scale
        allowed: dict[int | Decimal, int] = {}
        for units in range(self.minimum * scale, self.maximum * scale + 1):
            whole, rest = divmod(units, scale)
            allowed[whole if rest == 0 else Decimal(units).scaleb(-self.decimals)] = units
        return allowed

    def allows(self, value: object) -> bool:
        if isinstance(value, (bool, float)):
            return False
        try:
            if value in self.allowed_values_cached:
                return True
        except TypeError:
            return False
        if not self.exact or not isinstance(value, (int, Decimal, Fraction)):
            return False
        if isinstance(value, Decimal) and not value.is_finite():
            return False
        return self.minimum <= value <= self.maximum

    def units(self, value: int | Decimal | Fraction) -> int | Fraction:
        """An allowed value in 1/scale units: an ``int``, or a ``Fraction`` for an exact value."""
        found = self.allowed_values_cached.get(value)  # type: ignore[arg-type]  # equal numbers hash alike
        if found is not None:
            return found
        return Fraction(value) * self.scale

    @property
    def allowed_values_cached(self) -> dict[int | Decimal, int]:
        cached: dict[int | Decimal, int] | None = self.__dict__.get("_allowed")
        if cached is None:
            cached = self.allowed_values()
            object.__setattr__(self, "_allowed", cached)
        return cached

    def problem(self) -> Problem:
        """The rule as a message, to tell a user what to enter instead."""
        if self.exact:
            return Problem("rule_exact", {"minimum": self.minimum, "maximum": self.maximum})
        if self.decimals:
            return Problem(
                "rule_decimals",
                {"minimum": self.minimum, "maximum": self.maximum, "decimals": self.decimals},
            )
        return Problem("rule_integers", {"minimum": self.minimum, "maximum": self.maximum})


@dataclass(frozen=True)
class Level:
    value: int
    name: str
    name_en: str


@dataclass(frozen=True)
class PredicateBand:
    """A rating band; ``minimum`` is inclusive and compared with the rounded index."""

    minimum: Decimal
    name: str
    name_en: str

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name


@dataclass(frozen=True, eq=False)
class Indicator:
    code: str
    name: str
    name_en: str
    weight: Fraction
    aspect_code: str
    criteria: Mapping[int, str] = field(default_factory=dict)
    criteria_en: Mapping[int, str] = field(default_factory=dict)
    # The national index this indicator's value comes from ("" when the assessor judges it).
    external: str = ""
    external_en: str = ""

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def external_label(self, lang: str = "id") -> str:
        return self.external_en if lang == "en" and self.external_en else self.external

    def criterion(self, level: int, lang: str = "id") -> str:
        if lang == "en" and level in self.criteria_en:
            return self.criteria_en[level]
        return self.criteria.get(level, "")


@dataclass(frozen=True, eq=False)
class Aspect:
    code: str
    name: str
    name_en: str
    weight: Fraction
    domain_code: str | None
    indicators: tuple[Indicator, ...]

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True, eq=False)
class Domain:
    code: str
    name: str
    name_en: str
    weight: Fraction
    aspects: tuple[Aspect, ...]

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True, eq=False)
class Framework:
    """An evaluation instrument: its hierarchy, weights, values and predicate bands.

    Identity, not value, makes two frameworks equal, so a loaded framework can
    key caches.
    """

    id: str
    title: str
    title_en: str
    regulation: str
    data_version: str
    provisional: bool
    year_from: int
    year_to: int | None
    values: ValueRule
    levels: tuple[Level, ...]
    predicates: tuple[PredicateBand, ...]  # highest band first
    domains: tuple[Domain, ...]
    aspects: tuple[Aspect, ...]
    indicators: tuple[Indicator, ...]

    def label(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title

    @property
    def has_domains(self) -> bool:
        return bool(self.domains)

    def applies_to(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    def indicator(self, code: str) -> Indicator | None:
        return self.indicator_index.get(code)

    @property
    def indicator_index(self) -> dict[str, Indicator]:
        index: dict[str, Indicator] | None = self.__dict__.get("_indicator_index")
        if index is None:
            index = {indicator.code: indicator for indicator in self.indicators}
            object.__setattr__(self, "_indicator_index", index)
        return index

    @property
    def years_label(self) -> str:
        if self.year_to is None:
            return f"{self.year_from}-"
        if self.year_to == self.year_from:
            return str(self.year_from)
        return f"{self.year_from}-{self.year_to}"
