"""What the campaign tools add to the platform's roles (merged into home.roles by name).

| role | may | may not |
|---|---|---|
| Editors | create, edit, delete quizzes, self-checks and the mixing table (pages: see home.roles) | publish pages |
| Moderators | the same, plus publishing the pages that use them | |
| Translators | edit (translate) quizzes, self-checks and mixes | create or delete them |
Anyone else is refused (tested in tests/campaigns/test_admin.py). Result counters have no admin screen.
"""

from home.roles import Role

SNIPPETS = ("quiz", "selfcheck", "mix")


def _perms(*actions: str) -> set[str]:
    return {f"campaigns.{action}_{model}" for model in SNIPPETS for action in actions}


ROLES = [
    Role("Editors", permissions=_perms("add", "change", "delete", "view")),
    Role("Moderators", permissions=_perms("add", "change", "delete", "view")),
    Role("Translators", permissions=_perms("change", "view")),
]
