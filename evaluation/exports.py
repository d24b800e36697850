"""CSV and XLSX exports of report tables.

- XLSX: numbers are numbers, dates are dates (shown dd/mm/yyyy), text is stored as text (a cell starting with "="
  is not a formula, and no apostrophe is added); sheet names are cut at a word, at most 31 characters, unique.
- CSV: UTF-8 with a BOM (Excel), `;` between fields (the list separator of Excel in Belgium), every field that
  holds a `;`, a quote or a line break quoted; text a spreadsheet would run as a formula gets a leading `'`;
  dates as yyyy-mm-dd, decimals with a dot.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

Section = tuple[str, Sequence[str], Sequence[Sequence]]  # (title, headers, rows)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    return _safe(str(value))


def csv_text(sections: list[Section]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for index, (title, headers, rows) in enumerate(sections):
        if index:
            writer.writerow([])
        writer.writerow([_safe(str(title))])
        writer.writerow([_safe(str(h)) for h in headers])
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
    return out.getvalue()


def csv_response(sections: list[Section], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    response.write(csv_text(sections))
    return response


def sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name of at most 31 characters, cut at a word boundary."""
    name = re.sub(r"[\[\]:*?/\\']", " ", str(title))
    name = re.sub(r"\s+", " ", name).strip() or "Sheet"
    if len(name) > 31:
        cut = name[:31]
        name = cut.rsplit(" ", 1)[0] if " " in cut else cut
        name = name.rstrip(" -–,(") or cut
    base, n = name, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name)
    return name


def _cell_value(value):
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _write_cell(sheet, row: int, col: int, value):
    """Write one value: text stays text ("=1+1" is not run as a formula), dates get the date format."""
    cell = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, (date, datetime)):
        cell.number_format = DATE_FORMAT


def _write_sheet(sheet, headers: list, rows: list) -> None:
    """Headers on the first (frozen) row, then the rows; each column as wide as its longest value (10 to 62)."""
    widths = [len(str(h)) for h in headers]
    for col, header in enumerate(headers, start=1):
        _write_cell(sheet, 1, col, str(header))
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            value = _cell_value(value)
            _write_cell(sheet, r, col, value)
            if col <= len(widths):
                widths[col - 1] = max(widths[col - 1], min(len(str(value or "")), 60))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = max(10, width + 2)
    sheet.freeze_panes = "A2"


def xlsx_bytes(sections: list[Section]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, headers, rows in sections:
        _write_sheet(workbook.create_sheet(sheet_name(title, used)), headers, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sections: list[Section], filename: str) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sections), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
