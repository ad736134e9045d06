"""The SVG charts: well-formed, labelled, every value shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from tests.reports.report_samples import (
    SVG,
)

from spbe.reports.charts import bars_svg, radar_svg, trend_svg
from spbe.reports.data import (
    ReportData,
)

# --- charts -------------------------------------------------------------------------------


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


def _text(root: ET.Element) -> str:
    """Every drawn text, one piece per (t)span: wrapped labels come back with spaces between lines."""
    return " ".join(" ".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def _font_sizes(root: ET.Element) -> set[float]:
    return {float(node.attrib["font-size"]) for node in root.iter() if "font-size" in node.attrib}


def test_radar_has_every_label_and_value(full_id: ReportData) -> None:
    labels = [line.name for line in full_id.domains]
    series = [
        ("Mandiri", [line.self_index for line in full_id.domains]),
        ("Terverifikasi", [line.verified_index for line in full_id.domains]),
    ]
    root = _parse(radar_svg(labels, series, 5, title="Indeks per domain"))
    text = " ".join(_text(root).split())
    for label in labels:
        assert label in text
    for _name, values in series:
        for value in values:
            assert f"{value:.2f}" in text
    assert "Mandiri" in text and "Terverifikasi" in text
    assert all(str(level) in text for level in range(1, 6))  # the scale
    assert min(_font_sizes(root)) >= 9
    assert root.findtext(f"{SVG}title") == "Indeks per domain"
    assert "Kebijakan Internal SPBE" in (root.findtext(f"{SVG}desc") or "")


def test_radar_with_few_axes_and_missing_values_still_draws() -> None:
    for labels in ([], ["Tata Kelola"], ["Tata Kelola", "Layanan"]):
        values: list[Decimal | None] = [Decimal("1.26")] * len(labels)
        root = _parse(radar_svg(labels, [("Mandiri", values)], 5, fmt=lambda v: f"{v:.2f}".replace(".", ",")))
        text = _text(root)
        assert all(label in text for label in labels)
        if labels:
            assert "1,26" in text
    root = _parse(radar_svg(["a", "b", "c"], [("s", [Decimal(1), None, Decimal(6)])], 5))
    assert "–" in _text(root) and "6.00" in _text(root)


def test_bars_label_every_bar(full_id: ReportData) -> None:
    labels = [f"{line.code} {line.name}" for line in full_id.aspects]
    series = [
        ("Self & co <x>", [line.self_index for line in full_id.aspects]),
        ("Verified", [line.verified_index for line in full_id.aspects]),
    ]
    svg = bars_svg(labels, series, 5, title="Aspects <&>")
    root = _parse(svg)
    text = " ".join(_text(root).split())
    for line in full_id.aspects:
        assert line.code in text
        assert f"{line.self_index:.2f}" in text and f"{line.verified_index:.2f}" in text
    assert "Self & co <x>" in text
    assert len(list(root.iter(f"{SVG}rect"))) == 16
    assert min(_font_sizes(root)) >= 9
    assert bars_svg(labels, series, 5, title="Aspects <&>") == svg  # deterministic


def test_trend_shows_each_year_and_value() -> None:
    points = [(2023, Decimal("2.31")), (2024, Decimal("2.52")), (2025, Decimal("2.75"))]
    root = _parse(trend_svg(points, 5, title="Tren", provisional={2025}, provisional_label="belum terverifikasi"))
    text = _text(root)
    for year, value in points:
        assert str(year) in text and f"{value:.2f}" in text
    assert "belum terverifikasi" in text
    assert _parse(trend_svg([(2025, Decimal("3"))], 5)) is not None
