"""CSV and XLSX exports of report tables. Text cells that a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook

Section = tuple[str, Sequence[str], Sequence[Sequence]]  # (title, headers, rows)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(sections: list[Section], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response)
    for index, (title, headers, rows) in enumerate(sections):
        if index:
            writer.writerow([])
        writer.writerow([_safe(str(title))])
        writer.writerow([_safe(str(h)) for h in headers])
        for row in rows:
            writer.writerow(["" if v is None else _safe(v) for v in row])
    return response


def xlsx_bytes(sections: list[Section]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for title, headers, rows in sections:
        name = re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31].strip() or "Sheet"
        base, n = name, 2
        while name in used:
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append([_safe(str(h)) for h in headers])
        for row in rows:
            sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sections: list[Section], filename: str) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sections), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
