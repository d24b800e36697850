"""The one way a file of records comes in: size cap, encoding, CSV dialect, header, row cap, and the per-record
report of an import (what it would create, update, leave unchanged or refuse).

Every importer (scheduling plan and metrics, social metrics, the directory) reads its file here and keeps only
what is its own: the meaning of each column and the writes. Every message is a gettext string, so it reaches the
person in their language; a file refused as a whole raises `FileRefused`, a bad row is the importer's business
(it gets the row's line number here).

Encoding: UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one). Anything else is refused
with a message that says how to save the file; nothing is guessed (a Latin-1 guess would silently turn "é" into
"Ã©" in a listing).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

DELIMITERS = ",;\t"
MB = 1024 * 1024


class FileRefused(ValueError):
    """The file as a whole cannot be read: `messages` say why, in the active language."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]


def digest(data: bytes) -> str:
    """The file's identity: an import applies exactly the file whose preview was shown."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(uploaded, max_bytes: int) -> bytes:
    """The bytes of an uploaded file or of bytes, refused above `max_bytes` (read at most one byte more)."""
    raw = uploaded if isinstance(uploaded, bytes | bytearray) else uploaded.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise FileRefused(_("The file is larger than %(size)s MB.") % {"size": _megabytes(max_bytes)})
    return bytes(raw)


def _megabytes(size: int) -> str:
    return f"{size / MB:g}"


def decode(raw: bytes) -> str:
    """UTF-8 text, a leading byte-order mark removed. NUL bytes mean a binary file (a spreadsheet, a picture)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from None
    if "\x00" in text:
        raise FileRefused(_("The file is not a CSV file."))
    return text


@dataclass
class Table:
    header: list[str]
    # (line number of the row's last line, {column: stripped value}); rows with only empty values are skipped.
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # line numbers of rows that had more values than the header has columns (the extra values are dropped)
    overfull: set[int] = field(default_factory=set)


def _header(text: str, dialect) -> list[str]:
    first = next(csv.reader(io.StringIO(text), dialect=dialect), [])
    return [name.strip() for name in first]


def sniff(text: str, required: Iterable[str]):
    """The dialect whose header names the most required columns: the sniffer's guess first, then each delimiter
    (a value such as "fr;nl" must not make ";" the delimiter of a comma-separated file)."""
    try:
        guessed = csv.Sniffer().sniff(text[:4096], delimiters=DELIMITERS)
    except csv.Error:
        guessed = csv.excel
    candidates = [guessed] + [type("dialect", (csv.excel,), {"delimiter": d}) for d in DELIMITERS]
    required = set(required)
    return max(candidates, key=lambda dialect: len(required & set(_header(text, dialect))))


def check_header(header: list[str], required: Iterable[str], optional: Iterable[str] | None) -> None:
    missing = [name for name in required if name not in header]
    unknown = [] if optional is None else [name for name in header if name not in {*required, *optional}]
    messages = []
    if missing:
        messages.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        messages.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if messages:
        raise FileRefused(*messages)


def _read_rows(reader: csv.DictReader, table: Table, max_rows: int) -> None:
    """Fill `table` with the reader's non-blank rows (stripped) and note the lines with too many fields."""
    for row in reader:
        if len(table.rows) >= max_rows:
            raise FileRefused(_("More than %(max)s rows: split the file.") % {"max": max_rows})
        if None in row:
            table.overfull.add(reader.line_num)
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if any(values.values()):
            table.rows.append((reader.line_num, values))


def read_csv(
    uploaded,
    *,
    required: Iterable[str],
    optional: Iterable[str] | None = None,
    max_bytes: int = 2 * MB,
    max_rows: int = 2000,
) -> Table:
    """Read a CSV upload (a file object or bytes). `optional=None` accepts any other column; a list refuses the
    columns named in neither list, so that a wrong file is noticed."""
    required = list(required)
    text = decode(read_bytes(uploaded, max_bytes))
    dialect = sniff(text, required)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    table = Table(header=[name.strip() for name in reader.fieldnames or []])
    check_header(table.header, required, optional)
    reader.fieldnames = table.header
    try:
        _read_rows(reader, table, max_rows)
    except csv.Error as exc:
        raise FileRefused(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc
    if not table.rows and not table.overfull:
        raise FileRefused(_("The file has no data rows."))
    return table


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REFUSE = "refuse"
    LABELS = {
        CREATE: pgettext_lazy("import", "would be created"),
        UPDATE: pgettext_lazy("import", "would be updated"),
        UNCHANGED: pgettext_lazy("import", "unchanged"),
        REFUSE: pgettext_lazy("import", "refused"),
    }
    DONE = {
        CREATE: pgettext_lazy("import", "created"),
        UPDATE: pgettext_lazy("import", "updated"),
        UNCHANGED: pgettext_lazy("import", "unchanged"),
        REFUSE: pgettext_lazy("import", "refused"),
    }


@dataclass
class Entry:
    ref: str
    action: str = Action.CREATE
    messages: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Per record: what the import did (or, in a dry run, would do). All or nothing: one refused record and
    nothing is written, so every other record reads "would be ..." even after a real run."""

    dry_run: bool
    entries: list[Entry] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    written: bool = False
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.refused

    @property
    def refused(self) -> list[Entry]:
        return [e for e in self.entries if e.action == Action.REFUSE]

    def count(self, action: str) -> int:
        return sum(1 for e in self.entries if e.action == action)

    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in Action.LABELS}

    def label(self, entry: Entry) -> str:
        return str((Action.DONE if self.written else Action.LABELS)[entry.action])

    def lines(self) -> list[str]:
        """The report as text, one line per record then the totals: the management command prints it, the admin
        screen shows the same entries as a table."""
        out = [_("The file cannot be read: %(error)s") % {"error": error} for error in self.file_errors]
        for entry in self.entries:
            values = {"record": entry.ref, "action": self.label(entry), "details": "; ".join(entry.messages)}
            out.append(
                (_("%(record)s: %(action)s (%(details)s)") if entry.messages else _("%(record)s: %(action)s"))
                % values
            )
        out.append(self.summary())
        return out

    def summary(self) -> str:
        counts = self.counts()
        if self.file_errors or counts[Action.REFUSE]:
            return _("Nothing imported: %(count)s record(s) refused.") % {"count": counts[Action.REFUSE]}
        values = {
            "created": counts[Action.CREATE],
            "updated": counts[Action.UPDATE],
            "unchanged": counts[Action.UNCHANGED],
        }
        if not self.written:
            return (
                _(
                    "Dry run, nothing saved: %(created)s to create, %(updated)s to update, %(unchanged)s unchanged."
                )
                % values
            )
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % values
