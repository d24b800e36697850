"""Helplines for tests: each is a directory listing (resources.Service with its phone and hours) and the help
box's entry that reads from it (home.Helpline.service)."""

from __future__ import annotations

from wagtail.models import Locale

from home.models import Helpline
from resources.models import Category, Organisation, Phone, Schedule, Service


def make_helpline(locale: Locale, name: str, number: str, hours=(), *, always_open=False, **fields):
    """A helpline of `locale` and its listing (same locale); `hours` are (weekday, opens, closes)."""
    organisation = Organisation.objects.create(locale=locale, name=f"Org {name}")
    service = Service(
        locale=locale, organisation=organisation, name=f"{name} – ligne", always_open=always_open
    )
    service.phones = [Phone(number=number, phone_type="hotline")]
    service.schedules = [Schedule(weekday=d, opens=o, closes=c) for d, o, c in hours]
    service.save()
    if Category.objects.exists():
        service.categories.set(Category.objects.all()[:1])
    return Helpline.objects.create(locale=locale, name=name, service=service, **fields)
