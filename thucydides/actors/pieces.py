"""Step 1 of the actor stage: the pieces actor phrases are built from.

Dictionary matches (PhraseMatcher) plus spaCy PERSON/ORG/NORP entities, with the dictionary
words inside a longer name, the dateline, verbs tagged as actor words and "X-led" words sorted
out, so every token belongs to at most one piece.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from thucydides.actors.codes import split_code
from thucydides.actors.dictionary import NEUTRAL
from thucydides.actors.draft import Piece
from thucydides.actors.matcher import Compiled, Match
from thucydides.actors.phrase_rules import NAME_TITLES
from thucydides.syntax.columns import column
from thucydides.wordlists import word_list

LED_RE = re.compile(r"^(?P<who>.+?)-(?:" + "|".join(re.escape(w) for w in word_list("actors", "led_suffixes"))
                    + r")$", re.IGNORECASE)
# A word the tagger calls a verb is still an actor noun in an argument slot ("the accused was").
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "compound", "poss"})


def is_lower_case_doc(doc: Doc) -> bool:
    """An all-lower-case article (the Indian police reports): NER is blind there."""
    letters = capitals = 0
    for token in doc[:400]:
        if token.is_alpha:
            letters += 1
            if not token.is_lower:
                capitals += 1
    return letters >= 20 and capitals <= letters * 0.02


class PieceFinder:
    """Finds the pieces of an article with one compiled dictionary set."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled

    def find(self, doc: Doc, lower_doc: bool, when: date | None) -> list[Piece]:
        """The pieces of an article in text order, each span covered at most once."""
        matches: list[Match] = self.compiled.find(doc, lower_doc, when)
        taken = bytearray(len(doc))
        pieces: list[Piece] = []
        for m in matches:
            last = doc[m.end - 1]
            if m.entry.is_agent and last.tag_.startswith("VB") and last.dep_ not in ARG_DEPS:
                continue  # "was accused", "to police the border": a verb, not an actor word
            pieces.append(Piece(m.start, m.end, m.entry, m.role, m.plural))
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        single = self.compiled.single
        self._drop_dateline(doc, pieces, taken, lower_doc)
        # Pieces by first token, kept in step with `pieces` through the entity loop: an entity
        # looks only at the pieces inside it, not at every piece of the article.
        by_start: dict[int, list[Piece]] = {}
        for p in pieces:
            by_start.setdefault(p.start, []).append(p)
        # Surnames of full names NER found, for a later lone surname it mislabels ("Reyes" ORG).
        last_names = {e[-1].text: e.end for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        for ent in doc.ents:
            label = ent.label_
            if label in ("ORG", "NORP") and len(ent) == 1 and last_names.get(ent.text, len(doc)) <= ent.start:
                label = "PERSON"
            if label in ("GPE", "LOC", "FAC"):
                # "Nassau County", "Kabul University Road": a capital inside a longer place
                # name is a word of that name, not the state.
                for p in [p for p in _inside(by_start, ent.start, ent.end)
                          if p.end - p.start < len(ent) and p.role == "capital"]:
                    rest = [t for t in ent if not p.start <= t.i < p.end and t.is_alpha and not t.is_stop]
                    if rest:
                        _remove(pieces, by_start, p)
                        taken[p.start:p.end] = b"\x00" * (p.end - p.start)
                continue
            if label not in ("PERSON", "ORG", "NORP"):
                continue
            # A dictionary match inside a longer PERSON name is a word of the name, not an
            # actor ("Washington" in "Denzel Washington").
            if label in ("PERSON", "ORG"):
                inside = _inside(by_start, ent.start, ent.end)
                inner = [p for p in inside
                         if (p.end - p.start) < len(ent) and p.role in ("name", "alias", "capital")
                         and (label == "PERSON" or (p.entry is not None and p.entry.kind == "state"))]
                if inner:
                    covered = {i for p in inside for i in range(p.start, p.end)}
                    # Name words the dictionary does not know: "Sharon Stone" is not Ariel
                    # Sharon, "Michael Jordan" is not the kingdom.
                    unknown = [t for t in ent if t.i not in covered and t.is_alpha and not t.is_stop
                               and not NAME_TITLES.match(t.text)]
                    led = unknown and label == "ORG"
                    if led and self._country_led_org(doc, ent, pieces, by_start, taken):
                        continue
                    if unknown:
                        for p in inner:
                            _remove(pieces, by_start, p)
                            taken[p.start:p.end] = b"\x00" * (p.end - p.start)
            start, end = ent.start, ent.end
            while start < end and doc[start].dep_ == "det":
                start += 1
            # The free part of the entity: titles and names not covered by a dictionary match.
            free = [i for i in range(start, end) if not taken[i]]
            if not free:
                continue
            if label == "PERSON":
                # Strip dictionary words (titles like "Defense Minister") off the name's left.
                while start < end and taken[start]:
                    start += 1
                if start >= end or any(taken[start:end]):
                    continue
                _add(pieces, by_start, Piece(start, end, None, "PERSON"))
                taken[start:end] = b"\x01" * (end - start)
            elif len(free) == end - start:
                _add(pieces, by_start, Piece(start, end, None, label))
                taken[start:end] = b"\x01" * (end - start)
        # A surname alone ("Mendes said") that NER missed, after the full name was seen.
        surnames: dict[str, int] = {}
        for p in pieces:
            if p.role == "PERSON" and p.end - p.start > 1:
                surnames.setdefault(doc[p.end - 1].text, p.end)
        texts = column(doc, "text")
        if surnames:
            pos = column(doc, "pos")
            for i, text in enumerate(texts):
                if text in surnames and not taken[i] and pos[i] in ("PROPN", "NOUN") and i >= surnames[text]:
                    pieces.append(Piece(i, i + 1, None, "PERSON"))
                    taken[i] = 1
        # "U.S.-led", "Saudi-backed": one token naming the country behind a coalition.
        for i, text in enumerate(texts):
            if "-" in text and not taken[i]:
                m = LED_RE.match(text)
                if m:
                    hit = single.get(m.group("who").lower().replace("\u2019", "'"))
                    if hit and hit[0].kind == "state":
                        pieces.append(Piece(i, i + 1, hit[0], "led"))
        pieces.sort(key=lambda p: p.start)
        return pieces

    def _country_led_org(self, doc: Doc, ent: Span, pieces: list[Piece], by_start: dict[int, list[Piece]],
                         taken: bytearray) -> bool:
        """An organisation whose name starts with a country ("Kenya Airways", "Pakistan Federal
        Union of Journalists") is one actor of that country; the sector comes from the word
        heading the name. Replaces the pieces inside it; False if the name has no such lead."""
        first = ent.start
        while first < ent.end and doc[first].dep_ == "det":
            first += 1
        inside = _inside(by_start, ent.start, ent.end)
        lead = next((p for p in inside if p.start == first and p.entry is not None
                     and p.entry.kind == "state" and p.role in ("name", "alias", "demonym")), None)
        if lead is None or lead.entry is None:
            return False
        country, _ = split_code(lead.entry.code)
        root = ent.root
        at_root = next((p for p in inside if p.start <= root.i < p.end and p.entry is not None
                        and p.entry.is_agent and p.entry.sector != NEUTRAL), None)
        sector = at_root.entry.sector if at_root is not None and at_root.entry is not None else None
        for p in inside:
            _remove(pieces, by_start, p)
        _add(pieces, by_start, Piece(first, ent.end, None, "ORG", country=country, sector=sector))
        taken[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)
        return True

    @staticmethod
    def _drop_dateline(doc: Doc, pieces: list[Piece], taken: bytearray, lower_doc: bool) -> None:
        """"WASHINGTON (Reuters) -", "NAIROBI, Kenya", "ahmedabad:": the dateline names where
        the story was filed, not an actor (the place stage reads it as the dateline).

        A dateline opens a paragraph (or follows a headline or slug) in capitals and is
        followed by a comma, dash, bracket or colon and then ordinary text; in an all-lower-case
        report only the article's first words can be one.
        """
        drop: list[Piece] = []
        for k, first in enumerate(pieces):
            entry = first.entry
            if entry is None or entry.kind != "state" or first.role not in ("capital", "name", "alias"):
                continue
            span = doc[first.start:first.end]
            if lower_doc:
                if any(t.is_alpha for t in doc[:first.start]):
                    break
            elif not (span.text.isupper() and sum(c.isalpha() for c in span.text) >= 4):
                continue
            before = [t for t in doc[max(0, first.start - 3):first.start] if not t.is_space]
            opens = first.start == 0 or doc[first.start].is_sent_start or "\n" in doc[first.start - 1].text \
                or (before and before[-1].text in (".", ":", "|"))
            if not opens:
                continue
            after = doc[first.end] if first.end < len(doc) else None
            if after is None or after.text not in (",", "--", "-", "\u2014", "\u2013", "(", ":"):
                continue
            nxt_alpha = next((t for t in doc[first.end:first.end + 6] if t.is_alpha), None)
            if not lower_doc and after.text == "," and nxt_alpha is not None and nxt_alpha.text.isupper():
                continue  # "RUSSIA, CHINA SIGN DEAL": a headline in capitals, not a dateline
            drop.append(first)
            if after.text == "," and k + 1 < len(pieces):
                nxt = pieces[k + 1]
                follow = doc[nxt.end] if nxt.end < len(doc) else None
                if (nxt.start == first.end + 1 and nxt.entry is not None and nxt.entry.kind == "state"
                        and nxt.role in ("name", "alias") and follow is not None
                        and (follow.text in ("--", "-", "\u2014", "\u2013", "(", ":", ",")
                             or follow.text[:1].isupper())):
                    drop.append(nxt)  # "NAIROBI, Kenya Kenya's leading party …"
            if lower_doc:
                break
        for p in drop:
            pieces.remove(p)
            taken[p.start:p.end] = b"\x00" * (p.end - p.start)


def _inside(by_start: dict[int, list[Piece]], start: int, end: int) -> list[Piece]:
    """The pieces within tokens [start, end)."""
    return [p for i in range(start, end) for p in by_start.get(i, ()) if p.end <= end]


def _add(pieces: list[Piece], by_start: dict[int, list[Piece]], piece: Piece) -> None:
    pieces.append(piece)
    by_start.setdefault(piece.start, []).append(piece)


def _remove(pieces: list[Piece], by_start: dict[int, list[Piece]], piece: Piece) -> None:
    pieces.remove(piece)
    by_start[piece.start].remove(piece)
