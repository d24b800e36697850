"""The knowledge base of content/knowledge/ (issue #18): schema check, completeness, mixing pairs, self-check
scoring against the instruments' published scoring, and an idempotent load into FR pages + NL translations."""

import io
import itertools
import shutil

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from campaigns import knowledge
from campaigns.models import Mix, Quiz, SelfCheck, SubstancePage

from . import factories as f

DATA = knowledge.validate_all()
TOP_TEN = [
    "alcohol",
    "cannabis",
    "cocaine",
    "mdma",
    "ketamine",
    "ghb",
    "nitrous",
    "amphetamine",
    "cathinones",
    "benzodiazepines",
]


# --- The data as it is -----------------------------------------------------------------------------------


def test_at_least_thirty_substances_each_complete_in_french_and_dutch():
    assert len(DATA["substances"]) >= 30
    for key, spec in DATA["substances"].items():
        assert knowledge.check_substance(spec, DATA["common"]) == [], key
        for lang in knowledge.LANGS:
            assert spec[lang]["slang_names"].strip(), (key, lang)
        assert spec["review"]["date"] and spec[lang]["reviewer_role"]


def test_every_sheet_cites_a_law_text_and_no_two_sheets_share_a_law_paragraph():
    laws = [spec["fr"]["law"].strip() for spec in DATA["substances"].values()]
    assert len(set(laws)) == len(laws)
    for spec in DATA["substances"].values():
        assert any(s["kind"] == "law" for s in spec["sources"]), spec["key"]
        assert all(s["url"].startswith("https://") for s in spec["sources"])


def test_every_pair_of_the_main_substances_has_a_risk_why_and_what_to_do():
    rows = {frozenset((r["a"], r["b"])): r for r in knowledge.mix_rows(DATA)}
    main = DATA["mixes"]["main"]
    assert set(TOP_TEN) <= set(main)
    for a, b in itertools.combinations(main, 2):
        row = rows[frozenset((a, b))]
        assert row["risk"] in knowledge.RISKS
        for lang in knowledge.LANGS:
            assert row[lang] and row[f"{lang}_advice"] and row[f"{lang}_source"], (a, b, lang)


@pytest.mark.parametrize(
    ("a", "b", "at_least"),
    [
        ("ketamine", "mdma", "caution"),
        ("ghb", "mdma", "dangerous"),
        ("cannabis", "cocaine", "caution"),
        ("alcohol", "ghb", "very_dangerous"),
        ("benzodiazepines", "heroin", "very_dangerous"),
    ],
)
def test_the_mixes_the_issue_names(a, b, at_least):
    row = next(r for r in knowledge.mix_rows(DATA) if {r["a"], r["b"]} == {a, b})
    assert knowledge.RISKS.index(row["risk"]) >= knowledge.RISKS.index(at_least)
    assert "TripSit" in row["fr_source"] and "TripSit" in row["nl_source"]


def test_no_mix_is_less_severe_than_its_tripsit_category():
    for row in DATA["mixes"]["mix"]:
        if "tripsit" in row:
            assert knowledge.RISKS.index(row["risk"]) >= knowledge.RISKS.index(
                knowledge.TRIPSIT[row["tripsit"]]
            )


@pytest.mark.parametrize("key", ["audit", "audit-c", "cast", "dudit", "pgsi"])
def test_self_check_scoring_matches_its_published_examples(key):
    spec = DATA["self_checks"][key]
    assert spec["citation"] and spec["licence"] and spec["translations"]
    assert spec["examples"]
    for example in spec["examples"]:
        total = knowledge.score(spec, example["answers"])
        assert total == example["total"]
        assert knowledge.band_index(spec, total) == example["band"]


def test_published_ranges_and_cut_offs():
    def band_start(key, i):
        return DATA["self_checks"][key]["bands"][i]["min"]

    def top(key):
        spec = DATA["self_checks"][key]
        return knowledge.score(
            spec, [len(spec["scales"][q["scale"]]["scores"]) - 1 for q in spec["questions"]]
        )

    assert top("audit-c") == 12 and band_start("audit-c", 1) == 3  # Bradley 2007, lower (women's) cut-off
    assert top("audit") == 40 and [b["min"] for b in DATA["self_checks"]["audit"]["bands"]] == [0, 8, 16, 20]
    assert top("cast") == 24 and band_start("cast", 2) == 7  # OFDT: 7 or more, high risk
    assert top("dudit") == 44 and band_start("dudit", 1) == 2 and band_start("dudit", 2) == 6
    assert band_start("dudit", 3) == 25  # probable dependence
    assert top("pgsi") == 27 and [b["min"] for b in DATA["self_checks"]["pgsi"]["bands"]] == [0, 1, 3, 8]
    dudit = DATA["self_checks"]["dudit"]
    assert dudit["scales"]["harm"]["scores"] == [0, 2, 4]  # questions 10 and 11


def test_at_least_five_knowledge_quizzes_each_answer_explained_with_a_source():
    assert len(DATA["quizzes"]) >= 6
    for spec in DATA["quizzes"].values():
        for question in spec["questions"]:
            assert question["source"]
            for lang in knowledge.LANGS:
                assert knowledge.quiz_fields(spec, lang)["questions"]


# --- The schema check refuses incomplete data -------------------------------------------------------------


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(knowledge.root(), target)
    return target


def _errors(base):
    with pytest.raises(knowledge.KnowledgeError) as caught:
        knowledge.validate_all(base)
    return "\n".join(caught.value.errors)


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_missing_section_fails(copy):
    _edit(copy / "substances" / "cannabis.toml", 'harm_reduction = """', 'harm_reductions = """')
    assert "substances/cannabis.toml: fr.harm_reduction: section missing" in _errors(copy)


def test_a_missing_language_fails(copy):
    path = copy / "substances" / "ketamine.toml"
    path.write_text(path.read_text().split("\n[nl]\n")[0])
    assert "substances/ketamine.toml: [nl]: the nl language is missing" in _errors(copy)


def test_missing_sources_fail(copy):
    _edit(copy / "substances" / "mdma.toml", 'sources = ["euda",', "sources = [] #")
    assert "substances/mdma.toml: sources: at least one source is required" in _errors(copy)


def test_a_sheet_without_its_law_text_fails(copy):
    _edit(copy / "substances" / "crack.toml", '"law_1921"]', '"druglijn"]')
    assert "substances/crack.toml: sources: the Belgian law text" in _errors(copy)


def test_a_missing_review_or_reviewer_fails(copy):
    _edit(copy / "substances" / "lsd.toml", 'status = "pending"', 'status = "maybe"')
    _edit(copy / "substances" / "lsd.toml", 'reviewer_role = "Redactieteam', 'reviewer = "Redactieteam')
    errors = _errors(copy)
    assert "substances/lsd.toml: review.status" in errors
    assert "substances/lsd.toml: nl.reviewer_role: required" in errors


def test_a_missing_main_pair_and_a_risk_below_tripsit_fail(copy):
    _edit(copy / "mixes.toml", 'a = "ketamine"\nb = "ghb"', 'a = "ketamine"\nb = "crack"')
    _edit(copy / "mixes.toml", 'tripsit = "Unsafe"\nrisk = "dangerous"', 'tripsit = "Unsafe"\nrisk = "low"')
    errors = _errors(copy)
    assert "main pair ketamine + ghb has no row" in errors
    assert "may not be lower than TripSit's 'Unsafe'" in errors


def test_a_wrong_scoring_example_fails(copy):
    _edit(copy / "self_checks" / "cast.toml", "total = 7\nband = 2", "total = 7\nband = 1")
    assert "self_checks/cast.toml: examples[2]: scores 7 (band 2), not 7 (band 1)" in _errors(copy)


def test_the_command_refuses_broken_data_and_writes_nothing(copy, settings, locales):
    _edit(copy / "substances" / "cannabis.toml", 'law = """', 'lawless = """')
    settings.KNOWLEDGE_DIR = copy
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="fr.law: section missing"):
        call_command("load_knowledge", stdout=io.StringIO())
    assert Page.objects.count() == pages


def test_the_command_checks_the_real_data():
    out = io.StringIO()
    call_command("load_knowledge", "--check", stdout=out)
    assert "valid" in out.getvalue()


# --- Loading ---------------------------------------------------------------------------------------------


def _subset(**changes):
    """The real data restricted to three substances, their mixes, one self-check and one quiz (fast)."""
    keys = {"alcohol", "ghb", "mdma"}
    data = knowledge.validate_all()
    data["substances"] = {k: v for k, v in data["substances"].items() if k in keys}
    data["mixes"]["mix"] = [r for r in data["mixes"]["mix"] if {r["a"], r["b"]} <= keys]
    data["self_checks"] = {"cast": data["self_checks"]["cast"]}
    data["quizzes"] = {"law": data["quizzes"]["law"]}
    for key, value in changes.items():
        data["substances"]["ghb"]["fr"][key] = value
    return data


def _counts():
    return (
        SubstancePage.objects.count(),
        Mix.objects.count(),
        Quiz.objects.count(),
        SelfCheck.objects.count(),
    )


def test_load_creates_french_pages_with_dutch_translations_and_is_idempotent(locales, client):
    result = knowledge.load(allow_pending=True, data=_subset())
    assert _counts() == (6, 6, 2, 2)  # 3 sheets, 3 mixes, each in FR and NL
    ghb = result["pages"]["ghb"]
    nl = ghb.get_translation(locales["nl"])
    assert ghb.live and nl.live and nl.slug == "ghb-gbl" and nl.reviewer_role.startswith("Redactieteam")
    assert str(ghb.last_reviewed) == "2026-12-01"
    revisions = [p.latest_revision_id for p in SubstancePage.objects.order_by("pk")]
    knowledge.load(allow_pending=True, data=_subset())
    assert _counts() == (6, 6, 2, 2)
    assert [
        p.latest_revision_id for p in SubstancePage.objects.order_by("pk")
    ] == revisions  # nothing changed

    html = f.text(client.get(nl.url))
    assert "Redactieteam" in html  # the reviewer's role next to the review date
    assert "Wat te doen:" in html and "Niet combineren" in html  # the mixing table's advice, in Dutch


def test_load_updates_an_existing_page_in_place(locales):
    knowledge.load(allow_pending=True, data=_subset())
    page = SubstancePage.objects.get(locale=locales["fr"], slug="ghb-gbl")
    knowledge.load(allow_pending=True, data=_subset(summary="Un nouveau résumé relu."))
    page.refresh_from_db()
    assert page.summary == "Un nouveau résumé relu."
    assert SubstancePage.objects.filter(locale=locales["fr"], slug="ghb-gbl").count() == 1


def test_without_allow_pending_nothing_awaiting_review_is_published(locales):
    result = knowledge.load(allow_pending=False, data=_subset())
    assert _counts() == (0, 0, 0, 0)
    assert "substances/ghb.toml" in result["skipped"] and "self_checks/cast.toml" in result["skipped"]


def test_mix_rows_carry_advice_and_source_into_the_snippets(locales):
    knowledge.load(allow_pending=True, data=_subset())
    alcohol = SubstancePage.objects.get(locale=locales["fr"], slug="alcool")
    ghb = SubstancePage.objects.get(locale=locales["fr"], slug="ghb-gbl")
    mix = Mix.lookup(alcohol, ghb, locales["fr"].pk)
    assert mix.risk == "very_dangerous" and "112" in mix.advice and "TripSit" in mix.reference
    mix_nl = mix.get_translation(locales["nl"])
    assert mix_nl.advice.startswith("Niet combineren") and "combinatietabel" in mix_nl.reference


def test_stale_lists_files_whose_review_is_more_than_a_year_old():
    import datetime as dt

    assert knowledge.stale(DATA, dt.date(2027, 12, 1)) == []
    old = knowledge.stale(DATA, dt.date(2027, 12, 2))
    assert ("substances/cannabis.toml", dt.date(2026, 12, 1)) in old and len(old) == len(
        DATA["substances"]
    ) + len(DATA["self_checks"]) + len(DATA["quizzes"])
    out = io.StringIO()
    call_command("load_knowledge", "--stale", stdout=out)
    assert "files need a new health review" in out.getvalue()
