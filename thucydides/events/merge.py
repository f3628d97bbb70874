"""One event per happening: the same event told in several sentences becomes one.

The article-level stage of the event coder, after every sentence is coded.
"""

from __future__ import annotations

from thucydides.models import Event, EventActor


def merge_mentions(events: list[Event]) -> list[Event]:
    """The same happening told again (headline, lead, caption) becomes one event.

    Two events of different sentences are one when they share the CAMEO root, the modality
    and both sides name the same country, the codes being equal or one a narrower form of
    the other ("Pentagon" USAMIL and "the United States" USA). The merged event keeps the
    most specific telling (longest codes, then confidence) with all tellings in `mentions`,
    and stands where the happening was first told. Events with a side of no known country
    stay apart: "police arrested two men" told twice may well be two arrests.
    """
    out: list[Event] = []
    groups: dict[tuple[str, str, str, str], list[list[Event]]] = {}
    slot: dict[int, int] = {}  # id(group) -> index in out
    for ev in events:
        key = _merge_key(ev)
        if key is None:
            out.append(ev)
            continue
        group = next((g for g in groups.get(key, ()) if all(_same_happening(ev, o) for o in g)), None)
        if group is None:
            group = [ev]
            groups.setdefault(key, []).append(group)
            slot[id(group)] = len(out)
            out.append(ev)
        else:
            group.append(ev)
    for gs in groups.values():
        for group in gs:
            if len(group) > 1:
                out[slot[id(group)]] = _merged(group)
    return out


def _merge_key(ev: Event) -> tuple[str, str, str, str] | None:
    s, t = ev.source, ev.target
    if ev.negated or s is None or t is None or not s.country or not t.country:
        return None
    if "COP" in (s.sector, t.sector):
        return None  # police acts told in several sentences are mostly several acts
    return ev.cameo[:2], ev.modality, s.country, t.country


def _narrower_or_same(a: EventActor, b: EventActor) -> bool:
    ca, cb = a.code or a.country or "", b.code or b.country or ""
    return ca.startswith(cb) or cb.startswith(ca)


def _same_happening(a: Event, b: Event) -> bool:
    if a.sentence_index == b.sentence_index:
        return False  # two events of one sentence were told as two
    assert a.source and b.source and a.target and b.target
    return _narrower_or_same(a.source, b.source) and _narrower_or_same(a.target, b.target)


def _merged(group: list[Event]) -> Event:
    def weight(ev: Event) -> tuple[int, int, float]:
        actors = len((ev.source and ev.source.code) or "") + len((ev.target and ev.target.code) or "")
        return len(ev.cameo), actors, ev.confidence

    best = max(group, key=weight)  # max keeps the earliest among equals
    mentions = {(m.sentence_index, m.trigger.start): m for ev in group for m in ev.mentions}
    best.mentions = [mentions[k] for k in sorted(mentions)]
    best.confidence = max(ev.confidence for ev in group)
    return best
