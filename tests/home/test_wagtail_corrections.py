from django.utils import translation

from home.wagtail_corrections import CORRECTED


def test_submitting_reads_as_submitting_not_as_scheduled_publication():
    msgid = CORRECTED[0]
    with translation.override("fr"):
        french = translation.gettext(msgid)
    with translation.override("nl"):
        dutch = translation.gettext(msgid)
    assert "soumis" in french and "planifié" not in french
    assert "ingediend" in dutch
