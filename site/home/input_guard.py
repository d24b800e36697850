"""Control characters in a URL are refused before any view sees them.

A NUL byte in a path segment or a query parameter (`/fr/aide/commune/%00/`, `?q=%00`) reached views, the ORM and
PostgreSQL, which refuses NUL in text ("A string literal cannot contain NUL"), and answered 500. No public view,
API or search has a use for C0 control characters or DEL in its URL, so they are answered here, once for the
whole site, with a 400 in the visitor's language that says what to do. Tabs and line breaks in query values are
kept (a pasted search may carry them; forms strip them). Form bodies are not concerned: Django's form fields
already refuse NUL (ProhibitNullCharactersValidator).
"""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# C0 controls and DEL; in query values, tab, line feed and carriage return are allowed.
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_QUERY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(request) -> bool:
    if _PATH_CONTROL.search(request.path_info):
        return True
    return any(
        _QUERY_CONTROL.search(key) or any(_QUERY_CONTROL.search(value) for value in values)
        for key, values in request.GET.lists()
    )


class ControlCharacterGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            if request.path_info.startswith("/api/"):  # machines get the API's own error shape
                return JsonResponse({"error": _("The address contains control characters.")}, status=400)
            return render(request, "400.html", status=400)
        return self.get_response(request)
