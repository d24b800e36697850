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
    n = len(points)
    if not n:
        return ""
    values = [v for _, v in points] + [v for _, v in (second or [])]
    top = _nice_max(max(values) if values else 0)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def xy(i, value):
        x = LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        y = TOP + plot_h - (plot_h * value / top if top else 0)
        return f"{x:.1f},{y:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" class="evaluation-chart" width="100%">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h - plot_h * fraction
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{round(top * fraction):g}</text>'
        )
    for index in sorted({0, n // 2, n - 1}):
        x = xy(index, 0).split(",")[0]
        anchor = "start" if index == 0 and n > 1 else "end" if index == n - 1 and n > 1 else "middle"
        parts.append(
            f'<text x="{x}" y="{HEIGHT - 12}" text-anchor="{anchor}" font-size="11" fill="#333">{escape(points[index][0])}</text>'
        )
    for index, label in markers or []:
        if 0 <= index < n:
            x = xy(index, 0).split(",")[0]
            parts.append(
                f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + plot_h}" stroke="#6b21a8" stroke-dasharray="2 3"/>'
            )
            parts.append(
                f'<text x="{x}" y="{TOP + plot_h - 4}" font-size="10" fill="#6b21a8" text-anchor="middle">{escape(label)}</text>'
            )
    parts.append(
        f'<polyline fill="none" stroke="#1b5e9e" stroke-width="2" points="{" ".join(xy(i, v) for i, (_, v) in enumerate(points))}"/>'
    )
    if second:
        parts.append(
            f'<polyline fill="none" stroke="#c2410c" stroke-width="2" stroke-dasharray="5 3" '
            f'points="{" ".join(xy(i, v) for i, (_, v) in enumerate(second))}"/>'
        )
    if legend[0]:
        parts.append(
            f'<text x="{LEFT + 4}" y="{TOP + 12}" font-size="11" fill="#1b5e9e">— {escape(legend[0])}</text>'
        )
    if second and legend[1]:
        parts.append(
            f'<text x="{LEFT + 4}" y="{TOP + 26}" font-size="11" fill="#c2410c">- - {escape(legend[1])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- numbers and escape()d labels only


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude
