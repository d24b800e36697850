"""Idempotent writes of pages and snippets, for loaders that run again and again: the knowledge base
(`campaigns.knowledge`, `manage.py load_knowledge`) and the demo (demo/, `manage.py load_demo`).

Pages are found again by (locale, slug) under their parent, so a second run updates instead of duplicating.
Dutch pages are real translations (same translation key), created with Wagtail's copy_for_translation, so
wagtail-localize and the language switcher treat them as such.
"""

from __future__ import annotations

from wagtail.models import Locale, Page


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def upsert_page(parent: Page, model: type[Page], *, slug: str, **fields) -> Page:
    """Create or update a child page of `parent` (in the parent's locale) and publish it if it changed."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, locale_id=parent.locale_id, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    return update_page(existing, **fields)


def update_page(page: Page, **fields) -> Page:
    """Set fields on an existing page and publish a revision only if something changed."""
    if _apply(page, fields):
        page.save_revision().publish()
    return page


def upsert_translation(source: Page, target_locale: Locale, **fields) -> Page:
    """Create or update the translation of `source` in `target_locale` with the given translated fields."""
    translation = source.get_translation_or_none(target_locale)
    if translation is None:
        translation = source.copy_for_translation(target_locale, copy_parents=True)
        _apply(translation, fields)
        translation.save_revision().publish()
        return translation.specific
    translation = translation.specific
    if _apply(translation, fields) or not translation.live:
        translation.save_revision().publish()
    return translation


def upsert_translated_snippet(source, target_locale: Locale, **fields):
    """Create or update the translation of a TranslatableMixin snippet."""
    translation = source.get_translation_or_none(target_locale)
    if translation is None:
        translation = source.copy_for_translation(target_locale)
    changed = _apply(translation, fields)
    if translation.pk is None or changed:
        save_published(translation)
    return translation


def save_published(obj):
    """Save a snippet as its published version: with Wagtail's lifecycle mixins (drafts, revisions), through a
    revision that is published, as a moderator's approval would; otherwise a plain save."""
    from wagtail.models import DraftStateMixin, RevisionMixin

    if not isinstance(obj, RevisionMixin):
        obj.save()
        return obj
    if isinstance(obj, DraftStateMixin):
        obj.live = obj.live or obj.pk is None
    obj.save()
    revision = obj.save_revision()
    if isinstance(obj, DraftStateMixin):
        revision.publish()
        obj.refresh_from_db()
    return obj


def _apply(obj, fields: dict) -> bool:
    changed = False
    for name, value in fields.items():
        current = getattr(obj, name)
        if hasattr(current, "raw_data"):  # StreamValue: compare the JSON shape
            current_cmp = list(current.raw_data)
            value_cmp = value if isinstance(value, list) else value
            if _stream_repr(current_cmp) != _stream_repr(value_cmp):
                setattr(obj, name, value)
                changed = True
        elif current != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _stream_repr(data) -> list:
    """Block type and value only (block ids are generated)."""
    out = []
    for item in data or []:
        if isinstance(item, dict):
            out.append((item.get("type"), item.get("value")))
        else:
            out.append(tuple(item))
    return out
