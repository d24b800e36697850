"""`FastSelect` renders the same markup as Django's own Select."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.utils.translation import gettext_lazy as _

from home.widgets import FastSelect

CHOICES = [("", _("Anywhere")), (804, "Gare du Midi"), ("a&b", 'Quote " <tag>'), (None, "None key")]


def _form(widget, data):
    class F(forms.Form):
        place = forms.TypedChoiceField(
            choices=CHOICES, required=False, coerce=str, widget=widget, help_text="Help"
        )

    return F(data)


class _Parts(HTMLParser):
    """Tags with their attributes as sets (attribute order is not meaningful), and text."""

    def __init__(self, html):
        super().__init__()
        self.parts = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, frozenset(attrs)))

    def handle_endtag(self, tag):
        self.parts.append(("/" + tag,))

    def handle_data(self, data):
        if data.strip():
            self.parts.append((data.strip(),))


def _normalise(html: str) -> list:
    return _Parts(html).parts


@pytest.mark.parametrize("data", [{}, {"place": "804"}, {"place": "a&b"}, {"place": "nope"}, {"place": ""}])
def test_same_markup_as_django_select(data):
    fast, slow = _form(FastSelect, data), _form(forms.Select, data)
    fast.is_valid(), slow.is_valid()
    assert _normalise(str(fast["place"])) == _normalise(str(slow["place"]))


def test_marks_the_chosen_option_and_escapes():
    html = str(_form(FastSelect, {"place": "804"})["place"])
    assert '<option value="804" selected>Gare du Midi</option>' in html
    assert "Quote &quot; &lt;tag&gt;" in html and 'value="a&amp;b"' in html
