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


def slug(text: str) -> str:
    return fold(text).replace(" ", "-")


def clean(text: str) -> str:
    """A romanised name without transliteration apostrophes and accents ("Syunik'" → "Syunik")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ı", "i").replace("ł", "l").replace("ć", "c")
    return re.sub(r"['’ʼ`ʻ‘]", "", text).strip()

