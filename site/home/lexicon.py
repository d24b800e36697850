"""What a search means, the same for the home box, the header box, the directory and the autocomplete.

A query is read against a lexicon of names, all compared lower case without accents (`normalize`):

- every substance fact sheet's title and street/slang names, in BOTH languages (read from the pages, so a new
  fact sheet or a new slang name is searchable at once): "wiet" on the French site finds the French cannabis
  sheet through its Dutch translation (same `translation_key`);
- every directory category's French and Dutch names, plus the everyday words of a need (NEED_WORDS: "emploi",
  "werk", "logement", "wonen"…) — needs, not substances, so they are words of the site, kept here;
- crisis words (CRISIS_WORDS: "suicide", "overdose", "zelfmoord"…): the answer starts with the helplines.

Matching is exact on words, tolerant of one typo in words of 5+ letters (two in 9+), and, for the
autocomplete, by prefix. The lexicon is one query per model, memoised with `home.memo` (dropped on any content
change), so reading a query costs no query once warm, whatever the number of pages or services.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.apps import apps

from .memo import remember

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
NAME_SPLIT = re.compile(r"[/()]")  # "MDMA / ecstasy": each part is a name too
SOUNDS = (("ph", "f"), ("ck", "k"), ("qu", "k"), ("c", "k"), ("y", "i"), ("z", "s"))

# Everyday words of a need, FR and NL, by directory category code (resources.models.CATEGORIES).
NEED_WORDS = {
    "socio_professional_reinsertion": (
        "emploi travail boulot job jobs taf formation formations stage cv chomage actiris orientation "
        "werk werken baan vacature opleiding opleidingen stage sollicitatie werkloos werkloosheid vdab"
    ),
    "housing_shelter": (
        "logement loger hebergement dormir abri sans-abri sdf rue expulsion appartement toit "
        "wonen woning huis huisvesting opvang slapen dakloos daklozen straat onderdak"
    ),
    "social_aid": "cpas argent aide-sociale dettes revenu ocmw geld schulden leefloon uitkering",
    "legal_aid": (
        "avocat juridique droit droits police proces tribunal amende advocaat juridisch recht "
        "politie rechtbank boete"
    ),
    "family_support": "famille parents parent enfant enfants gezin ouders ouder kind kinderen",
    "mental_health": (
        "psy psychologue stress angoisse anxiete deprime depression burnout mal-etre "
        "psycholoog angst depressie depressief"
    ),
    "youth_work": "jeune jeunes ado ados adolescent jongere jongeren tiener tieners",
    "harm_reduction": "seringue seringues testing test naloxone spuit spuiten",
    "treatment_care": (
        "addiction dependance accro sevrage desintox traitement cure verslaving verslaafd afkicken "
        "behandeling ontwenning"
    ),
    "information_prevention": "prevention information preventie informatie",
}

# A crisis: the answer shows the helplines first (and mental-health services).
CRISIS_WORDS = (
    "suicide suicidaire mourir crise urgence urgent danger overdose od malaise bad-trip badtrip "
    "violence viol agression peur panique "
    "zelfmoord suicidaal dood crisis nood noodgeval dringend gevaar overdosis onwel paniek geweld "
    "verkrachting bang help hulp aide sos 112"
)

# Services that help whatever the substance.
SUBSTANCE_CATEGORIES = ("harm_reduction", "treatment_care")
CRISIS_CATEGORIES = ("mental_health",)

# Words that carry no meaning on their own (never matched fuzzily nor kept as text conditions).
_STOP = (
    "a au aux avec de des du en et la le les l d un une pour sur mon ma mes je j ai est c ca qu que qui "
    "quoi comment ou il elle on y se s me m ne pas plus tres the of and "
    "de het een en van voor met op in is ik mijn wat hoe waar te niet wel er om aan bij"
)
STOP_WORDS = frozenset(_STOP.split())

SUBSTANCE, CATEGORY, CRISIS = "substance", "category", "crisis"


def normalize(text: str) -> str:
    """Lower case without accents (the same as `resources.models.normalize`)."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalize(text))


@dataclass(frozen=True)
class Entry:
    kind: str  # SUBSTANCE, CATEGORY or CRISIS
    key: str  # a substance's translation_key, a category code, "" for a crisis
    words: tuple[str, ...]  # the name, normalised, as words
    label: str  # the name as written (autocomplete)
    lang: str  # its language ("" when it is the site's own word list)


@dataclass
class Understanding:
    """What a query means: substances (translation keys, best first), categories (codes), a crisis, and the
    words that matched nothing (searched as plain text)."""

    substances: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    crisis: bool = False
    free_words: list[str] = field(default_factory=list)

    @property
    def understood(self) -> bool:
        return bool(self.substances or self.categories or self.crisis)


def distance_at_most(a: str, b: str, limit: int) -> bool:
    """Edit distance (a swap of two neighbouring letters counts as one edit) ≤ limit; words are short."""
    if abs(len(a) - len(b)) > limit:
        return False
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[i - 2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1] <= limit


def typo_allowance(word: str) -> int:
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


def _build_entries() -> list[Entry]:
    entries: list[Entry] = []
    if apps.is_installed("campaigns"):
        entries += _substance_entries()
    if apps.is_installed("resources"):
        entries += _category_entries()
    for word in CRISIS_WORDS.split():
        entries.append(Entry(CRISIS, "", tuple(words(word)), word, ""))
    return entries


def _substance_entries() -> list[Entry]:
    """Each live substance sheet's title, the parts of its title and its slang, in the sheet's language."""
    SubstancePage = apps.get_model("campaigns", "SubstancePage")  # a layer above: looked up, not imported
    rows = (
        SubstancePage.objects.live()
        .public()
        .values_list("translation_key", "title", "slang_names", "locale__language_code")
    )
    entries = []
    for key, title, slang, lang in rows:
        for name in [title, *NAME_SPLIT.split(title), *(slang or "").split(",")]:
            if name_words := tuple(words(name)):
                entries.append(Entry(SUBSTANCE, str(key), name_words, name.strip(), lang))
    return entries


def _category_entries() -> list[Entry]:
    """Each directory category's names in every language, and the words of the needs it answers."""
    Category = apps.get_model("resources", "Category")  # a layer above: looked up, not imported
    entries = []
    for code, names in Category.objects.values_list("code", "names"):
        for lang, name in (names or {}).items():
            if name_words := tuple(words(name)):
                entries.append(Entry(CATEGORY, code, name_words, name, lang))
        for word in NEED_WORDS.get(code, "").split():
            entries.append(Entry(CATEGORY, code, tuple(words(word)), word, ""))
    return entries


def entries() -> list[Entry]:
    return remember("home:lexicon", _build_entries) or []


def _word_matches(typed: str, name: str, *, prefix: bool) -> bool:
    if typed == name:
        return True
    if len(typed) < 3 or typed in STOP_WORDS:
        return False
    if prefix and len(name) > len(typed) and name.startswith(typed):
        return True
    typed, name = sound(typed), sound(name)
    if typed == name:  # "kokaine", "cocaine"
        return True
    allowance = min(typo_allowance(typed), typo_allowance(name))
    return allowance > 0 and distance_at_most(typed, name, allowance)


def sound(word: str) -> str:
    """A word as it sounds in French and Dutch spelling, roughly ("kokaine" and "cocaine" alike)."""
    for written, said in SOUNDS:
        word = word.replace(written, said)
    return word


def word_matches(typed: str, name: str) -> bool:
    """One typed word is this word (normalised), typos aside."""
    return _word_matches(typed, name, prefix=False)


def _entry_at(entry: Entry, typed: list[str], start: int, *, prefix: bool) -> bool:
    """The entry's words appear at `start` in the typed words (the last one may be a prefix)."""
    if prefix:  # what is typed so far is the beginning of the name ("spec" → "spécial K")
        rest = " ".join(typed[start:])
        if len(rest) >= 2 and " ".join(entry.words).startswith(rest):
            return True
    if start + len(entry.words) > len(typed):
        return False
    return all(
        _entry_word_at(entry, name, typed, start + offset, prefix=prefix)
        for offset, name in enumerate(entry.words)
    )


def _entry_word_at(entry: Entry, name: str, typed: list[str], index: int, *, prefix: bool) -> bool:
    """The entry's word `name` is the typed word at `index` (a prefix of it if that is the last word typed)."""
    word = typed[index]
    if len(name) < 2 or len(word) < 2:  # "C", "K", "X": exact, and alone only as the whole query
        return word == name and not (len(entry.words) == 1 and len(typed) > 1)
    return _word_matches(word, name, prefix=prefix and index == len(typed) - 1)


def score(entry: Entry, typed: list[str], start: int) -> int:
    """Higher is better: exact words before typos and prefixes; more typed words matched first; then, for exact
    matches the longer name, for typos and prefixes the shorter one ("coca" → "cocaïne" before "cocaïne rose")."""
    matched = min(len(entry.words), len(typed) - start)
    exact = matched == len(entry.words) and all(
        typed[start + i] == name for i, name in enumerate(entry.words)
    )
    length = min(len(" ".join(entry.words)), 9)
    return (100 if exact else 0) + 10 * matched + (length if exact else -length)


def matches(query: str, *, prefix: bool = False) -> list[tuple[int, Entry, int, int]]:
    """(score, entry, first word, number of words) of every entry found in the query, best first."""
    typed = words(query)[:12]
    found = []
    for entry in entries():
        for start in range(len(typed)):
            if _entry_at(entry, typed, start, prefix=prefix):
                found.append((score(entry, typed, start), entry, start, len(entry.words)))
                break
    found.sort(key=lambda item: -item[0])
    return found


def understand(query: str) -> Understanding:
    """What the query asks for. Memoised by its normalised words (home.memo: dropped with the content version,
    like the lexicon it is read against): the fuzzy matching is a third of a directory search's CPU."""
    typed = words(query)[:12]
    digest = hashlib.sha256("\x1f".join(typed).encode()).hexdigest()[:32]
    return remember(f"home:understand:{digest}", lambda: _understand(typed, query))


def _understand(typed: list[str], query: str) -> Understanding:
    result = Understanding()
    used: set[int] = set()
    for _score, entry, start, length in matches(query):
        span = set(range(start, start + length))
        if entry.kind != SUBSTANCE and span <= used:  # "aide" inside "aide juridique" is not a crisis
            continue
        _note(result, entry)
        used.update(span)
    result.free_words = [
        word for i, word in enumerate(typed) if i not in used and word not in STOP_WORDS and len(word) > 1
    ]
    return result


def _note(result: Understanding, entry: Entry) -> None:
    """Add what the entry stands for (a substance, a category, a crisis) to the result, once."""
    if entry.kind == SUBSTANCE and entry.key not in result.substances:
        result.substances.append(entry.key)
    elif entry.kind == CATEGORY and entry.key not in result.categories:
        result.categories.append(entry.key)
    elif entry.kind == CRISIS:
        result.crisis = True


def substance_names(keys: list[str]) -> list[str]:
    """The names (4+ letters, normalised, both languages) of these substances: to find them in a text."""
    wanted = set(keys)
    names = {" ".join(e.words) for e in entries() if e.kind == SUBSTANCE and e.key in wanted}
    return sorted(name for name in names if len(name) >= 4)[:24]
