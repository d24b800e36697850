"""One listing, translated: the language-independent facts of a service are the same in every locale.

A listing is the set of `Service` rows sharing a `translation_key` (one per locale). Only its texts
(`TEXT_FIELDS`) are translated, by wagtail-localize (`Service.translatable_fields`); everything else (`FACT_FIELDS`,
the categories, and the child rows of `CHILD_FIELDS`: locations, phones, weekly hours, closures) is a fact of the
listing. There is one write path for facts, `Service.save()`:

- saving an existing row (admin edit in any language, rollback of a revision, the "verified today" action,
  imports, service functions) writes its facts to every other row of the listing, in the same transaction;
- saving a new row of a listing that already exists (a new translation, whichever tool creates it: wagtail-localize
  from a possibly older snapshot, `copy_for_translation`, an import) takes the listing's facts instead.

A third locale adds a row per listing and nothing else: no column, no code. `diverged_listings()` says which
listings disagree (a test and the 0005 migration use it); the migration reconciles them, newest verification wins.

The functions take the model classes as arguments so that the data migration runs them on historical models.
"""

from __future__ import annotations

import datetime as dt

TEXT_FIELDS = ["name", "description", "cost", "eligibility", "what_to_bring"]

FACT_FIELDS = [
    "external_id",
    "status",
    "free",
    "anonymous",
    "no_appointment",
    "walk_in",
    "youth",
    "women_only",
    "wheelchair",
    "languages",
    "always_open",
    "open_on_holidays",
    "minimum_age",
    "maximum_age",
    "email",
    "website",
    "referral_email",
    "last_verified",
    "verified_by",
    "to_verify",
    "source_urls",
]

# The publication state of each row (Wagtail's DraftStateMixin): neither a fact nor a text. Each language row is
# published on its own (a translation may be published later); unpublishing one takes them all down and publishing
# it again brings back those that had been published (`Service.save`).
PUBLICATION_FIELDS = [
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
]

# relation name -> (model name, copied fields); every child keeps its `sort_order`.
CHILD_FIELDS = {
    "locations": ("ServiceAtLocation", ["location_id"]),
    "phones": ("Phone", ["number", "phone_type", "description", "languages"]),
    "schedules": ("Schedule", ["weekday", "opens", "closes"]),
    "closures": ("Closure", ["start", "end", "opens", "closes", "reason"]),
}


def _present(model, names) -> list[str]:
    """The names that are fields of `model`: the 0005 migration runs these functions on historical models, which
    must not see fields added to the lists later."""
    have = {f.attname for f in model._meta.concrete_fields} | {f.name for f in model._meta.concrete_fields}
    return [name for name in names if name in have]


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


def _thawed(fields, row) -> dict:
    return {f: list(v) if isinstance(v, tuple) else v for f, v in zip(fields, row, strict=True)}


def _child_rows(model, service_ids, fields) -> dict[int, list[tuple]]:
    rows: dict[int, list[tuple]] = {pk: [] for pk in service_ids}
    for values in model.objects.filter(service_id__in=service_ids).order_by("service_id", "sort_order", "pk"):
        rows[values.service_id].append(tuple(_frozen(getattr(values, f)) for f in fields))
    return rows


def copy_facts(Service, models: dict, source_pk: int, target_pks: list[int], Organisation=None) -> None:
    """Write the facts of the row `source_pk` to the rows `target_pks` (historical models welcome).

    `models` maps the child model names of CHILD_FIELDS to their classes. Child rows and categories are rewritten
    only where they differ (an unchanged listing costs reads, no writes)."""
    targets = [pk for pk in target_pks if pk != source_pk]
    if not targets:
        return
    values = (
        Service.objects.filter(pk=source_pk).values(*_present(Service, FACT_FIELDS), "organisation_id").get()
    )
    organisation_id = values.pop("organisation_id")
    Service.objects.filter(pk__in=targets).update(**values)
    if Organisation is not None:
        _copy_organisation(Service, Organisation, organisation_id, targets)

    _copy_categories(Service, source_pk, targets)
    _copy_children(models, source_pk, targets)


def _copy_categories(Service, source_pk: int, targets: list[int]) -> None:
    """The categories of `source_pk` on every target that has others."""
    through = Service._meta.get_field("categories").remote_field.through
    wanted = set(through.objects.filter(service_id=source_pk).values_list("category_id", flat=True))
    current: dict[int, set[int]] = {pk: set() for pk in targets}
    for service_id, category_id in through.objects.filter(service_id__in=targets).values_list(
        "service_id", "category_id"
    ):
        current[service_id].add(category_id)
    differ = [pk for pk in targets if current[pk] != wanted]
    if differ:
        through.objects.filter(service_id__in=differ).delete()
        through.objects.bulk_create(
            [through(service_id=pk, category_id=cid) for pk in differ for cid in sorted(wanted)]
        )


def _copy_children(models: dict, source_pk: int, targets: list[int]) -> None:
    """The child rows (CHILD_FIELDS) of `source_pk`, in order, on every target whose rows differ."""
    for model_name, fields in CHILD_FIELDS.values():
        model = models[model_name]
        fields = _present(model, fields)
        rows = _child_rows(model, [source_pk, *targets], fields)
        wanted_rows = rows[source_pk]
        differ = [pk for pk in targets if rows[pk] != wanted_rows]
        if differ:
            model.objects.filter(service_id__in=differ).delete()
            model.objects.bulk_create(
                [
                    model(service_id=pk, sort_order=order, **_thawed(fields, row))
                    for pk in differ
                    for order, row in enumerate(wanted_rows)
                ]
            )


def _copy_organisation(Service, Organisation, organisation_id, targets) -> None:
    """Each row points to the organisation's row in its own locale (the same organisation when not translated)."""
    key = Organisation.objects.filter(pk=organisation_id).values_list("translation_key", flat=True).first()
    by_locale = dict(
        Organisation.objects.filter(translation_key=key).values_list("locale_id", "pk") if key else []
    )
    for locale_id, pks in _by_locale(Service, targets).items():
        Service.objects.filter(pk__in=pks).exclude(
            organisation_id=by_locale.get(locale_id, organisation_id)
        ).update(organisation_id=by_locale.get(locale_id, organisation_id))


def _by_locale(Service, pks) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for pk, locale_id in Service.objects.filter(pk__in=pks).values_list("pk", "locale_id"):
        grouped.setdefault(locale_id, []).append(pk)
    return grouped


def fact_signature(Service, models: dict, pk: int) -> tuple:
    """Everything that must be the same in every row of a listing, as one comparable value."""
    fact_fields = _present(Service, FACT_FIELDS)
    values = Service.objects.filter(pk=pk).values(*fact_fields).get()
    categories = sorted(
        Service._meta.get_field("categories")
        .remote_field.through.objects.filter(service_id=pk)
        .values_list("category_id", flat=True)
    )
    children = tuple(
        tuple(_child_rows(models[name], [pk], _present(models[name], fields))[pk])
        for name, fields in CHILD_FIELDS.values()
    )
    return (tuple(_frozen(values[f]) for f in fact_fields),) + (
        tuple(categories),
        children,
    )


def diverged_listings(Service, models: dict) -> list:
    """The translation keys of the listings whose rows disagree on a fact."""
    keys: dict = {}
    for pk, key in Service.objects.order_by("pk").values_list("pk", "translation_key"):
        keys.setdefault(key, []).append(pk)
    return [
        key
        for key, pks in keys.items()
        if len(pks) > 1 and len({fact_signature(Service, models, pk) for pk in pks}) > 1
    ]


def newest_row(Service, pks) -> int:
    """The row whose facts win when a listing's rows disagree: the latest verification, then the latest edit."""
    rows = list(Service.objects.filter(pk__in=pks).values_list("pk", "last_verified", "updated_at"))
    return max(rows, key=lambda r: (r[1] or dt.date.min, r[2], r[0]))[0]


def reconcile(Service, models: dict, Organisation=None) -> int:
    """Make every diverged listing agree with its newest row; returns how many listings were reconciled."""
    keys = diverged_listings(Service, models)
    for key in keys:
        pks = list(Service.objects.filter(translation_key=key).values_list("pk", flat=True))
        copy_facts(Service, models, newest_row(Service, pks), pks, Organisation)
    return len(keys)


def current_models() -> tuple:
    from . import models

    children = {name: getattr(models, name) for name, _fields in CHILD_FIELDS.values()}
    return models.Service, children, models.Organisation


def mark_verified(service, user, today=None):
    """The "verified today" action: stamps the date and who on the live listing, in every language (one revision,
    one history line). A pending draft (or a change under review) gets the stamp too, so that publishing it later
    does not take the verification back; it stays a draft."""
    from django.db import transaction
    from django.utils import timezone

    date = today or timezone.localdate()
    who = (user.get_full_name() or user.get_username())[:120]
    with transaction.atomic():
        service.last_verified, service.verified_by = date, who
        service.save(update_fields=["last_verified", "verified_by", "updated_at"])  # every language's row
        pending = getattr(service, "has_unpublished_changes", False) and service.live
        target = service.get_latest_revision_as_object() if pending else service
        target.last_verified, target.verified_by = date, who
        revision = target.save_revision(user=user, log_action="resources.verify", clean=False, changed=False)
        if not pending and service.live:
            type(service).objects.filter(pk=service.pk).update(live_revision=revision)
            service.live_revision = revision
    return service
