"""Background tasks of the site shell (django-tasks): the outbox's sender."""

from __future__ import annotations

from django_tasks import task


@task()
def send_outgoing_email(pk: int) -> str:
    from . import outbox

    return outbox.send(pk)


@task()
def drain_outbox() -> dict:
    from . import outbox

    return outbox.drain()
