"""Directory imports are safe to repeat: one service per (locale, external id), a repeat reports "unchanged",
two imports of the same file at once create each service once, every message in the person's language."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, connections
from django.utils import translation

from home import tabular
from resources.importer import run_import
from resources.models import Location, Organisation, Service

from .test_hsds import CSV_OK

pytestmark = pytest.mark.django_db

FIVE = "id,name,organization,status,categories,address,postal_code\n" + "".join(
    f"S{i},Service {i},Org {i},active,harm_reduction,Rue Test {i},1060\n" for i in range(5)
)


def _fr_count():
    return Service.objects.filter(locale__language_code="fr").count()


def test_repeat_reports_unchanged_and_writes_nothing(geography):
    first = run_import(CSV_OK.encode(), "csv", dry_run=False)
    assert first.ok and first.written
    assert [e.action for e in first.entries] == ["create", "create"]
    stamps = list(Service.objects.order_by("pk").values_list("updated_at", flat=True))
    again = run_import(CSV_OK.encode(), "csv", dry_run=False)
    assert [e.action for e in again.entries] == ["unchanged", "unchanged"]
    assert list(Service.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    changed = run_import(CSV_OK.replace("Échange", "Échange de matériel").encode(), "csv", dry_run=True)
    assert [e.action for e in changed.entries] == ["update", "unchanged"]
    assert (
        not changed.written
        and Service.objects.get(external_id="CSV1", locale__language_code="fr").description == "Échange"
    )


def test_dry_run_reports_per_record_and_saves_nothing(geography):
    report = run_import(CSV_OK.encode(), "csv", dry_run=True)
    assert report.ok and not report.written and Service.objects.count() == 0
    with translation.override("fr"):
        lines = report.lines()
    assert lines[0].startswith("ligne 2 (CSV1)") and "serait créé" in lines[0]
    assert "rien n’a été enregistré" in lines[-1].lower() or "rien" in lines[-1].lower()


def test_one_service_per_external_id_and_locale(geography):
    run_import(CSV_OK.encode(), "csv", dry_run=False)
    service = Service.objects.get(external_id="CSV1", locale__language_code="fr")
    service.pk = None
    service.translation_key = __import__("uuid").uuid4()
    with pytest.raises(IntegrityError):
        service.save()


@pytest.mark.parametrize(
    ("content", "fr", "nl"),
    [
        ("caf\xe9".encode("latin-1"), "UTF-8", "UTF-8"),
        (b"name,organization\nx,y\n", "Colonnes manquantes : id.", "Ontbrekende kolommen: id."),
        (b"\x00\x01binary", "pas un fichier CSV", "geen CSV-bestand"),
    ],
)
def test_bad_files_are_refused_in_the_admin_s_language(geography, content, fr, nl):
    for language, expected in (("fr", fr), ("nl", nl)):
        with translation.override(language):
            report = run_import(content, "csv", dry_run=False)
        assert not report.ok and expected in " ".join(report.file_errors), report.file_errors
    assert Service.objects.count() == 0


def test_refused_record_says_why_in_dutch_and_nothing_is_written(geography):
    bad = CSV_OK + "CSV3,Sans statut,,,Org,maybe,unknown_cat,xx,,,,91,4.3,\n"
    with translation.override("nl"):
        report = run_import(bad.encode(), "csv", dry_run=False)
        refused = report.refused[0]
        assert refused.ref == "regel 4 (CSV3)"
        assert any("onbekende code 'unknown_cat'" in m for m in refused.messages), refused.messages
        assert [e.action for e in report.entries] == ["create", "create", "refuse"]
    assert Service.objects.count() == 0 and not report.written


def test_command_prints_the_report(tmp_path, geography, capsys):
    path = tmp_path / "five.csv"
    path.write_text(FIVE, encoding="utf-8")
    call_command("import_services", str(path), "--language", "nl")
    out = capsys.readouterr().out
    assert "regel 2 (S0): aangemaakt" in out and "5 aangemaakt, 0 bijgewerkt, 0 ongewijzigd." in out
    call_command("import_services", str(path), "--language", "fr")
    assert "ligne 6 (S4) : inchangé" in capsys.readouterr().out.replace("\u202f", " ").replace("\xa0", " ")
    path.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(CommandError):
        call_command("import_services", str(path), "--language", "fr")
    assert "UTF-8" in capsys.readouterr().err


def test_json_too_many_bytes_is_refused(geography, monkeypatch):
    monkeypatch.setattr("resources.importer.MAX_BYTES", 10)
    with translation.override("nl"):
        report = run_import(b'{"id": "x", "name": "long enough"}', "json", dry_run=False)
    assert not report.ok and "groter dan" in report.file_errors[0]


def _imports_at_once(content: bytes, count: int) -> list:
    """`count` imports of `content` started together (one thread and one connection each): their reports."""
    barrier = threading.Barrier(count)
    reports = []

    def run():
        try:
            barrier.wait()
            reports.append(run_import(content, "csv", dry_run=False))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return reports


@pytest.mark.flushes  # empties the database: run alone by `make test`
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_create_each_service_once(geography):
    """Two imports of the same 5 services at once (two threads, two connections). Before: 20 services, 20
    organisations, 10 locations. PostgreSQL only: SQLite serialises writers by locking the whole file."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    reports = _imports_at_once(FIVE.encode(), 2)
    assert len(reports) == 2 and all(report.ok for report in reports)
    actions = sorted(tuple(e.action for e in report.entries) for report in reports)
    assert actions == [(tabular.Action.CREATE,) * 5, (tabular.Action.UNCHANGED,) * 5]
    assert (_fr_count(), Service.objects.count()) == (5, 10)
    assert (Organisation.objects.count(), Location.objects.count()) == (10, 5)
