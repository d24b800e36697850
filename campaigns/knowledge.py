"""The harm-reduction knowledge base as maintained data (docs/campaigns.md, "Knowledge base").

`content/knowledge/substances/*.toml` — one file per substance or behaviour, French and Dutch side by side;
`content/knowledge/mixes.toml` — the mixing table (TripSit categories, our words, what to do);
`content/knowledge/self_checks/*.toml` — validated screening instruments, scoring as published;
`content/knowledge/quizzes/*.toml` — knowledge quizzes, each answer with its explanation and source;
`content/knowledge/common.toml` — texts several sheets share ("@name" in a sheet refers to one).

`validate_all()` is the schema check (a missing section, language, source, review or score fails it, with the
file and the field named); `load()` writes the pages and snippets, idempotently: a substance page is found by its
French slug under the substance index and its Dutch page by translation key; snippets by a translation key derived
from their file key. Nothing is written when validation fails.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib
import uuid
from pathlib import Path

from django.conf import settings

LANGS = ("fr", "nl")
TEXT_SECTIONS = (
    "description",
    "appearance",
    "effects",
    "physical_risks",
    "mental_risks",
    "cut_with",
    "mixing_dangers",
    "dependence",
    "law",
    "harm_reduction",
    "worried_friend",
    "get_help",
)
# A behaviour (gambling, gaming) has no product: these may be empty for it, never missing.
BEHAVIOUR_OPTIONAL = ("cut_with", "duration", "appearance")
SOURCE_KINDS = ("euda", "sciensano", "law", "service", "tripsit", "instrument", "other")
RISKS = ("low", "caution", "dangerous", "very_dangerous")
# TripSit combination chart category -> our risk level. A row may be stricter than its category, never looser.
TRIPSIT = {
    "Low Risk & Synergy": "low",
    "Low Risk & No Synergy": "low",
    "Low Risk & Decrease": "low",
    "Caution": "caution",
    "Unsafe": "dangerous",
    "Dangerous": "very_dangerous",
}
LIMITS = {"title": 255, "slug": 80, "slang_names": 300, "summary": 300, "reviewer_role": 120}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NS = uuid.UUID("0b8f3d4e-63a1-4c5e-9a0f-5d2c8e7b1a36")


class KnowledgeError(Exception):
    """The data does not pass the schema check; `errors` lists every problem as "file: field: message"."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def root() -> Path:
    return Path(getattr(settings, "KNOWLEDGE_DIR", Path(settings.BASE_DIR) / "content" / "knowledge"))


def translation_key(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NS, f"{kind}:{key}")


# --- Reading ---------------------------------------------------------------------------------------------


def _read(path: Path, errors: list[str]) -> dict | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        errors.append(f"{path.name}: not readable TOML: {exc}")
        return None


def _read_dir(base: Path, folder: str, errors: list[str]) -> dict[str, dict]:
    out = {}
    for path in sorted((base / folder).glob("*.toml")):
        data = _read(path, errors)
        if data is None:
            continue
        key = data.get("key")
        if key != path.stem:
            errors.append(f"{folder}/{path.name}: key: must be the file name ({path.stem!r}), not {key!r}")
            continue
        data["_file"] = f"{folder}/{path.name}"
        out[key] = data
    return out


def _resolve_sources(data: dict, common: dict, errors: list[str]) -> None:
    """A source may be named by its key in common.toml's [sources] table."""
    shared = common.get("sources", {})
    resolved = []
    for source in data.get("sources") or []:
        if isinstance(source, str):
            if source not in shared:
                errors.append(f"{data.get('_file')}: sources: unknown source {source!r} (see common.toml)")
                continue
            source = shared[source]
        resolved.append(source)
    if "sources" in data:
        data["sources"] = resolved


def read_all(base: Path | None = None) -> tuple[dict, list[str]]:
    base = base or root()
    errors: list[str] = []
    common = _read(base / "common.toml", errors) or {}
    data = {
        "common": common,
        "substances": _read_dir(base, "substances", errors),
        "mixes": _read(base / "mixes.toml", errors) or {},
        "self_checks": _read_dir(base, "self_checks", errors),
        "quizzes": _read_dir(base, "quizzes", errors),
    }
    for group in ("substances", "self_checks"):
        for spec in data[group].values():
            _resolve_sources(spec, common, errors)
    return data, errors


def read_substances(base: Path | None = None) -> dict[str, dict]:
    data, _errors = read_all(base)
    return data["substances"]


# --- Schema check ----------------------------------------------------------------------------------------


def _text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _check_sources(where: str, sources, errors: list[str], *, need_law: bool):
    if not isinstance(sources, list) or not sources:
        errors.append(f"{where}: sources: at least one source is required")
        return
    kinds = {_check_source(f"{where}: sources[{i}]", source, errors) for i, source in enumerate(sources)}
    if need_law and "law" not in kinds:
        errors.append(f"{where}: sources: the Belgian law text the law section relies on is required")


def _check_source(where: str, source, errors: list[str]):
    """One source: a title, an https:// link, a known kind. Returns its kind (None without a title)."""
    if not isinstance(source, dict) or not _text(source.get("title")):
        errors.append(f"{where}: a title is required")
        return None
    url = source.get("url", "")
    if not (isinstance(url, str) and url.startswith("https://")):
        errors.append(f"{where}: an https:// link is required")
    if source.get("kind") not in SOURCE_KINDS:
        errors.append(f"{where}: kind must be one of {', '.join(SOURCE_KINDS)}")
    return source.get("kind")


def _check_review(where: str, review, errors: list[str]):
    if not isinstance(review, dict):
        errors.append(f"{where}: review: the [review] table (date, status) is required")
        return
    if not isinstance(review.get("date"), dt.date):
        errors.append(f"{where}: review.date: a date (YYYY-MM-DD) is required")
    if review.get("status") not in ("pending", "approved"):
        errors.append(f"{where}: review.status: 'pending' or 'approved'")


def _resolve(value, lang: str, common: dict):
    if isinstance(value, str) and value.startswith("@"):
        shared = common.get(value[1:])
        if not isinstance(shared, dict) or not _text(shared.get(lang)):
            return None
        return shared[lang]
    return value


def _check_lengths(where: str, lang: str, text: dict, errors: list[str]) -> None:
    for name, limit in LIMITS.items():
        if not _text(text.get(name)):
            errors.append(f"{where}: {lang}.{name}: required")
        elif len(text[name]) > limit:
            errors.append(f"{where}: {lang}.{name}: at most {limit} characters")
    if _text(text.get("slug")) and not SLUG.match(text["slug"]):
        errors.append(f"{where}: {lang}.slug: lower-case letters, digits and hyphens only")


def _check_sections(
    where: str, lang: str, text: dict, common: dict, behaviour: bool, errors: list[str]
) -> None:
    for name in TEXT_SECTIONS:
        if name not in text:
            errors.append(f"{where}: {lang}.{name}: section missing")
            continue
        value = _resolve(text[name], lang, common)
        if value is None:
            errors.append(f"{where}: {lang}.{name}: unknown shared text {text[name]!r}")
        elif not _text(value) and not (behaviour and name in BEHAVIOUR_OPTIONAL):
            errors.append(f"{where}: {lang}.{name}: section empty")


def _check_duration(where: str, lang: str, text: dict, behaviour: bool, errors: list[str]) -> None:
    rows = text.get("duration")
    if rows is None:
        errors.append(f"{where}: {lang}.duration: section missing")
    elif not isinstance(rows, list) or (not rows and not behaviour):
        errors.append(f"{where}: {lang}.duration: at least one route (route, onset, duration, after)")
    else:
        for i, row in enumerate(rows):
            if not (isinstance(row, list) and len(row) in (3, 4) and all(_text(c) for c in row[:3])):
                errors.append(f"{where}: {lang}.duration[{i}]: [route, onset, duration, after-effects]")


def check_substance(spec: dict, common: dict) -> list[str]:
    where = spec.get("_file", spec.get("key", "?"))
    errors: list[str] = []
    behaviour = spec.get("kind") == "behaviour"
    if spec.get("kind") not in ("substance", "behaviour"):
        errors.append(f"{where}: kind: 'substance' or 'behaviour'")
    _check_review(where, spec.get("review"), errors)
    _check_sources(where, spec.get("sources"), errors, need_law=True)
    for lang in LANGS:
        text = spec.get(lang)
        if not isinstance(text, dict):
            errors.append(f"{where}: [{lang}]: the {lang} language is missing")
            continue
        _check_lengths(where, lang, text, errors)
        _check_sections(where, lang, text, common, behaviour, errors)
        _check_duration(where, lang, text, behaviour, errors)
    fr, nl = spec.get("fr"), spec.get("nl")
    if (
        isinstance(fr, dict)
        and isinstance(nl, dict)
        and len(fr.get("duration") or []) != len(nl.get("duration") or [])
    ):
        errors.append(f"{where}: duration: French and Dutch must list the same routes")
    return errors


def _check_mix_defaults(where: str, mixes: dict, substances: dict, errors: list[str]) -> None:
    advice = mixes.get("advice", {})
    for risk in RISKS:
        if not all(_text(advice.get(risk, {}).get(lang)) for lang in LANGS):
            errors.append(f"{where}: advice.{risk}: default advice in fr and nl required")
    for name, source in mixes.get("sources", {}).items():
        if not all(_text(source.get(f)) for f in ("fr", "nl")):
            errors.append(f"{where}: sources.{name}: fr and nl wording required")
    for key in mixes.get("main", []):
        if key not in substances:
            errors.append(f"{where}: main: unknown substance {key!r}")


def _check_mix_risk(label: str, row: dict, errors: list[str]) -> None:
    if row.get("risk") not in RISKS:
        errors.append(f"{label}: risk: one of {', '.join(RISKS)}")
    elif row.get("tripsit") is not None:
        if row["tripsit"] not in TRIPSIT:
            errors.append(f"{label}: tripsit: one of {', '.join(TRIPSIT)}")
        elif RISKS.index(row["risk"]) < RISKS.index(TRIPSIT[row["tripsit"]]):
            errors.append(f"{label}: risk: may not be lower than TripSit's {row['tripsit']!r}")


def _check_mix_texts(label: str, row: dict, errors: list[str]) -> None:
    for lang in LANGS:
        if not _text(row.get(lang)):
            errors.append(f"{label}: {lang}: the explanation is required")
        elif len(row[lang]) > 800:
            errors.append(f"{label}: {lang}: at most 800 characters")
        if len(row.get(f"{lang}_todo", "")) > 600:
            errors.append(f"{label}: {lang}_todo: at most 600 characters")


def _check_mix_row(label: str, row: dict, sources: dict, seen: set, errors: list[str]) -> None:
    pair = frozenset((row.get("a"), row.get("b")))
    if pair in seen:
        errors.append(f"{label}: this pair is listed twice")
    seen.add(pair)
    _check_mix_risk(label, row, errors)
    if row.get("source") not in sources:
        errors.append(f"{label}: source: one of {', '.join(sources)}")
    _check_mix_texts(label, row, errors)


def check_mixes(mixes: dict, substances: dict) -> list[str]:
    errors: list[str] = []
    where = "mixes.toml"
    _check_mix_defaults(where, mixes, substances, errors)
    sources = mixes.get("sources", {})
    main = mixes.get("main", [])
    seen = set()
    for i, row in enumerate(mixes.get("mix", [])):
        label = f"{where}: mix[{i}] {row.get('a')} + {row.get('b')}"
        a, b = row.get("a"), row.get("b")
        if a not in substances or b not in substances:
            errors.append(f"{label}: unknown substance")
        elif a == b:
            errors.append(f"{label}: two different substances")
        else:
            _check_mix_row(label, row, sources, seen, errors)
    for i, a in enumerate(main):
        for b in main[i + 1 :]:
            if frozenset((a, b)) not in seen:
                errors.append(f"{where}: main pair {a} + {b} has no row")
    return errors


def _check_questions(where: str, spec: dict, errors: list[str]) -> int:
    """The questions and their scales; returns the highest possible total."""
    scales = spec.get("scales", {})
    questions = spec.get("questions", [])
    if not questions:
        errors.append(f"{where}: questions: required")
    top = 0
    for i, question in enumerate(questions):
        scale = scales.get(question.get("scale"))
        if scale is None:
            errors.append(f"{where}: questions[{i}]: scale: one of {', '.join(scales)}")
            continue
        _check_question(where, i, question, scale, errors)
        top += max(scale.get("scores", []) or [0])
    return top


def _check_question(where: str, i: int, question: dict, scale: dict, errors: list[str]) -> None:
    """One question and its scale: whole scores from 0; the question and one option per score in each language."""
    scores = scale.get("scores", [])
    if not scores or any(not isinstance(s, int) or s < 0 for s in scores):
        errors.append(f"{where}: scales.{question.get('scale')}: scores: whole numbers from 0")
    for lang in LANGS:
        if not _text(question.get(lang)):
            errors.append(f"{where}: questions[{i}].{lang}: the question is required")
        if len(scale.get(lang, [])) != len(scores):
            errors.append(f"{where}: scales.{question.get('scale')}.{lang}: one option per score")


def _check_bands(where: str, spec: dict, top: int, errors: list[str]) -> None:
    bands = spec.get("bands", [])
    expected = 0
    for i, band in enumerate(bands):
        if band.get("min") != expected or not isinstance(band.get("max"), int) or band["max"] < band["min"]:
            errors.append(f"{where}: bands[{i}]: bands must follow each other from 0 without gap or overlap")
            break
        expected = band["max"] + 1
        for lang in LANGS:
            if not (_text(band.get(f"{lang}_title")) and _text(band.get(f"{lang}_advice"))):
                errors.append(f"{where}: bands[{i}]: {lang}_title and {lang}_advice required")
    if bands and expected - 1 != top:
        errors.append(f"{where}: bands: the last band must end at the highest score, {top}")


def _check_example(where: str, spec: dict, i: int, example: dict, errors: list[str]) -> None:
    answers = example.get("answers", [])
    if len(answers) != len(spec.get("questions", [])) or errors:
        errors.append(f"{where}: examples[{i}]: one answer per question")
        return
    try:
        total = score(spec, answers)
        band = band_index(spec, total)
    except (IndexError, ValueError, KeyError):
        errors.append(f"{where}: examples[{i}]: an answer is not an option of its question")
        return
    if (total, band) != (example.get("total"), example.get("band")):
        errors.append(
            f"{where}: examples[{i}]: scores {total} (band {band}), not {example.get('total')} "
            f"(band {example.get('band')})"
        )


def check_self_check(spec: dict) -> list[str]:
    where = spec.get("_file", "?")
    errors: list[str] = []
    for name in ("instrument", "citation", "licence", "scoring", "translations"):
        if not _text(spec.get(name)):
            errors.append(f"{where}: {name}: required")
    _check_review(where, spec.get("review"), errors)
    _check_sources(where, spec.get("sources"), errors, need_law=False)
    top = _check_questions(where, spec, errors)
    for lang in LANGS:
        if not all(_text(spec.get(lang, {}).get(f)) for f in ("title", "intro")):
            errors.append(f"{where}: [{lang}]: title and intro required")
    _check_bands(where, spec, top, errors)
    if not spec.get("examples"):
        errors.append(f"{where}: examples: at least one scoring example from the published scoring")
    for i, example in enumerate(spec.get("examples", [])):
        _check_example(where, spec, i, example, errors)
    return errors


def check_quiz(spec: dict) -> list[str]:
    where = spec.get("_file", "?")
    errors: list[str] = []
    _check_review(where, spec.get("review"), errors)
    for lang in LANGS:
        if not all(_text(spec.get(lang, {}).get(f)) for f in ("title", "intro")):
            errors.append(f"{where}: [{lang}]: title and intro required")
    questions = spec.get("questions", [])
    if len(questions) < 3:
        errors.append(f"{where}: questions: at least three")
    for i, question in enumerate(questions):
        _check_quiz_question(f"{where}: questions[{i}]", question, errors)
    return errors


def _check_quiz_question(where: str, question: dict, errors: list[str]) -> None:
    if not _text(question.get("source")):
        errors.append(f"{where}.source: required")
    for lang in LANGS:
        for name, limit in (("question", 250), ("explanation", 500)):
            if not _text(question.get(f"{lang}_{name}")):
                errors.append(f"{where}.{lang}_{name}: required")
            elif len(question[f"{lang}_{name}"]) > limit:
                errors.append(f"{where}.{lang}_{name}: at most {limit} characters")
        answers = question.get(f"{lang}_answers", [])
        if not 2 <= len(answers) <= 6:
            errors.append(f"{where}.{lang}_answers: two to six answers")
    if len(question.get("fr_answers", [])) != len(question.get("nl_answers", [])):
        errors.append(f"{where}: the same number of answers in fr and nl")
    correct = question.get("correct")
    if not isinstance(correct, int) or not 0 <= correct < len(question.get("fr_answers", [])):
        errors.append(f"{where}.correct: the index of the right answer (from 0)")


def validate_all(base: Path | None = None) -> dict:
    """The whole knowledge base, checked; raises KnowledgeError listing every problem."""
    data, errors = read_all(base)
    for spec in data["substances"].values():
        errors += check_substance(spec, data["common"])
    errors += _check_no_repeats(data["substances"])
    errors += check_mixes(data["mixes"], data["substances"])
    for spec in data["self_checks"].values():
        errors += check_self_check(spec)
    for spec in data["quizzes"].values():
        errors += check_quiz(spec)
    if errors:
        raise KnowledgeError(errors)
    return data


def _check_no_repeats(substances: dict) -> list[str]:
    """No two substances share a slug in a language, nor the same (not shared) law paragraph."""
    errors: list[str] = []
    slugs: dict[tuple[str, str], str] = {}
    laws: dict[str, str] = {}
    for key, spec in substances.items():
        _check_slugs_unique(key, spec, slugs, errors)
        _check_law_unique(key, spec, laws, errors)
    return errors


def _check_slugs_unique(key: str, spec: dict, slugs: dict, errors: list[str]) -> None:
    for lang in LANGS:
        slug = (spec.get(lang) or {}).get("slug")
        if slug and (lang, slug) in slugs:
            errors.append(f"{spec['_file']}: {lang}.slug: {slug!r} is also {slugs[(lang, slug)]}'s")
        slugs[(lang, slug)] = key


def _check_law_unique(key: str, spec: dict, laws: dict, errors: list[str]) -> None:
    """A law paragraph written out (not a shared "@" one) is the substance's own."""
    law = (spec.get("fr") or {}).get("law")
    if not _text(law) or law.startswith("@"):
        return
    if law.strip() in laws:
        errors.append(f"{spec['_file']}: fr.law: same paragraph as {laws[law.strip()]}")
    laws[law.strip()] = key


def stale(data: dict, today: dt.date, *, days: int = 365) -> list[tuple[str, dt.date]]:
    """(file, review date) of every file whose last health review is older than `days`, oldest first."""
    out = []
    for group in ("substances", "self_checks", "quizzes"):
        for spec in data[group].values():
            reviewed = spec["review"]["date"]
            if (today - reviewed).days > days:
                out.append((spec["_file"], reviewed))
    return sorted(out, key=lambda item: (item[1], item[0]))


# --- Rendering -------------------------------------------------------------------------------------------


def to_html(text: str) -> str:
    """Plain text to the rich text of a section: blank lines separate paragraphs, "- " starts a list item."""
    out = []
    for chunk in (text or "").strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            out.append(
                "<ul>"
                + "".join(f"<li>{html.escape(line[2:].strip(), quote=False)}</li>" for line in lines)
                + "</ul>"
            )
        else:
            out.append(f"<p>{html.escape(' '.join(lines), quote=False)}</p>")
    return "".join(out)


def _block_id(*parts) -> str:
    return str(uuid.uuid5(NS, ":".join(str(p) for p in parts)))


def sheet_fields(spec: dict, lang: str, common: dict) -> dict:
    text = spec[lang]
    key = spec["key"]
    fields = {
        "title": text["title"],
        "slug": text["slug"],
        "slang_names": text["slang_names"],
        "summary": text["summary"],
        "reviewer_role": text["reviewer_role"],
        "last_reviewed": spec["review"]["date"],
    }
    for name in TEXT_SECTIONS:
        fields[name] = to_html(_resolve(text[name], lang, common))
    rows = [
        {
            "type": "item",
            "value": {
                "route": r[0],
                "onset": r[1],
                "duration": r[2],
                "after_effects": r[3] if len(r) > 3 else "",
            },
            "id": _block_id(key, "duration", i),
        }
        for i, r in enumerate(text.get("duration") or [])
    ]
    fields["duration"] = [{"type": "table", "value": rows, "id": _block_id(key, "duration")}] if rows else []
    fields["sources"] = [
        {"type": "source", "value": {"title": s["title"], "url": s["url"]}, "id": _block_id(key, "source", i)}
        for i, s in enumerate(spec["sources"])
    ]
    return fields


def mix_rows(data: dict) -> list[dict]:
    """Every mix with its texts resolved: [{a, b, risk, fr, nl, fr_advice, nl_advice, fr_source, nl_source}]."""
    mixes = data["mixes"]
    out = []
    for row in mixes.get("mix", []):
        source = mixes["sources"][row["source"]]
        item = {"a": row["a"], "b": row["b"], "risk": row["risk"]}
        for lang in LANGS:
            item[lang] = row[lang]
            item[f"{lang}_advice"] = row.get(f"{lang}_todo") or mixes["advice"][row["risk"]][lang]
            item[f"{lang}_source"] = source[lang]
        out.append(item)
    return out


def self_check_fields(spec: dict, lang: str, help_page=None) -> dict:
    key = spec["key"]
    scales = spec["scales"]
    questions = []
    for qi, question in enumerate(spec["questions"]):
        scale = scales[question["scale"]]
        options = [
            {"type": "item", "value": {"text": text, "score": score}, "id": _block_id(key, "q", qi, "o", oi)}
            for oi, (text, score) in enumerate(zip(scale[lang], scale["scores"], strict=True))
        ]
        questions.append(
            {
                "type": "question",
                "value": {"question": question[lang], "options": options},
                "id": _block_id(key, "q", qi),
            }
        )
    bands = [
        {
            "type": "band",
            "value": {
                "min_score": band["min"],
                "max_score": band["max"],
                "title": band[f"{lang}_title"],
                "advice": band[f"{lang}_advice"],
                "help_page": help_page.pk if (help_page is not None and band.get("help", True)) else None,
                "show_helplines": True,
            },
            "id": _block_id(key, "band", bi),
        }
        for bi, band in enumerate(spec["bands"])
    ]
    text = spec[lang]
    return {"title": text["title"], "intro": text["intro"], "questions": questions, "bands": bands}


def score(spec: dict, answers: list[int]) -> int:
    """The instrument's total for the chosen option of each question (option indexes, from 0)."""
    total = 0
    for question, answer in zip(spec["questions"], answers, strict=True):
        total += spec["scales"][question["scale"]]["scores"][answer]
    return total


def band_index(spec: dict, total: int) -> int:
    for i, band in enumerate(spec["bands"]):
        if band["min"] <= total <= band["max"]:
            return i
    raise ValueError(total)


def quiz_fields(spec: dict, lang: str) -> dict:
    key = spec["key"]
    source_label = "Bron:" if lang == "nl" else "Source :"
    questions = []
    for qi, question in enumerate(spec["questions"]):
        answers = [
            {
                "type": "item",
                "value": {"text": text, "correct": ai == question["correct"]},
                "id": _block_id(key, qi, ai),
            }
            for ai, text in enumerate(question[f"{lang}_answers"])
        ]
        explanation = f"{question[f'{lang}_explanation']} {source_label} {question['source']}."
        questions.append(
            {
                "type": "question",
                "value": {
                    "question": question[f"{lang}_question"],
                    "answers": answers,
                    "explanation": explanation,
                },
                "id": _block_id(key, "q", qi),
            }
        )
    text = spec[lang]
    return {"title": text["title"], "intro": text["intro"], "questions": questions}


# --- Loading into the site -------------------------------------------------------------------------------


def _approved(spec: dict, allow_pending: bool) -> bool:
    return allow_pending or spec["review"]["status"] == "approved"


def substance_index(home_fr, nl):
    from home.upserts import upsert_page, upsert_translation

    from .models import SubstanceIndexPage

    existing = SubstanceIndexPage.objects.child_of(home_fr).first()
    if existing is not None:
        return existing
    index = upsert_page(
        home_fr,
        SubstanceIndexPage,
        slug="produits",
        title="Produits de A à Z",
        intro="Des infos claires sur les produits : effets, risques, mélanges, la loi, et comment réduire les "
        "risques. Sans jugement.",
        summary="Fiches produits de A à Z, avec les noms de rue.",
        show_in_menus=True,
    )
    upsert_translation(
        index,
        nl,
        title="Middelen van A tot Z",
        slug="middelen",
        intro="Duidelijke info over middelen: effecten, risico's, combinaties, de wet, en hoe je risico's "
        "beperkt. Zonder oordeel.",
        summary="Productfiches van A tot Z, met straatnamen.",
        show_in_menus=True,
    )
    return index


def _snippet(model, kind: str, key: str, fr, fr_title: str):
    """The French snippet of a file: by its derived translation key, else (content loaded before the files
    existed) by its French title; None when new."""
    found = model.objects.filter(locale=fr, translation_key=translation_key(kind, key)).first()
    return found or model.objects.filter(locale=fr, title=fr_title).first()


def _upsert_snippet(model, kind: str, key: str, fields_fr: dict, fields_nl: dict, fr, nl):
    from home.upserts import save_published, upsert_translated_snippet

    obj = _snippet(model, kind, key, fr, fields_fr["title"])
    if obj is None:
        obj = model(locale=fr, translation_key=translation_key(kind, key))
    changed = obj.pk is None
    for name, value in fields_fr.items():
        current = getattr(obj, name)
        current = list(current.raw_data) if hasattr(current, "raw_data") else current
        if current != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        save_published(obj)
    upsert_translated_snippet(obj, nl, **fields_nl)
    return obj


def load(*, allow_pending: bool, stdout=None, help_page=None, data: dict | None = None) -> dict:
    """Write the knowledge base into the site. Returns {"pages": {key: FR page}, "mixes": n, "self_checks":
    {key: FR snippet}, "quizzes": {key: FR snippet}, "skipped": [files awaiting review]}."""
    from django.db import transaction

    from home.models import HomePage
    from home.upserts import locale

    data = data or validate_all()
    fr, nl = locale("fr"), locale("nl")
    home_fr = HomePage.objects.filter(locale=fr).first()
    if home_fr is None:
        raise KnowledgeError(["site: there is no French home page to put the substance index under"])
    result = {"pages": {}, "mixes": 0, "self_checks": {}, "quizzes": {}, "skipped": []}
    with transaction.atomic():
        _load_substances(data, substance_index(home_fr, nl), nl, allow_pending, result)
        result["mixes"] = _load_mixes(data, result["pages"], fr, nl)
        _load_self_checks(data, help_page, fr, nl, allow_pending, result)
        _load_quizzes(data, fr, nl, allow_pending, result)
    if stdout is not None:
        stdout.write(_load_summary(result))
    return result


def _load_substances(data: dict, index, nl, allow_pending: bool, result: dict) -> None:
    from home.upserts import upsert_page, upsert_translation

    from .models import SubstancePage

    common = data["common"]
    for key, spec in data["substances"].items():
        page = SubstancePage.objects.child_of(index).filter(slug=spec["fr"]["slug"]).first()
        if not _approved(spec, allow_pending):
            result["skipped"].append(spec["_file"])
            if page is not None:
                result["pages"][key] = page
            continue
        fields_fr = sheet_fields(spec, "fr", common)
        slug = fields_fr.pop("slug")
        page = upsert_page(index, SubstancePage, slug=slug, **fields_fr)
        upsert_translation(page, nl, **sheet_fields(spec, "nl", common))
        result["pages"][key] = page


def _load_mixes(data: dict, pages: dict, fr, nl) -> int:
    """The mixes of two loaded sheets, in French with their Dutch translations; returns how many."""
    from home.upserts import save_published, upsert_translated_snippet

    from .models import Mix

    count = 0
    for row in mix_rows(data):
        if row["a"] not in pages or row["b"] not in pages:
            continue
        a, b = sorted([pages[row["a"]], pages[row["b"]]], key=lambda p: p.pk)
        mix = Mix.objects.filter(locale=fr, substance_a=a, substance_b=b).first() or Mix(
            locale=fr, substance_a=a, substance_b=b
        )
        wanted = {
            "risk": row["risk"],
            "explanation": row["fr"],
            "advice": row["fr_advice"],
            "reference": row["fr_source"],
        }
        if mix.pk is None or any(getattr(mix, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(mix, k, v)
            save_published(mix)
        upsert_translated_snippet(
            mix, nl, explanation=row["nl"], advice=row["nl_advice"], reference=row["nl_source"]
        )
        count += 1
    return count


def _load_self_checks(data: dict, help_page, fr, nl, allow_pending: bool, result: dict) -> None:
    from .models import SelfCheck

    for key, spec in data["self_checks"].items():
        if not _approved(spec, allow_pending):
            result["skipped"].append(spec["_file"])
            continue
        help_fr = help_page(spec) if callable(help_page) else help_page
        help_nl = help_fr.get_translation_or_none(nl) if help_fr is not None else None
        result["self_checks"][key] = _upsert_snippet(
            SelfCheck,
            "self_check",
            key,
            self_check_fields(spec, "fr", help_fr),
            self_check_fields(spec, "nl", help_nl or help_fr),
            fr,
            nl,
        )


def _load_quizzes(data: dict, fr, nl, allow_pending: bool, result: dict) -> None:
    from .models import Quiz

    for key, spec in data["quizzes"].items():
        if not _approved(spec, allow_pending):
            result["skipped"].append(spec["_file"])
            continue
        result["quizzes"][key] = _upsert_snippet(
            Quiz, "quiz", key, quiz_fields(spec, "fr"), quiz_fields(spec, "nl"), fr, nl
        )


def _load_summary(result: dict) -> str:
    summary = (
        f"knowledge: {len(result['pages'])} fact sheets, {result['mixes']} mixes, "
        f"{len(result['self_checks'])} self-checks, {len(result['quizzes'])} quizzes in FR and NL"
    )
    if result["skipped"]:
        summary += f"; {len(result['skipped'])} awaiting a health review, not published"
    return summary
