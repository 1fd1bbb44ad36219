"""How the gazetteer compares names: one folded key per name, slugs for ids."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼ`ʻ‘]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Fold a name to its lookup key: no accents, no punctuation, lower case, no leading "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "l")
    text = _APOSTROPHES.sub("", text.casefold().replace("&", " and "))
    text = _NON_ALNUM.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


# Romanisation variants folded together when a name is not found as typed: German umlauts
# written out (Koenigsberg = Königsberg, whose folded key is "konigsberg") and the Russian х
# written "kh" or "h" (Khmeimim = Hmeimim). Applied to both the typed key and every known name.
_TRANSLIT = (("oe", "o"), ("ue", "u"), ("ae", "a"), ("kh", "h"))


def translit(key: str) -> str:
    """A folded key with romanisation variants folded together (a second, looser key)."""
    for written, plain in _TRANSLIT:
        key = key.replace(written, plain)
    return key


# Arabic definite articles as they are romanised before a name, assimilated or not ("Al
# Khafji", "Ad Dammam", "Ash Shihr", "El Alamein", "Es Semara"): a name found without its
# article, or with one it lacks, is the same name.
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|adh|ar|as|ash|at|ath|az|an|ed|er|es|et|ez|en) (?=\S{3})")


def bare(key: str) -> str:
    """A folded key without a leading Arabic article ("al khafji" → "khafji")."""
    return _ARTICLE.sub("", key, count=1)


def latin_script(text: str) -> bool:
    """Whether every letter of a name is a Latin letter (accented or not): GeoNames'
    alternates in Cyrillic, Arabic or Han script are no spelling an analyst types in English."""
    return any(ch.isalpha() for ch in text) and all(
        not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def slug(text: str) -> str:
    return fold(text).replace(" ", "-")


def clean(text: str) -> str:
    """A romanised name without transliteration apostrophes and accents ("Syunik'" → "Syunik")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ı", "i").replace("ł", "l").replace("ć", "c")
    return re.sub(r"['’ʼ`ʻ‘]", "", text).strip()



# Letters romanisations swap for one sound ("Ishqoshim", "Ishkoshim"): folded together in a
# name's consonant skeleton.
_SAME_SOUND = str.maketrans({"q": "k", "c": "k"})
_VOWELS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")
#: A name shorter than this (without spaces) is never matched loosely: short names have too
#: many near neighbours.
NEAR_MIN = 6


def skeleton(key: str) -> str:
    """A folded key's consonants, spaces and vowels dropped, doubled letters single and q/c
    as k: "pahalgam" and "pahlgam" are both "phlgm", "tin zaouatene" and "tinzaouaten" "tnztn"."""
    return _REPEATS.sub(r"\1", _VOWELS.sub("", key.replace(" ", "").translate(_SAME_SOUND)))


def near(a: str, b: str, most: int = 2) -> bool:
    """Whether two folded keys (spaces ignored) are at most ``most`` edits apart (Levenshtein)."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if abs(len(a) - len(b)) > most:
        return False
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > most:
            return False
    return row[-1] <= most


def one_slip(a: str, b: str) -> bool:
    """Whether two folded keys differ by one slip of the keyboard: a letter wrong, missing or
    extra, or two neighbours swapped ("kursk regoin", "kursk region")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


#: Edits a spelling variant may differ by. Holding out GeoNames' alternate names of
#: cities15000 (6+ letters, not themselves a known name) and matching them against their
#: country's city and town names: one edit picks the right place 12,365 times and a wrong one
#: 1,117 times (8.3%), two edits 18,104 and 2,154 (10.6%); docs/gazetteer.md.
VARIANT_EDITS = 1


def spelling_variant(typed: str, known: str) -> bool:
    """Whether ``known`` may be another romanisation of ``typed`` (both folded keys): the
    same consonant skeleton and :data:`VARIANT_EDITS` edit apart, on names of
    :data:`NEAR_MIN`+ letters ("pahalgam" and "pahlgam", "ishkoshim" and "ishqoshim")."""
    return (typed != known and len(typed.replace(" ", "")) >= NEAR_MIN
            and skeleton(typed) == skeleton(known) and near(typed, known, VARIANT_EDITS))
