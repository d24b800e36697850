"""The admin in Dutch, in Chromium on the production settings (issue #12, finding 9): a directory manager whose
admin language is Dutch opens the directory, and the locations listing shows the hidden-address column with a Dutch header and a
tick or a cross that screen readers read as "Ja"/"Nee", never "True"/"False"; the services listing likewise.
The in-process crawl of every screen is tests/security/test_admin_language.py."""

import re

import pytest

from .conftest import staff_login

pytestmark = pytest.mark.e2e

USER = "directory-manager"


def _set_language(live, code: str) -> None:
    """The user's admin language (Account → Preferences in the admin; set here through the live site's shell)."""
    live.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; from wagtail.users.models import UserProfile; "
        f"p = UserProfile.get_for_user(get_user_model().objects.get(username='{USER}')); "
        f"p.preferred_language = '{code}'; p.save()",
    )


def test_a_directory_manager_reads_yes_no_columns_in_dutch(desktop, live):
    _set_language(live, "nl")
    staff_login(desktop, live, USER)
    try:
        desktop.goto("/admin/snippets/resources/location/")
        main = desktop.locator("main")
        assert "Adres verbergen" in main.inner_text()  # the field's verbose name, translated
        cells = main.locator("td .w-sr-only").all_inner_texts()
        answers = {text.strip() for text in cells}
        assert answers and answers <= {"Ja", "Nee"}, answers
        text = main.inner_text()
        assert not re.search(r"\b(True|False|None)\b", text)
        desktop.goto("/admin/snippets/resources/service/")
        text = desktop.locator("main").inner_text()
        assert not re.search(r"\b(True|False|None)\b", text)
        assert "Te controleren" in text  # the "to verify" column's header
    finally:
        _set_language(live, "")
