"""The shared import layer (home.tabular): size, encoding, dialect, header, row cap, per-record report."""

import pytest
from django.utils import translation

from home import tabular


def _refusal(data, **kwargs):
    with pytest.raises(tabular.FileRefused) as caught:
        tabular.read_csv(data, **kwargs)
    return " ".join(caught.value.messages)


def test_a_semicolon_inside_values_does_not_make_it_the_delimiter():
    data = b"id,name,languages\nA,Un,fr;nl\nB,Deux,fr;nl;en\n"
    table = tabular.read_csv(data, required=["id", "name"])
    assert [row for _line, row in table.rows] == [
        {"id": "A", "name": "Un", "languages": "fr;nl"},
        {"id": "B", "name": "Deux", "languages": "fr;nl;en"},
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_excel_files_with_bom_and_any_delimiter(delimiter):
    data = (
        "\ufeff" + delimiter.join(["id", "name"]) + "\r\n" + delimiter.join(["1", "Café"]) + "\r\n"
    ).encode()
    assert tabular.read_csv(data, required=["id", "name"]).rows == [(2, {"id": "1", "name": "Café"})]


def test_blank_rows_skipped_overfull_rows_flagged_line_numbers_kept():
    table = tabular.read_csv(b"id,name\n1,a\n,\n2,b,extra\n", required=["id"])
    assert [line for line, _row in table.rows] == [2, 4] and table.overfull == {4}


def test_caps_and_refusals_in_the_person_s_language():
    with translation.override("nl"):
        assert "groter dan 1 MB" in _refusal(b"x" * (tabular.MB + 1), required=["id"], max_bytes=tabular.MB)
        assert "Meer dan 2 rijen" in _refusal(b"id\n1\n2\n3\n", required=["id"], max_rows=2)
    with translation.override("fr"):
        assert "UTF-8" in _refusal("id\ncaf\xe9\n".encode("latin-1"), required=["id"])
        assert "Colonnes inconnues : x." in _refusal(b"id,x\n1,2\n", required=["id"], optional=[])
        assert "aucune ligne de données" in _refusal(b"id\n", required=["id"])
        assert "pas un fichier CSV" in _refusal(b"id\n\x00\n", required=["id"])


def test_report_lines_and_summary():
    report = tabular.Report(
        dry_run=True, entries=[tabular.Entry("line 2 (A)"), tabular.Entry("line 3 (B)", "unchanged")]
    )
    with translation.override("fr"):
        assert report.lines() == [
            "line 2 (A) : serait créé",
            "line 3 (B) : inchangé",
            "Essai, rien n’a été enregistré : 1 à créer, 0 à mettre à jour, 1 inchangé(s).",
        ]
    report.entries.append(tabular.Entry("line 4 (C)", "refuse", ["status: missing"]))
    with translation.override("en"):
        assert not report.ok and report.lines()[-2] == "line 4 (C): refused (status: missing)"
        assert report.summary() == "Nothing imported: 1 record(s) refused."
