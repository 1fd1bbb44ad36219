"""Score the reader against a labelled folder (``labels.yaml`` beside the articles).

Events match on type + parties (as a set) + date; reactions on actor + stance; each predicted
item matches at most one labelled item. Precision and recall are micro-averaged over the folder.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from casus.news.read import read_article


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    def add(self, predicted: list[tuple], labelled: list[tuple]) -> tuple[list, list]:
        p, g = Counter(predicted), Counter(labelled)
        hit = sum((p & g).values())
        self.matched += hit
        self.predicted += len(predicted)
        self.labelled += len(labelled)
        return sorted((p - g).elements(), key=str), sorted((g - p).elements(), key=str)


@dataclass
class Evaluation:
    events: Score = field(default_factory=Score)
    reactions: Score = field(default_factory=Score)
    misses: dict[str, dict[str, list]] = field(default_factory=dict)
    by_language: dict[str, Evaluation] = field(default_factory=dict)

    def summary(self) -> str:
        e, r = self.events, self.reactions
        return (f"events P={e.precision:.2f} R={e.recall:.2f} ({e.matched}/{e.predicted} "
                f"predicted, {e.matched}/{e.labelled} labelled); reactions "
                f"P={r.precision:.2f} R={r.recall:.2f} ({r.matched}/{r.predicted}, "
                f"{r.matched}/{r.labelled})")

    def language_table(self) -> str:
        """One line per language of the labels (``language:`` of each item)."""
        return "\n".join(f"  {lang}: {ev.summary()}"
                         for lang, ev in sorted(self.by_language.items()))


def event_key(e: dict) -> tuple:
    d = e.get("date")
    return (e["type"], tuple(sorted(e.get("parties") or [])), str(d) if d else None)


def reaction_key(r: dict) -> tuple:
    return (r["actor"], r["stance"])


def evaluate(folder: str | Path, *, registry=None) -> Evaluation:
    folder = Path(folder)
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    ev = Evaluation()
    for item in labels:
        reading = read_article((folder / item["file"]).read_bytes(), registry=registry)
        got = reading.to_dict()
        pred_e = [event_key(e) for e in got["events"]]
        gold_e = [event_key(e) for e in item.get("events") or []]
        pred_r = [reaction_key(r) for r in got["reactions"]]
        gold_r = [reaction_key(r) for r in item.get("reactions") or []]
        fp_e, fn_e = ev.events.add(pred_e, gold_e)
        fp_r, fn_r = ev.reactions.add(pred_r, gold_r)
        lang = ev.by_language.setdefault(item.get("language") or "?", Evaluation())
        lang.events.add(pred_e, gold_e)
        lang.reactions.add(pred_r, gold_r)
        if fp_e or fn_e or fp_r or fn_r:
            ev.misses[item["file"]] = {"extra_events": fp_e, "missed_events": fn_e,
                                       "extra_reactions": fp_r, "missed_reactions": fn_r}
    return ev


if __name__ == "__main__":  # python -m casus.news.evaluate FOLDER
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/news-dev")
    if not (folder / "labels.yaml").is_file():
        print(f"error: {str(folder)!r} is not a labelled folder (no labels.yaml in it); "
              "usage: python -m casus.news.evaluate FOLDER", file=sys.stderr)
        sys.exit(2)
    result = evaluate(folder)
    print(result.summary())
    print(result.language_table())
    for f, m in result.misses.items():
        print(f, m)
