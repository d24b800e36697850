from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from evaluation.models import SocialMetric
from evaluation.social_import import import_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_errors_come_in_the_person_s_language():
    with translation.override("nl"):
        assert import_csv(b"").errors[0].startswith("Ontbrekende kolommen")
    with translation.override("fr"):
        assert import_csv(b"").errors[0].startswith("Colonnes manquantes")


URL = "/admin/evaluation/social-import/"
HEADER = "campaign_code,influencer_handle,platform,language,date,post_ref,impressions,reach,engagements,clicks,video_views\n"
GOOD = (
    HEADER
    + "ete-2026,@lea.bxl,Instagram,fr,2026-03-11,p1,8000,5000,250,40,\nete-2026,@sam_brussel,tiktok,nl,2026-03-12,p2,9000,6000,300,35,4000\n"
)


def test_good_file_imports_and_reimport_updates():
    result = import_csv(GOOD.encode())
    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    lea = SocialMetric.objects.get(influencer_handle="@lea.bxl")
    assert (lea.platform, lea.reach, lea.video_views, lea.date) == ("instagram", 5000, 0, date(2026, 3, 11))
    again = import_csv(GOOD.replace("8000,5000", "8000,5100").encode())
    assert (again.created, again.updated) == (0, 2)
    assert SocialMetric.objects.count() == 2
    assert SocialMetric.objects.get(influencer_handle="@lea.bxl").reach == 5100


def test_semicolon_files_with_bom_are_read():
    data = ("\ufeff" + GOOD.replace(",", ";")).encode()
    assert import_csv(data).created == 2


def test_one_bad_row_imports_nothing_and_names_every_error():
    bad = (
        GOOD
        + "Ete 2026,lea bxl,myspace,de,11/03/2026,p3,-1,x,0,0,0\nete-2026,@lea.bxl,instagram,fr,2026-03-11,p1,1,1,1,1,1\n"
    )
    result = import_csv(bad.encode())
    assert not result.ok
    assert SocialMetric.objects.count() == 0
    row4 = next(e for e in result.errors if e.startswith("Row 4"))
    for part in (
        "campaign code",
        "influencer handle",
        "unknown platform",
        "language must be one of",
        "is not YYYY-MM-DD",
        "impressions must be",
        "reach must be",
    ):
        assert part in row4
    assert "Row 5: same post and date as row 2." in result.errors


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Missing columns"),
        (b"campaign_code,platform\nx,y\n", "Missing columns: influencer_handle, language, date."),
        ((HEADER.strip() + ",email\n").encode(), "Unknown columns: email."),
        (HEADER.encode(), "The file has no data rows."),
        ("caf\xe9".encode("latin-1"), "not UTF-8"),
        (b"x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
        (
            (HEADER + "ete,@a,instagram,fr,2026-01-01,p,1,1,1,1,1,extra\n").encode(),
            "more values than columns",
        ),
        (
            (HEADER + "ete,@a,instagram,fr,2026-01-01,p,1,10,500,1,1\n").encode(),
            "more than ten times the reach",
        ),
    ],
)
def test_bad_files_give_clear_errors(data, message):
    result = import_csv(data)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors
    assert SocialMetric.objects.count() == 0


def test_admin_upload_success_and_failure(admin_client):
    response = admin_client.post(URL, {"file": SimpleUploadedFile("s.csv", GOOD.encode(), "text/csv")})
    assert response.status_code == 302
    assert SocialMetric.objects.count() == 2
    response = admin_client.post(
        URL, {"file": SimpleUploadedFile("s.csv", (HEADER + "bad\n").encode(), "text/csv")}
    )
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert admin_client.post(URL, {}).status_code == 400


def test_analysts_cannot_import(analyst_client):
    response = analyst_client.post(URL, {"file": SimpleUploadedFile("s.csv", GOOD.encode(), "text/csv")})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert SocialMetric.objects.count() == 0


def test_command(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command("import_social_metrics", str(good), stdout=out)
    assert "2 new rows" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "x,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_social_metrics", str(bad), stderr=StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_social_metrics", str(tmp_path / "missing.csv"))
    assert SocialMetric.objects.count() == 2
