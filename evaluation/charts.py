"""Small server-side SVG charts (no JavaScript library). The same numbers are always shown in a table beside."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


def line_chart(
    points: list[tuple[str, float]],
    *,
    title: str,
    second: list[tuple[str, float]] | None = None,
    legend=("", ""),
    markers: list[tuple[int, str]] | None = None,
) -> str:
    """A line chart of (label, value) points, with a y axis from 0 to a round maximum and first/middle/last labels."""
    if not points:
        return ""
    values = [v for _, v in points] + [v for _, v in (second or [])]
    plot = _Plot(len(points), _nice_max(max(values) if values else 0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" class="evaluation-chart" width="100%">',
        f'<title id="chart-title">{escape(title)}</title>',
        *plot.grid(),
        *plot.x_labels(points),
        *plot.markers(markers or []),
        f'<polyline fill="none" stroke="#1b5e9e" stroke-width="2" points="{plot.line(points)}"/>',
    ]
    if second:
        parts.append(
            f'<polyline fill="none" stroke="#c2410c" stroke-width="2" stroke-dasharray="5 3" '
            f'points="{plot.line(second)}"/>'
        )
    parts += _legend(legend, bool(second))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- numbers and escape()d labels only


def _legend(legend: tuple[str, str], with_second: bool) -> list[str]:
    parts = []
    if legend[0]:
        parts.append(
            f'<text x="{LEFT + 4}" y="{TOP + 12}" font-size="11" fill="#1b5e9e">— {escape(legend[0])}</text>'
        )
    if with_second and legend[1]:
        parts.append(
            f'<text x="{LEFT + 4}" y="{TOP + 26}" font-size="11" fill="#c2410c">- - {escape(legend[1])}</text>'
        )
    return parts


class _Plot:
    """The plot area of a chart of n points with a y axis from 0 to top."""

    def __init__(self, n: int, top: float):
        self.n, self.top = n, top
        self.width = WIDTH - LEFT - RIGHT
        self.height = HEIGHT - TOP - BOTTOM

    def x(self, i: int) -> str:
        return f"{LEFT + (self.width * i / (self.n - 1) if self.n > 1 else self.width / 2):.1f}"

    def xy(self, i: int, value: float) -> str:
        y = TOP + self.height - (self.height * value / self.top if self.top else 0)
        return f"{self.x(i)},{y:.1f}"

    def line(self, points: list[tuple[str, float]]) -> str:
        return " ".join(self.xy(i, v) for i, (_, v) in enumerate(points))

    def grid(self) -> list[str]:
        parts = []
        for fraction in (0, 0.5, 1):
            y = TOP + self.height - self.height * fraction
            parts.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>'
            )
            parts.append(
                f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{round(self.top * fraction):g}</text>'
            )
        return parts

    def anchor(self, index: int) -> str:
        if self.n > 1 and index == 0:
            return "start"
        if self.n > 1 and index == self.n - 1:
            return "end"
        return "middle"

    def x_labels(self, points: list[tuple[str, float]]) -> list[str]:
        return [
            f'<text x="{self.x(index)}" y="{HEIGHT - 12}" text-anchor="{self.anchor(index)}" font-size="11" fill="#333">{escape(points[index][0])}</text>'
            for index in sorted({0, self.n // 2, self.n - 1})
        ]

    def markers(self, markers: list[tuple[int, str]]) -> list[str]:
        parts = []
        for index, label in markers:
            if 0 <= index < self.n:
                x = self.x(index)
                parts.append(
                    f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + self.height}" stroke="#6b21a8" stroke-dasharray="2 3"/>'
                )
                parts.append(
                    f'<text x="{x}" y="{TOP + self.height - 4}" font-size="10" fill="#6b21a8" text-anchor="middle">{escape(label)}</text>'
                )
        return parts


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude
