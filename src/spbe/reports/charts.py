"""Report charts as SVG text, written by hand from plain numbers.

Pure functions: no Django, no global state, the same input always gives the same bytes.
The SVG is sized in points (1 user unit = 1 pt), so a 9-unit font prints at 9 pt when
the chart is shown at its natural size; every chart carries ``<title>`` and ``<desc>``
(the figures in words) and keeps its text as text. Values are formatted by the caller's
``fmt`` (the report passes its localised number format: 2,75 in Indonesian).

Colours follow ``core/spbe.css``; with two series the first (self-assessment) is
amber and dashed, the second (verified) is the accent blue and solid, so they stay
apart in greyscale print too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

Value = Decimal | None
Series = Sequence[tuple[str, Sequence[Value]]]
Formatter = Callable[[Decimal], str]

INK = "#1d2733"
MUTED = "#5b6776"
GRID = "#c9d0d9"
ACCENT = "#0b5cad"
AMBER = "#c77700"
FONT = "DejaVu Sans, Liberation Sans, sans-serif"
SIZE = 9  # pt: the smallest text on any chart
LINE = 11  # pt between lines of a label
CHAR = 0.58  # average glyph width of the font, in em, for wrapping estimates


def plain_number(value: Decimal) -> str:
    """The default formatter: two decimals with a point (2.75)."""
    return f"{value:.2f}"


def radar_svg(
    labels: Sequence[str],
    series: Series,
    maximum: int,
    *,
    title: str = "",
    fmt: Formatter = plain_number,
    radius: float = 72,
    label_chars: int = 16,
) -> str:
    """A radar (spider) chart with one axis per label, rings at 1..maximum.

    Each axis label (wrapped at about ``label_chars`` characters, at most three lines)
    carries the values under it in the series' colours. With fewer than three axes a
    radar has no area to show, so the same figures come as horizontal bars.
    """
    if len(labels) < 3:
        return bars_svg(labels, series, maximum, title=title, fmt=fmt)
    maximum = max(maximum, 1)
    colours = _palette(len(series))
    count = len(labels)
    label_gap = 12.0
    wrapped = [_wrap(label, label_chars, 3) for label in labels]
    label_width = max(_text_width(line) for lines in wrapped for line in lines)
    label_width = max(label_width, _text_width("0,00 / 0,00"))
    half_width = radius + label_gap + label_width + 6
    width = math.ceil(max(2 * half_width, 2 * radius + 60))
    top_space = radius + label_gap + 4 + (max(len(lines) for lines in wrapped) + 1) * LINE + 4
    cx = width / 2
    cy = top_space
    legend_y = cy + radius + label_gap + 4 + (max(len(lines) for lines in wrapped) + 1) * LINE + 10
    height = math.ceil(legend_y + (14 if _has_legend(series) else 0))

    def point(axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / count
        distance = radius * value / maximum
        return cx + distance * math.cos(angle), cy + distance * math.sin(angle)

    parts = [_open(width, height, title, _describe(labels, series, fmt))]
    parts.append(f'<g fill="none" stroke="{GRID}" stroke-width="0.6">')
    for level in range(1, maximum + 1):
        ring = " ".join(_xy(*point(axis, level)) for axis in range(count))
        parts.append(f'<polygon points="{ring}"/>')
    for axis in range(count):
        x, y = point(axis, maximum)
        parts.append(f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}"/>')
    parts.append("</g>")
    for index, (_name, values) in enumerate(series):
        colour = colours[index]
        dashed = ' stroke-dasharray="4 2"' if len(series) > 1 and index == 0 else ""
        vertices = [point(axis, _clamp(values[axis] if axis < len(values) else None, maximum)) for axis in range(count)]
        shape = " ".join(_xy(x, y) for x, y in vertices)
        parts.append(
            f'<polygon points="{shape}" fill="{colour}" fill-opacity="0.14" stroke="{colour}" '
            f'stroke-width="1.6"{dashed}/>'
        )
        for axis, (x, y) in enumerate(vertices):
            if axis < len(values) and values[axis] is not None:
                parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.4" fill="{colour}"/>')
    # the scale along the first axis, drawn over the series on a light backing so both stay readable
    parts.append(f'<g font-size="{SIZE}" fill="{MUTED}" text-anchor="start">')
    for level in range(1, maximum + 1):
        x, y = point(0, level)
        backing = _text_width(str(level)) + 2
        parts.append(
            f'<rect x="{_n(x + 3)}" y="{_n(y - 8)}" width="{_n(backing)}" height="9" '
            'fill="#ffffff" fill-opacity="0.8"/>'
        )
        parts.append(f'<text x="{_n(x + 4)}" y="{_n(y)}">{level}</text>')
    parts.append("</g>")
    for axis, lines in enumerate(wrapped):
        angle = -math.pi / 2 + 2 * math.pi * axis / count
        gap = label_gap + 4 * abs(math.sin(angle))  # clear of the scale figures on the top axis
        ax = cx + (radius + gap) * math.cos(angle)
        ay = cy + (radius + gap) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.2 else ("start" if math.cos(angle) > 0 else "end")
        block = (len(lines) + 1) * LINE
        if math.sin(angle) < -0.2:  # above the centre: the block ends at the anchor point
            first = ay - block + LINE * 0.8
        elif math.sin(angle) > 0.2:  # below: the block starts there
            first = ay + LINE * 0.8
        else:
            first = ay - block / 2 + LINE * 0.8
        parts.append(f'<text font-size="{SIZE}" fill="{INK}" text-anchor="{anchor}">')
        for row, line in enumerate(lines):
            parts.append(f'<tspan x="{_n(ax)}" y="{_n(first + row * LINE)}">{escape(line)}</tspan>')
        parts.append(f'<tspan x="{_n(ax)}" y="{_n(first + len(lines) * LINE)}" font-weight="bold">')
        for index, (_name, values) in enumerate(series):
            value = values[axis] if axis < len(values) else None
            if index:  # no-break spaces: renderers drop plain spaces between tspans
                parts.append(f'<tspan fill="{MUTED}">\u00a0/\u00a0</tspan>')
            parts.append(f'<tspan fill="{colours[index]}">{escape(_value_text(value, fmt))}</tspan>')
        parts.append("</tspan></text>")
    if _has_legend(series):
        parts.append(_legend(series, colours, cx, legend_y, centred=True))
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(
    labels: Sequence[str],
    series: Series,
    maximum: int,
    *,
    title: str = "",
    fmt: Formatter = plain_number,
    width: int = 480,
) -> str:
    """Horizontal bars, one group per label, one bar per series, each bar labelled with its value."""
    maximum = max(maximum, 1)
    colours = _palette(len(series))
    label_column = min(170, max(60, width * 0.34))
    wrap = max(8, int(label_column / (SIZE * CHAR)))
    left = label_column + 8
    right = width - 34  # room for the value after a full bar
    bar = 10.0
    gap = 2.0
    top = 22.0  # the scale sits above the bars
    rows: list[tuple[list[str], float, float]] = []  # lines, y, height
    y = top + 4
    for label in labels:
        lines = _wrap(label, wrap, 3)
        bars_height = max(len(series), 1) * (bar + gap) - gap
        group = max(bars_height, len(lines) * LINE) + 8
        rows.append((lines, y, group))
        y += group
    bottom = y
    legend_y = bottom + 16
    height = math.ceil(legend_y + (8 if _has_legend(series) else -8))

    def x_of(value: float) -> float:
        return left + (right - left) * value / maximum

    parts = [_open(width, height, title, _describe(labels, series, fmt))]
    parts.append(f'<g stroke="{GRID}" stroke-width="0.6">')
    for level in range(maximum + 1):
        x = x_of(level)
        parts.append(f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(bottom)}"/>')
    parts.append("</g>")
    parts.append(f'<g font-size="{SIZE}" fill="{MUTED}" text-anchor="middle">')
    for level in range(maximum + 1):
        parts.append(f'<text x="{_n(x_of(level))}" y="{_n(top - 8)}">{level}</text>')
    parts.append("</g>")
    for axis, (lines, row_y, group) in enumerate(rows):
        text_top = row_y + (group - len(lines) * LINE) / 2 + LINE * 0.8 - 1
        parts.append(f'<text font-size="{SIZE}" fill="{INK}" text-anchor="end">')
        for row, line in enumerate(lines):
            parts.append(f'<tspan x="{_n(label_column)}" y="{_n(text_top + row * LINE)}">{escape(line)}</tspan>')
        parts.append("</text>")
        bars_height = len(series) * (bar + gap) - gap
        bar_y = row_y + (group - bars_height) / 2
        for index, (_name, values) in enumerate(series):
            value = values[axis] if axis < len(values) else None
            colour = colours[index]
            by = bar_y + index * (bar + gap)
            end = x_of(_clamp(value, maximum))
            if value is not None:
                parts.append(
                    f'<rect x="{_n(left)}" y="{_n(by)}" width="{_n(end - left)}" height="{_n(bar)}" fill="{colour}"/>'
                )
            parts.append(
                f'<text x="{_n(end + 3)}" y="{_n(by + bar - 1.5)}" font-size="{SIZE}" fill="{INK}">'
                f"{escape(_value_text(value, fmt))}</text>"
            )
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(top - 4)}" x2="{_n(left)}" y2="{_n(bottom)}" stroke="{MUTED}" '
        'stroke-width="0.8"/>'
    )
    if _has_legend(series):
        parts.append(_legend(series, colours, left, legend_y, centred=False))
    parts.append("</svg>")
    return "".join(parts)


def trend_svg(
    points: Sequence[tuple[int, Decimal]],
    maximum: int,
    *,
    title: str = "",
    fmt: Formatter = plain_number,
    provisional: Collection[int] = (),
    provisional_label: str = "",
    width: int = 420,
) -> str:
    """The index over the years: a line with a labelled point per year on a 0..maximum scale.

    Years in ``provisional`` (figures not yet verified) get hollow markers; with
    ``provisional_label`` a legend explains them.
    """
    maximum = max(maximum, 1)
    left, right = 26.0, width - 24.0
    top, bottom = 18.0, 150.0
    show_legend = bool(provisional_label) and any(year in provisional for year, _value in points)
    height = math.ceil(bottom + 22 + (16 if show_legend else 0))
    years = [year for year, _value in points]
    first, last = (min(years), max(years)) if years else (0, 0)

    def x_of(year: int) -> float:
        if last == first:
            return (left + right) / 2
        return left + 14 + (right - left - 28) * (year - first) / (last - first)

    def y_of(value: Decimal) -> float:
        return bottom - (bottom - top) * _clamp(value, maximum) / maximum

    description = "; ".join(f"{year}: {fmt(value)}" for year, value in points)
    parts = [_open(width, height, title, description)]
    parts.append(f'<g stroke="{GRID}" stroke-width="0.6">')
    for level in range(maximum + 1):
        y = y_of(Decimal(level))
        parts.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}"/>')
    parts.append("</g>")
    parts.append(f'<g font-size="{SIZE}" fill="{MUTED}" text-anchor="end">')
    for level in range(maximum + 1):
        parts.append(f'<text x="{_n(left - 5)}" y="{_n(y_of(Decimal(level)) + 3)}">{level}</text>')
    parts.append("</g>")
    if len(points) > 1:
        line = " ".join(_xy(x_of(year), y_of(value)) for year, value in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{ACCENT}" stroke-width="1.8"/>')
    for year, value in points:
        x, y = x_of(year), y_of(value)
        fill = "#ffffff" if year in provisional else ACCENT
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.2" fill="{fill}" stroke="{ACCENT}" stroke-width="1.4"/>')
        label_y = y - 7 if y - 7 > top else y + 14
        parts.append(
            f'<text x="{_n(x)}" y="{_n(label_y)}" font-size="{SIZE}" font-weight="bold" fill="{INK}" '
            f'text-anchor="middle">{escape(fmt(value))}</text>'
        )
        parts.append(
            f'<text x="{_n(x)}" y="{_n(bottom + 14)}" font-size="{SIZE}" fill="{INK}" '
            f'text-anchor="middle">{year}</text>'
        )
    if show_legend:
        y = bottom + 30
        parts.append(f'<circle cx="{_n(left + 4)}" cy="{_n(y - 3)}" r="3.2" fill="#ffffff" stroke="{ACCENT}"/>')
        parts.append(
            f'<text x="{_n(left + 12)}" y="{_n(y)}" font-size="{SIZE}" fill="{INK}">{escape(provisional_label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- pieces -----------------------------------------------------------------------


def _open(width: float, height: float, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}pt" height="{_n(height)}pt" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" font-family={quoteattr(FONT)}>'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    )


def _legend(series: Series, colours: list[str], x: float, y: float, *, centred: bool) -> str:
    widths = [14 + _text_width(name) + 14 for name, _values in series]
    start = x - sum(widths) / 2 if centred else x
    parts = [f'<g font-size="{SIZE}" fill="{INK}">']
    for index, (name, _values) in enumerate(series):
        dashed = ' stroke-dasharray="4 2"' if len(series) > 1 and index == 0 else ""
        parts.append(
            f'<line x1="{_n(start)}" y1="{_n(y - 3)}" x2="{_n(start + 10)}" y2="{_n(y - 3)}" '
            f'stroke="{colours[index]}" stroke-width="3"{dashed}/>'
        )
        parts.append(f'<text x="{_n(start + 14)}" y="{_n(y)}">{escape(name)}</text>')
        start += widths[index]
    parts.append("</g>")
    return "".join(parts)


def _describe(labels: Sequence[str], series: Series, fmt: Formatter) -> str:
    rows = []
    for axis, label in enumerate(labels):
        values = []
        for name, series_values in series:
            value = series_values[axis] if axis < len(series_values) else None
            values.append(f"{name} {_value_text(value, fmt)}".strip())
        rows.append(f"{label}: {', '.join(values)}")
    return "; ".join(rows)


def _has_legend(series: Series) -> bool:
    return any(name for name, _values in series)


def _palette(count: int) -> list[str]:
    if count <= 1:
        return [ACCENT]
    extra = ["#1e7b3a", "#5b2c9e", "#a3161a"]
    return [AMBER, ACCENT, *extra][:count] + [MUTED] * max(0, count - 5)


def _value_text(value: Value, fmt: Formatter) -> str:
    return "–" if value is None else fmt(value)


def _clamp(value: Value, maximum: int) -> float:
    if value is None:
        return 0.0
    return min(max(float(value), 0.0), float(maximum))


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Break at spaces into lines of about ``width`` characters; the last line ends in … when cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    lines = [line if len(line) <= width + 4 else line[: width + 3] + "…" for line in lines]
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        kept[-1] = (last if len(last) < width else last[: width - 1].rstrip()) + "…"
        return kept
    return lines or [""]


def _text_width(text: str) -> float:
    return len(text) * SIZE * CHAR


def _n(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros: stable text for tests and diffs."""
    text = f"{value:.1f}"
    if text == "-0.0":
        return "0"
    return text[:-2] if text.endswith(".0") else text


def _xy(x: float, y: float) -> str:
    return f"{_n(x)},{_n(y)}"
