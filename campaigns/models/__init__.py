"""Models of the campaigns app: campaign pages, substance fact sheets, articles, alerts, quizzes, self-checks,
the mixing table and an anonymous result counter.

One module per concept; every model and public name is importable from `campaigns.models`:
- `pages`: campaign index, campaign pages, articles, alerts (and the JSON-LD they share);
- `substances`: substance index, fact sheets and the mixing table;
- `quizzes`: quizzes, self-checks and the anonymous result counter;
- `reviewed`: the health-content review lifecycle of the reviewed snippets (the task itself is in
  `campaigns/review.py`, imported here so that it is a model of this app)."""

from home.snippet_relations import revisions_relation, workflow_states_relation

from ..review import HealthReviewTask
from .pages import AlertPage, ArticlePage, CampaignIndexPage, CampaignPage, code_validator, web_page_ld
from .quizzes import Quiz, ResultCounter, SelfCheck
from .reviewed import ReviewedSnippetMixin
from .substances import SECTION_FEATURES, Mix, SubstanceIndexPage, SubstancePage

__all__ = [
    "SECTION_FEATURES",
    "AlertPage",
    "ArticlePage",
    "CampaignIndexPage",
    "CampaignPage",
    "HealthReviewTask",
    "Mix",
    "Quiz",
    "ResultCounter",
    "ReviewedSnippetMixin",
    "SelfCheck",
    "SubstanceIndexPage",
    "SubstancePage",
    "code_validator",
    "revisions_relation",
    "web_page_ld",
    "workflow_states_relation",
]
