"""Phone numbers and e-mail addresses are removed from what visitors type (home/redact.py)."""

import pytest

from home.redact import REMOVED, redact_contacts


@pytest.mark.parametrize(
    "contact",
    [
        "+32 2 123 45 67",
        "+32 (0)2 123 45 67",
        "0032 2 123 45 67",
        "0470 12 34 56",
        "0470/12.34.56",
        "0470-12-34-56",
        "0470123456",
        "+32470123456",
        "02/123.45.67",
        "02 123 45 67",
        "name@example.be",
        "jean.dupont+asbl@mail.example.co.uk",
    ],
)
def test_belgian_phone_numbers_and_addresses_are_removed(contact):
    text = f"Appelez-moi au {contact}, merci."
    assert redact_contacts(text) == f"Appelez-moi au {REMOVED}, merci."


@pytest.mark.parametrize(
    "text",
    [
        "Fermé depuis le 01/03/2026.",
        "Ouvert de 09.00-17.00 du lundi au vendredi.",
        "Rue Haute 12, 1000 Bruxelles, 3e étage.",
        "Il faut 2 documents et 15 minutes.",
        "",
    ],
)
def test_dates_hours_and_addresses_are_kept(text):
    assert redact_contacts(text) == text


def test_several_in_one_text():
    text = "Mon gsm 0470 12 34 56 ou le fixe 02/123.45.67, ou écrivez à name@example.be."
    assert redact_contacts(text) == f"Mon gsm {REMOVED} ou le fixe {REMOVED}, ou écrivez à {REMOVED}."
