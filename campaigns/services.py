"""Evaluation of quizzes and self-checks. Answers are read from the submitted form, evaluated, and forgotten:
only an anonymous counter (kind, object, result, day) is incremented."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Quiz, ResultCounter, SelfCheck


class TamperedForm(ValueError):
    """The submitted answers do not match the questionnaire (edited form, outdated page, bad request)."""


class IncompleteForm(ValueError):
    """Some questions were not answered."""


MESSAGE_TAMPERED = _(
    "We could not read your answers: the form was changed or the questions were updated in the meantime. "
    "Please try again."
)
MESSAGE_INCOMPLETE = _("Please answer every question.")


def _read_choices(data, questions: list[int]) -> dict[int, int]:
    """{question index: chosen option index} from fields named q<i>, with <i> < len(questions)."""
    choices: dict[int, int] = {}
    for key in data:
        if not key.startswith("q"):
            continue
        try:
            index = int(key[1:])
            value = int(data.get(key))
        except (TypeError, ValueError) as exc:
            raise TamperedForm from exc
        if not 0 <= index < len(questions) or not 0 <= value < questions[index]:
            raise TamperedForm
        choices[index] = value
    if len(choices) < len(questions):
        raise IncompleteForm(sorted(set(range(len(questions))) - set(choices)))
    return choices


@dataclass
class QuestionResult:
    question: str
    chosen: str
    correct: bool
    correct_answers: list[str]
    explanation: str


@dataclass
class QuizResult:
    score: int
    total: int
    items: list[QuestionResult] = field(default_factory=list)


def evaluate_quiz(quiz: Quiz, data, *, count: bool = True) -> QuizResult:
    questions = [block.value for block in quiz.questions]
    choices = _read_choices(data, [len(q["answers"]) for q in questions])
    result = QuizResult(score=0, total=len(questions))
    for index, question in enumerate(questions):
        answer = question["answers"][choices[index]]
        correct = bool(answer.get("correct"))
        result.score += int(correct)
        result.items.append(
            QuestionResult(
                question=question["question"],
                chosen=answer["text"],
                correct=correct,
                correct_answers=[a["text"] for a in question["answers"] if a.get("correct")],
                explanation=question["explanation"],
            )
        )
    if count:
        ResultCounter.bump(
            kind=ResultCounter.Kind.QUIZ, object_id=quiz.pk, result=f"{result.score}/{result.total}"
        )
    return result


@dataclass
class SelfCheckResult:
    score: int
    max_score: int
    band_index: int | None
    band: object | None


def evaluate_self_check(self_check: SelfCheck, data, *, count: bool = True) -> SelfCheckResult:
    questions = [block.value for block in self_check.questions]
    choices = _read_choices(data, [len(q["options"]) for q in questions])
    score = sum(int(q["options"][choices[i]]["score"] or 0) for i, q in enumerate(questions))
    max_score = sum(max((int(o["score"] or 0) for o in q["options"]), default=0) for q in questions)
    band_index, band = self_check.band_for(score)
    if count:
        ResultCounter.bump(
            kind=ResultCounter.Kind.SELF_CHECK,
            object_id=self_check.pk,
            result="none" if band_index is None else str(band_index),
        )
    return SelfCheckResult(score=score, max_score=max_score, band_index=band_index, band=band)


def correct_answers_result(quiz: Quiz) -> QuizResult:
    """The result page of someone who ticked the first correct answer everywhere: what a reviewer checks in the
    preview (every question with its right answers and explanation). Nothing is counted."""
    data = {}
    for index, block in enumerate(quiz.questions):
        answers = block.value["answers"]
        data[f"q{index}"] = str(next((i for i, a in enumerate(answers) if a.get("correct")), 0))
    return evaluate_quiz(quiz, data, count=False)
