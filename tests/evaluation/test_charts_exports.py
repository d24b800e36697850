import io

from openpyxl import load_workbook

from evaluation.charts import _nice_max, line_chart
from evaluation.exports import xlsx_bytes


def test_chart_escapes_labels_and_scales():
    svg = line_chart([("<a>", 0), ("b", 50), ("c", 120)], title="T & <x>")
    assert '<title id="chart-title">T &amp; &lt;x&gt;</title>' in svg
    assert "&lt;a&gt;" in svg and "<a>" not in svg
    assert ">200<" in svg  # y axis rounded up from 120
    # plot height 172 px from y=12: 184 - 172 * v / 200
    assert 'points="48.0,184.0 338.0,141.0 628.0,80.8"' in svg


def test_chart_single_point_and_empty():
    assert line_chart([], title="x") == ""
    assert "<polyline" in line_chart([("a", 3)], title="x")


def test_nice_max():
    assert [_nice_max(v) for v in (0, 7, 12, 180, 251, 999)] == [1, 10, 20, 200, 500, 1000]


def test_xlsx_neutralises_formulas_and_long_titles():
    data = xlsx_bytes(
        [("A title that is much longer than thirty-one characters", ["h"], [["=1+1"], ["@x"], [3]])]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert len(sheet.title) <= 31
    # Text stays text (no formula, no added apostrophe), numbers stay numbers.
    assert [c.value for c in sheet["A"]] == ["h", "=1+1", "@x", 3]
    assert [c.data_type for c in sheet["A"]] == ["s", "s", "s", "n"]
