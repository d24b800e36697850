"""Quizzes and self-checks (reviewed snippets) and the anonymous counter of their results."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    TranslatableMixin,
)

from home.snippet_relations import revisions_relation, workflow_states_relation

from .. import blocks as cblocks
from .reviewed import ReviewedSnippetMixin


class Quiz(ReviewedSnippetMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    questions = StreamField([("question", cblocks.QuizQuestionBlock())], verbose_name=_("questions"))
    _revisions = revisions_relation("quiz")
    workflow_states = workflow_states_relation("quiz")

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("questions")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self):
        return self.title

    @property
    def preview_modes(self):
        return [("", _("Questions")), ("answers", _("Answers and explanations"))]

    def get_preview_template(self, request, mode_name):
        return "campaigns/quiz.html"

    def get_preview_context(self, request, mode_name):
        from ..services import correct_answers_result

        context = super().get_preview_context(request, mode_name)
        result = correct_answers_result(self) if mode_name == "answers" else None
        return {**context, "quiz": self, "return_page": None, "error": "", "result": result}


class SelfCheck(ReviewedSnippetMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("Say that it is anonymous, that nothing is stored, and what it is based on."),
    )
    questions = StreamField([("question", cblocks.SelfCheckQuestionBlock())], verbose_name=_("questions"))
    bands = StreamField([("band", cblocks.ScoreBandBlock())], verbose_name=_("score bands"))
    _revisions = revisions_relation("selfcheck")
    workflow_states = workflow_states_relation("selfcheck")

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("questions"), FieldPanel("bands")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("self-check")
        verbose_name_plural = _("self-checks")

    def __str__(self):
        return self.title

    @property
    def preview_modes(self):
        return [("", _("Questions")), ("bands", _("Score bands and advice"))]

    def get_preview_template(self, request, mode_name):
        return "campaigns/self_check.html" if mode_name != "bands" else "campaigns/self_check_bands.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        return {**context, "self_check": self, "return_page": None, "error": "", "result": None}

    def band_for(self, score: int):
        """(index, band value) of the band containing the score, or (None, None)."""
        for i, block in enumerate(self.bands):
            if block.value["min_score"] <= score <= block.value["max_score"]:
                return i, block.value
        return None, None


class ResultCounter(models.Model):
    """An anonymous tally: how many quizzes/self-checks ended in a given result, per day. Nothing else."""

    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        SELF_CHECK = "self_check", _("Self-check")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("quiz or self-check"))
    result = models.CharField(
        _("result"), max_length=20, help_text=_("Score for a quiz, band number for a self-check.")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("result counter")
        verbose_name_plural = _("result counters")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "result", "day"], name="campaigns_result_counter"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.result} {self.day}: {self.count}"

    @classmethod
    def bump(cls, *, kind: str, object_id: int, result: str) -> None:
        day = timezone.localdate()
        updated = cls.objects.filter(kind=kind, object_id=object_id, result=result, day=day).update(
            count=F("count") + 1
        )
        if updated:
            return
        try:
            with transaction.atomic():
                cls.objects.create(kind=kind, object_id=object_id, result=result, day=day, count=1)
        except IntegrityError:
            cls.objects.filter(kind=kind, object_id=object_id, result=result, day=day).update(
                count=F("count") + 1
            )
