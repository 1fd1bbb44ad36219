"""A :class:`~casus.cascade.Cascade` as text: round by round, each entry with the article it
rests on, then the two sides, who may enter, and who stays out and why."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from casus.cascade import Cascade
from casus.compare import clip
from casus.model.states import state_name
from casus.model.treaty import treaty_article
from casus.views.obligations import event_headline


def _who(code: str) -> str:
    return f"{state_name(code)} ({code})"


def _list(codes: list[str], limit: int = 8) -> str:
    if len(codes) <= limit:
        return ", ".join(_who(c) for c in codes)
    return f"{len(codes)} states ({', '.join(codes)})"


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent,
                         subsequent_indent=indent + "  ") or [indent]


def render_text(c: Cascade, *, width: int = 96) -> str:
    """The rounds as a reader follows them; entries that share treaty, article, ally and
    verdict are listed once with all their states."""
    lines = []
    for ev in c.scenario.events:
        lines.append(f"Cascade from {event_headline(ev, None)}")
    r0 = c.round0
    attackers = _list(r0["attacker"]) or ", ".join(
        dict.fromkeys(a.display for ev in c.scenario.events for a in ev.attackers))
    lines.append(f"Round 0: attacker side {attackers}; target side {_list(r0['target'])}")
    opts = ", ".join(f"{k}={v}" for k, v in c.options.to_dict().items())
    lines.append(f"Rules: {opts} (see docs/cascade.md)")
    for rnd, entrants in c.rounds:
        lines += ["", f"Round {rnd}"]
        groups: dict[tuple, list] = defaultdict(list)
        for e in entrants:
            key = (e.verdict, e.side, e.link.treaty, e.link.article, e.link.beneficiary,
                   e.because[0] if e.verdict != "triggered" and e.because else "",
                   tuple(e.decides))
            groups[key].append(e)
        for (verdict, side, _, _, via, _, decides), es in sorted(
                groups.items(), key=lambda kv: (kv[0][0] != "triggered", kv[0][1] != "target",
                                                kv[0][2], kv[0][3])):
            e = es[0]
            where = treaty_article(e.link.treaty_title, e.link.article)
            mark, verb = ("+", "enter") if verdict == "triggered" else ("?", "may enter")
            if len(es) == 1:
                verb += "s" if verb == "enter" else ""
                verb = verb.replace("may enters", "may enter")
            head = (f"  {mark} {_list([x.state for x in es])} {verb} on the {side} side — "
                    f"{verdict.upper()}: {where} toward {_who(via)}")
            lines += _wrap(head, "", width)
            clause = f"{where}: "
            quote = next((b for b in e.because if b.startswith(clause)), None)
            shown = [b for b in e.because if b != quote][:2] if verdict != "triggered" \
                else [b for b in e.because if b != quote and b.startswith(("Exception",))][:1]
            if quote:
                lines += _wrap(clip(quote, 220), "      ", width)
            elif e.link.kind == "defense" and verdict == "triggered" and e.because:
                lines += _wrap(clip(e.because[0], 220), "      ", width)
            for b in shown:
                lines += _wrap(f"- {clip(b, 240)}", "      ", width)
            for d in decides[:2]:
                lines += _wrap(f"? decided by: {clip(d, 200)}", "      ", width)
    sides, upper = c.sides(), c.sides(upper=True)
    lines += ["", "Sides (certain: triggered obligations only)"]
    for s in ("attacker", "target"):
        lines += _wrap(f"{s}: {_list(sides[s], 40)}", "  ", width)
    may = {s: sorted(set(upper[s]) - set(sides[s])) for s in upper}
    if any(may.values()):
        lines.append("May enter (upper bound adds)")
        for s in ("attacker", "target"):
            if may[s]:
                lines += _wrap(f"{s}: {_list(may[s], 6)}", "  ", width)
    if c.stays_out:
        lines += ["", "Stay out (bound, but kept out by a rule or a pledge of neutrality)"]
        groups2: dict[tuple, list] = defaultdict(list)
        for s in c.stays_out:
            groups2[(s.rule, s.treaty, s.article, s.verdict)].append(s)
        for (rule, treaty, article, verdict), ss in sorted(groups2.items(),
                                                             key=lambda kv: str(kv[0])):
            where = treaty_article(treaty, article) if treaty else "conflicting pledges"
            what = f"stays out of the {ss[0].side} side" if rule == "bound_to_stay_out" \
                else rule
            lines += _wrap(f"  • {_list(sorted({x.state for x in ss}))} — {where} "
                           f"({what}, {verdict.replace('_', ' ')})", "", width)
            lines += _wrap(f"- {clip(ss[0].because[0], 260)}", "      ", width)
            for d in ss[0].decides[:1]:
                lines += _wrap(f"? decided by: {clip(d, 200)}", "      ", width)
    if c.probabilities:
        p = c.probabilities
        lines += ["", f"Monte Carlo: {p['draws']:,} draws (seed {p['seed']})"]
        top = sorted(p["p_enter"].items(), key=lambda kv: -kv[1])[:15]
        lines += _wrap("P(enter): " + ", ".join(f"{k} {v:.2f}" for k, v in top), "  ", width)
        ws = p["war_size"]
        lines.append(f"  war size: mean {ws['mean']:.1f}, median {ws['median']}, "
                     f"90% interval {ws['p05']}–{ws['p95']}")
        rs = p["rounds"]
        lines.append(f"  rounds: mean {rs['mean']:.2f}, max {rs['max']}")
    for n in c.notes:
        lines.append(f"Note: {n}")
    return "\n".join(lines).rstrip() + "\n"


def render_rounds_brief(c: Cascade, width: int = 100) -> str:
    """The cascade in a few lines: per round, who enters (by which treaty and article) and how
    many may enter, for a page that has room for the headline only (``casus seed``)."""
    lines = []
    for rnd in sorted({e.round for e in c.entrants}):
        sure = [e for e in c.entrants if e.round == rnd and e.verdict == "triggered"]
        may = sorted({e.state for e in c.entrants if e.round == rnd
                      and e.verdict == "uncertain"})
        enter = "; ".join(f"{state_name(e.state)} ({e.state}, {e.side} side) — "
                          + treaty_article(e.link.treaty_title, e.link.article) for e in sure)
        line = f"  Round {rnd}: " + (enter if sure else "no one must enter")
        if may:
            line += f"; may enter: {', '.join(may)}"
        lines += textwrap.wrap(line, width=width, subsequent_indent="    ")
    if not lines:
        lines = ["  No one is bound to enter."]
    return "\n".join(lines) + "\n"
