"""Actor mentions from a parsed article: dictionary matches composed along noun phrases.

One pass per article:
1. dictionary matches (PhraseMatcher) plus spaCy PERSON/ORG/NORP entities;
2. each match is attached to the head of its noun phrase (climbing compound, amod, poss …);
3. a phrase whose head is an actor word becomes one mention whose code joins the country
   of its modifiers (demonym, country, possessor, "X-led", institution) with the sector of
   its agent words ("Russian Defense Minister" → RUSMIL, "Pentagon spokesman" → USAMIL);
   a phrase with another head ("Russia's proposal") yields its actor modifiers alone;
4. appositions, surnames, role nouns and pronouns are linked (coref.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Token

from thucydides.actors.analysis import ActorAnalysis
from thucydides.actors.codes import split_code
from thucydides.actors.coref import link_mentions
from thucydides.actors.dictionary import NEUTRAL, Entry
from thucydides.actors.matcher import Compiled, Match, get_compiled
from thucydides.models import ActorMention
from thucydides.nlp import load_nlp

# Dependencies that keep a token inside the noun phrase of its head.
NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "case", "nummod", "flat", "npadvmod",
                     "punct", "quantmod", "nn", "predet"})
LED_RE = re.compile(r"^(?P<who>.+?)-(?:led|backed|brokered|sponsored|allied|supported|funded|"
                    r"controlled|held|run|dominated|based|trained|armed)$", re.IGNORECASE)
NAME_TITLES = re.compile(r"^(?:mr|mrs|ms|dr|sir|gen|lt|col|capt|sgt|maj|adm|prof|rev)\.?$", re.IGNORECASE)


@dataclass(slots=True)
class Piece:
    """One contributing stretch of a noun phrase (a dictionary match or an entity)."""

    start: int  # token offsets
    end: int
    entry: Entry | None  # None: a spaCy entity with no dictionary entry
    role: str  # name | alias | demonym | capital | agent | led | PERSON | ORG | NORP
    plural: bool = False


@dataclass(slots=True)
class Draft:
    """A mention under construction, with the parse facts the coreference rules need."""

    mention: ActorMention
    head: int  # token index of the head
    key: str | None  # entity key before linking
    definite: bool = False
    has_country_modifier: bool = False
    words: frozenset[str] = field(default_factory=frozenset)
    head_lemma: str = ""
    plural: bool = False


def is_lower_case_doc(doc: Doc) -> bool:
    """An all-lower-case article (the Indian police reports): NER is blind there."""
    letters = capitals = 0
    for token in doc[:400]:
        if token.is_alpha:
            letters += 1
            if not token.is_lower:
                capitals += 1
    return letters >= 20 and capitals <= letters * 0.02


def np_head(token: Token) -> Token:
    """Climb from a modifier to the head of its noun phrase."""
    seen = 0
    if token.dep_ == "conj" and token.head.dep_ in ("amod", "compound", "poss", "nmod"):
        token = token.head  # "Russian and Syrian troops": a conjoined modifier shares the head
    while token.dep_ in NP_DEPS and token.head is not token and seen < 8:
        if token.dep_ == "punct" and token.head.i < token.i:
            break
        token = token.head
        seen += 1
    return token


class ActorResolver:
    """Finds and codes the actor mentions of an article. Build once per process; cheap per call."""

    def __init__(self, extra_files: Sequence[Path | str] = ()):
        self.extra_files = [Path(p) for p in extra_files]
        self.compiled: Compiled = get_compiled(self.extra_files, load_nlp())

    @property
    def dictionaries(self):  # noqa: ANN201 - keeps the import graph simple
        return self.compiled.dicts

    def resolve(self, doc: Doc, pub_date: date | None = None) -> ActorAnalysis:
        lower_doc = is_lower_case_doc(doc)
        pieces = self._pieces(doc, lower_doc, pub_date)
        drafts = self._compose(doc, pieces, pub_date)
        drafts = link_mentions(doc, drafts)
        return ActorAnalysis([d.mention for d in drafts])

    # -- 1. pieces -------------------------------------------------------
    def _pieces(self, doc: Doc, lower_doc: bool, when: date | None) -> list[Piece]:
        matches: list[Match] = self.compiled.find(doc, lower_doc, when)
        taken = bytearray(len(doc))
        pieces: list[Piece] = []
        for m in matches:
            pieces.append(Piece(m.start, m.end, m.entry, m.role, m.plural))
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        single = self.compiled.single
        for ent in doc.ents:
            label = ent.label_
            if label not in ("PERSON", "ORG", "NORP"):
                continue
            # A dictionary match inside a longer PERSON name is a word of the name, not an
            # actor ("Washington" in "Denzel Washington").
            if label in ("PERSON", "ORG"):
                inner = [p for p in pieces if ent.start <= p.start and p.end <= ent.end
                         and (p.end - p.start) < len(ent) and p.role in ("name", "alias", "capital")
                         and (label == "PERSON" or (p.entry is not None and p.entry.kind == "state"))]
                if inner:
                    covered = {i for p in pieces if ent.start <= p.start and p.end <= ent.end
                               for i in range(p.start, p.end)}
                    # Name words the dictionary does not know: "Sharon Stone" is not Ariel
                    # Sharon, "Michael Jordan" is not the kingdom.
                    unknown = [t for t in ent if t.i not in covered and t.is_alpha and not t.is_stop
                               and not NAME_TITLES.match(t.text)]
                    if unknown:
                        for p in inner:
                            pieces.remove(p)
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
                pieces.append(Piece(start, end, None, "PERSON"))
                taken[start:end] = b"\x01" * (end - start)
            elif len(free) == end - start:
                pieces.append(Piece(start, end, None, label))
                taken[start:end] = b"\x01" * (end - start)
        # A surname alone ("Mendes said") that NER missed, after the full name was seen.
        surnames: dict[str, int] = {}
        for p in pieces:
            if p.role == "PERSON" and p.end - p.start > 1:
                surnames.setdefault(doc[p.end - 1].text, p.end)
        if surnames:
            for token in doc:
                if (token.text in surnames and not taken[token.i] and token.pos_ in ("PROPN", "NOUN")
                        and token.i >= surnames[token.text]):
                    pieces.append(Piece(token.i, token.i + 1, None, "PERSON"))
                    taken[token.i] = 1
        # "U.S.-led", "Saudi-backed": one token naming the country behind a coalition.
        for token in doc:
            if "-" in token.text and not taken[token.i]:
                m = LED_RE.match(token.text)
                if m:
                    hit = single.get(m.group("who").lower().replace("\u2019", "'"))
                    if hit and hit[0].kind == "state":
                        pieces.append(Piece(token.i, token.i + 1, hit[0], "led"))
        pieces.sort(key=lambda p: p.start)
        return pieces

    # -- 2./3. composition -----------------------------------------------
    def _compose(self, doc: Doc, pieces: list[Piece], when: date | None) -> list[Draft]:
        by_head: dict[int, list[Piece]] = {}
        for piece in pieces:
            head = np_head(doc[piece.end - 1])
            by_head.setdefault(head.i, []).append(piece)
        drafts: list[Draft] = []
        for head_i, group in by_head.items():
            head = doc[head_i]
            at_head = [p for p in group if p.start <= head_i < p.end]
            if at_head:
                drafts.append(self._phrase_mention(doc, head, at_head[0],
                                                   [p for p in group if p is not at_head[0]], when))
            else:
                drafts.extend(self._modifier_mentions(doc, group, when))
        drafts = [d for d in drafts if d is not None]
        drafts.sort(key=lambda d: (d.mention.start, -d.mention.end))
        return drafts

    def _modifier_mentions(self, doc: Doc, group: list[Piece], when: date | None) -> list[Draft]:
        """Actor words modifying a non-actor head ("Russia's proposal", "U.S. Air Force jets")."""
        runs: list[list[Piece]] = []
        for piece in group:
            if runs and piece.start <= runs[-1][-1].end:
                runs[-1].append(piece)
            else:
                runs.append([piece])
        out: list[Draft] = []
        for run in runs:
            core = run[-1]
            if core.entry is not None and core.entry.is_agent and len(run) == 1:
                continue  # "police station", "government spending": no actor named
            if core.role == "led":
                continue  # counted by the phrase it modifies, if any
            head = doc[core.end - 1]
            draft = self._phrase_mention(doc, head, core, run[:-1], when, extend=False)
            if draft is not None:
                out.append(draft)
        return out

    def _phrase_mention(self, doc: Doc, head: Token, core: Piece, mods: list[Piece],
                        when: date | None, extend: bool = True) -> Draft | None:
        entry = core.entry
        how = ""
        code: str | None = None
        name: str | None = None
        kind: str | None = None
        key: str | None = None
        plural = core.plural or head.tag_ in ("NNS", "NNPS")
        country_mod = False
        used: list[Piece] = [core]
        if entry is not None and not entry.is_agent:
            # A named actor at the head: its own code wins over any modifier.
            name = entry.name
            key = entry.key
            if entry.kind == "person":
                code, how = entry.code_at(when)
                kind = "person"
            elif core.role == "demonym":
                code, how = entry.code, "demonym"
                if not extend:  # "Russian operations": the adjective stands for the state
                    kind, name, key = "state", entry.name, entry.key
                elif plural:  # "the Russians" act as their state does
                    kind, name, key = "group", entry.name, entry.key
                else:  # "a Syrian": one person of that country
                    kind, name, key = "person", None, None
            else:
                code = entry.code
                kind = entry.kind
                how = "capital" if core.role == "capital" else "dictionary"
            if entry.kind == "person" or core.role == "demonym":
                # "Syrian President Bashar al-Assad": titles may fill what the entry lacks.
                country, sector = split_code(code)
                c2, s2, mod_used, _ = self._from_modifiers(doc, mods, when)
                if core.role == "demonym":
                    sector = sector or s2
                if country is None and c2:
                    country, how = c2, how + "+title"
                    used.extend(mod_used)
                code = _join(country, sector) if core.role == "demonym" else (code or _join(country, sector))
                used.extend(p for p in mods if p.entry is not None)
        else:
            country, sector, mod_used, via = self._from_modifiers(doc, mods, when)
            used.extend(mod_used)
            country_mod = country is not None
            if entry is not None:  # an agent word at the head
                if entry.sector != NEUTRAL and not via.startswith("institution"):
                    sector = entry.sector
                kind = "group" if plural and entry.kind == "person" else entry.kind
                if kind == "person" and plural:
                    kind = "group"
                how = "agent" if not country else f"{via}+agent"
                key = None
            else:  # an entity spaCy found that no dictionary knows
                kind = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}[core.role]
                name = doc[core.start:core.end].text
                if core.role == "PERSON":
                    name = " ".join(t.text for t in doc[core.start:core.end] if not NAME_TITLES.match(t.text))
                    key = f"name:{name.lower()}"
                how = "entity" if not (country or sector) else f"entity+{via or 'title'}"
            if country is None:
                country, via_of = self._of_country(doc, head, when)
                if country:
                    how += "+of"
                    country_mod = True
            code = _join_code(country, sector, used)
        start = min(p.start for p in used)
        end = max(p.end for p in used)
        if extend:
            end = max(end, core.end)
        while start < end and doc[start].dep_ in ("det", "punct", "case") and start < core.start:
            start += 1
        span = doc[start:end]
        country, sector = split_code(code)
        mention = ActorMention(
            text=span.text, start=span.start_char, end=span.end_char, code=code, country=country,
            sector=sector, name=name, kind=kind, sentence_index=0, how=how or "dictionary",
        )
        words = frozenset(t.lower_ for t in span if t.is_alpha)
        definite = any(t.dep_ == "det" and t.lower_ in ("the", "this", "that", "these", "those")
                       for t in head.lefts)
        return Draft(mention=mention, head=head.i, key=key, definite=definite,
                     has_country_modifier=country_mod, words=words, head_lemma=head.lemma_.lower(),
                     plural=plural)

    def _from_modifiers(self, doc: Doc, mods: list[Piece], when: date | None
                        ) -> tuple[str | None, str | None, list[Piece], str]:
        """Country and sector given by the modifiers of a phrase, and the rule that gave them.

        The country comes from the leftmost country-bearing modifier; the sector from an
        institution ("Pentagon" → MIL) or else from the rightmost agent word with a sector.
        """
        country: str | None = None
        inst_sector: str | None = None
        agent_sector: str | None = None
        used: list[Piece] = []
        via = ""
        for piece in mods:
            entry = piece.entry
            if entry is None:
                continue
            if entry.is_agent:
                used.append(piece)
                if entry.sector != NEUTRAL:
                    agent_sector = entry.sector
                continue
            if entry.kind == "person":
                code, _ = entry.code_at(when)
            else:
                code = entry.code
            c, s = split_code(code)
            used.append(piece)
            if country is None and c:
                country = c
                via = {"demonym": "demonym", "led": "x-led", "capital": "capital"}.get(piece.role, "")
                if not via:
                    via = "possessive" if any(t.dep_ == "poss" for t in doc[piece.start:piece.end]) else (
                        "institution" if entry.kind == "organisation" and s else
                        "person" if entry.kind == "person" else "modifier")
                if s and entry.kind != "person":
                    inst_sector = s
        sector = inst_sector or agent_sector
        return country, sector, used, via

    def _of_country(self, doc: Doc, head: Token, when: date | None) -> tuple[str | None, str]:
        """"the president of France", "a spokesman for the Kremlin": the country after the head."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "for"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    hit = self._entry_at(doc, obj)
                    if hit is not None:
                        entry = hit
                        code = entry.code_at(when)[0] if entry.kind == "person" else entry.code
                        country, _ = split_code(code)
                        if country:
                            return country, "of"
        return None, ""

    def _entry_at(self, doc: Doc, token: Token) -> Entry | None:
        single = self.compiled.single.get(token.norm_)
        if single and not single[0].is_agent:
            return single[0]
        # a multi-word name ending at this token ("the United States")
        for size in (2, 3, 4):
            if token.i - size + 1 < 0:
                break
            phrase = " ".join(t.norm_ for t in doc[token.i - size + 1:token.i + 1])
            hit = self.compiled.owner.get(phrase)
            if hit and not hit[0].is_agent:
                return hit[0]
        return None


def _join(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return country + sector
    return country or sector or None


def _join_code(country: str | None, sector: str | None, used: list[Piece]) -> str | None:
    """Join country and sector, keeping a multi-element institution code ("IGOUNO" + MIL)."""
    base = None
    for piece in used:
        entry = piece.entry
        if entry is not None and not entry.is_agent and entry.kind != "person" and entry.code:
            c, _ = split_code(entry.code)
            if c == country:
                base = entry.code
                break
    if base is None:
        return _join(country, sector)
    if sector and sector not in [base[i:i + 3] for i in range(3, len(base), 3)]:
        return base + sector
    return base
