"""What the listings' drafts, revisions and workflows share (services and locations)."""

# Fields that Wagtail's revisions, drafts and workflows write on their own (`update_fields`): saving only these
# changes nothing the public reads, so `Service.save()` and `Location.save()` pass them straight through.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "updated_at",
    "has_unpublished_changes",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
}


def saves_bookkeeping_only(update_fields) -> bool:
    """Whether a save writes nothing but `BOOKKEEPING_FIELDS` (a revision's bookkeeping: no fact changes)."""
    return update_fields is not None and not set(update_fields) - BOOKKEEPING_FIELDS
