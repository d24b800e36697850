"""What the campaign tools add to the platform's roles (merged into home.roles by name).

Quizzes, self-checks and the mixing table are health content with a moderation workflow (campaigns/models/reviewed.py):

| role | may | may not |
|---|---|---|
| Editors | create, edit, delete quizzes, self-checks and mixes; save drafts; submit them for moderation; lock | publish (a change is live only once a moderator approves it) |
| Moderators | the same, plus publishing, approving or rejecting in the workflow, unlocking | |
| Translators | translate quizzes, self-checks and mixes in wagtail-localize's editor (synced translations only) | create or delete them; change a source snippet; change risk levels, answers or scores; publish |
Anyone else is refused (tested in tests/campaigns/test_admin.py and tests/campaigns/test_snippet_lifecycle.py).
Result counters have no admin screen.
"""

from home.roles import ADMIN_ACCESS, Role

SNIPPETS = ("quiz", "selfcheck", "mix")


def _perms(*actions: str) -> set[str]:
    return {f"campaigns.{action}_{model}" for model in SNIPPETS for action in actions}


ROLES = [
    Role("Editors", permissions=_perms("add", "change", "delete", "view", "lock")),
    Role("Moderators", permissions=_perms("add", "change", "delete", "view", "publish", "lock", "unlock")),
    Role("Translators", permissions=_perms("change", "view")),
    # Reviewers approve health content in the health review (campaigns/review.py); they find it in the lists.
    Role("Reviewers", permissions={ADMIN_ACCESS, *_perms("view")}),
]
