"""Server-side SVG charts: inline markup, no JavaScript, no external file.

Each chart is an <svg role="img"> named by its <title> and <desc>; the page puts a table with
the same numbers beside it, which is what screen readers and people who want exact figures
read. Every text in the markup is escaped here.

Legible on a phone without scaling the text: the charts have no viewBox, so a font size is a
CSS pixel at every width. Horizontal positions are percentages of the chart's width (SVG
resolves them against the viewport), vertical ones pixels; the bar chart puts the country
names in the left 40% and the bars in the rest, the column chart labels one year in
ceil(n / MAX_AXIS_LABELS) when there are many.

Colours from the palette: teal #0b4f6c on white (9:1), amber #ffc857 outlined in dark teal
#083a50 so the bar keeps a 3:1 edge on white (WCAG 1.4.11); text #212529 and #595959 (7:1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TEXT = "#212529"
MUTED = "#595959"
GRID = "#ced4da"
STYLES = (("#0b4f6c", "#0b4f6c"), ("#ffc857", "#083a50"))  # (fill, outline) per series
FONT = 12
SMALL = 11

LEGEND_HEIGHT = 24
BAR = 10  # thickness of one series' bar, px
BAR_GAP = 2
ROW_PADDING = 10
LABEL_END = 40.0  # % of the width: country names left of it
BAR_START = 41.0
BAR_END = 86.0  # room for the value after the longest bar

PLOT_HEIGHT = 180  # column chart: tallest column, px
TOP = 18  # room above the tallest column for its value
AXIS = 22  # room for the year labels
MAX_AXIS_LABELS = 10  # "2018" is about 30 px: ten fit on a phone
MAX_VALUE_LABELS = 16
MIN_SLOTS = 6  # columns as wide as in a chart of 6 groups at most


@dataclass(frozen=True)
class Series:
    """One set of values, one per label, in the labels' order."""

    name: str
    values: Sequence[int]


def _number(value: int) -> str:
    return f"{value:,}"


def _pct(value: float) -> str:
    return f"{value:.2f}%"


def _open(*, chart_id: str, title: str, description: str, height: int) -> list[str]:
    chart_id = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cn-chart" width="100%" '
        f'height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-size="{FONT}" fill="{TEXT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _legend(series: Sequence[Series]) -> list[str]:
    """A key above the chart, one swatch and name per series (none for a single series)."""
    if len(series) < 2:
        return []
    parts = []
    x = 0
    for index, one in enumerate(series):
        fill, outline = STYLES[index % len(STYLES)]
        parts.append(
            f'<g transform="translate({x} 0)"><rect x="0.5" y="4.5" width="12" height="12" '
            f'fill="{fill}" stroke="{outline}" stroke-width="1"/>'
            f'<text x="18" y="15">{escape(one.name)}</text></g>'
        )
        x += 18 + len(one.name) * 7 + 16  # swatch, the name at about 7 px a letter, a gap
    return parts


def _check(labels: Sequence[str], series: Sequence[Series]) -> None:
    if not series:
        raise ValueError("A chart needs at least one series.")
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(
                f"Series {one.name!r} has {len(one.values)} values for {len(labels)} labels."
            )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    empty_label: str = "",
) -> SafeString:
    """Horizontal bars, one row per label (a country), one bar per series in each row.

    A row whose values are all zero shows empty_label ("no school yet") where its bars would
    be, so that the gaps are as visible as the counts.
    """
    _check(labels, series)
    top = LEGEND_HEIGHT if len(series) > 1 else 0
    row_height = len(series) * BAR + (len(series) - 1) * BAR_GAP + ROW_PADDING
    height = top + max(len(labels), 1) * row_height + 4
    largest = max((max(one.values, default=0) for one in series), default=0) or 1
    parts = _open(chart_id=chart_id, title=title, description=description, height=height)
    parts += _legend(series)
    parts.append(
        f'<line x1="{_pct(BAR_START)}" x2="{_pct(BAR_START)}" y1="{top}" y2="{height - 2}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    for row, label in enumerate(labels):
        y = top + row * row_height + ROW_PADDING / 2
        middle = y + (row_height - ROW_PADDING) / 2
        parts.append(
            f'<text x="{_pct(LABEL_END)}" y="{middle:.1f}" dy="0.35em" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        values = [one.values[row] for one in series]
        if not any(values):
            parts.append(
                f'<text x="{_pct(BAR_START)}" dx="6" y="{middle:.1f}" dy="0.35em" '
                f'fill="{MUTED}" font-style="italic">{escape(empty_label)}</text>'
            )
            continue
        for index, value in enumerate(values):
            fill, outline = STYLES[index % len(STYLES)]
            bar_y = y + index * (BAR + BAR_GAP)
            width = (BAR_END - BAR_START) * value / largest
            if value:
                parts.append(
                    f'<rect x="{_pct(BAR_START)}" y="{bar_y:.1f}" width="{_pct(width)}" '
                    f'height="{BAR}" fill="{fill}" stroke="{outline}" stroke-width="1"/>'
                )
            parts.append(
                f'<text x="{_pct(BAR_START + width)}" dx="4" y="{bar_y + BAR / 2:.1f}" '
                f'dy="0.35em" font-size="{SMALL}">{_number(value)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
) -> SafeString:
    """Vertical columns over time, one group per label (a year, an edition), one column per
    series in each group. Values sit on the columns while there are few (MAX_VALUE_LABELS
    non-zero ones)."""
    _check(labels, series)
    top = (LEGEND_HEIGHT if len(series) > 1 else 0) + TOP
    baseline = top + PLOT_HEIGHT
    height = baseline + AXIS
    largest = max((max(one.values, default=0) for one in series), default=0) or 1
    groups = max(len(labels), 1)
    slot = 100.0 / max(groups, MIN_SLOTS)  # a few columns stay narrow, centred
    offset = (100.0 - groups * slot) / 2
    column = slot * 0.7 / len(series)
    show_values = sum(1 for one in series for value in one.values if value) <= MAX_VALUE_LABELS
    every = math.ceil(groups / MAX_AXIS_LABELS)
    parts = _open(chart_id=chart_id, title=title, description=description, height=height)
    parts += _legend(series)
    parts.append(
        f'<line x1="0" x2="100%" y1="{baseline}" y2="{baseline}" stroke="{GRID}" stroke-width="1"/>'
    )
    for group, label in enumerate(labels):
        start = offset + group * slot + slot * 0.15
        for index, one in enumerate(series):
            value = one.values[group]
            fill, outline = STYLES[index % len(STYLES)]
            x = start + index * column
            column_height = PLOT_HEIGHT * value / largest
            if value:
                parts.append(
                    f'<rect x="{_pct(x)}" y="{baseline - column_height:.1f}" '
                    f'width="{_pct(column)}" height="{column_height:.1f}" fill="{fill}" '
                    f'stroke="{outline}" stroke-width="1"/>'
                )
                if show_values:
                    parts.append(
                        f'<text x="{_pct(x + column / 2)}" y="{baseline - column_height - 4:.1f}" '
                        f'text-anchor="middle" font-size="{SMALL}">{_number(value)}</text>'
                    )
        if group % every == 0:
            parts.append(
                f'<text x="{_pct(offset + group * slot + slot / 2)}" y="{baseline + 16}" '
                f'text-anchor="middle" fill="{MUTED}" font-size="{SMALL}">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
