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
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from thucydides.actors.analysis import ActorAnalysis
from thucydides.actors.codes import split_code
from thucydides.actors.coref import link_mentions
from thucydides.actors.dictionary import NEUTRAL, Entry
from thucydides.actors.matcher import Compiled, Match, get_compiled
from thucydides.models import ActorMention
from thucydides.nlp import doc_text, load_nlp

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
    country: str | None = None  # an ORG entity led by a country name ("Kenya Airways")
    sector: str | None = None  # … and the sector of its head word ("… Union of Journalists")


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


# sectors whose agent word before an event noun is its doer ("police firing", "army action");
# "prisoner exchange", "child abductions" name the ones it is done to
DOER_SECTORS = frozenset({"COP", "MIL", "GOV", "REB", "SPY", "INS", "UAF"})


def _doer_word(doc: Doc, piece: Piece) -> bool:
    """A noun agent word of a doer sector, not "anti-government" / "pro-government"."""
    tok = doc[piece.end - 1]
    if piece.entry is None or piece.entry.sector not in DOER_SECTORS or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return not (piece.start >= 2 and doc[piece.start - 1].text == "-"
                and doc[piece.start - 2].lower_ in ("anti", "pro", "counter"))


def _names_an_act(noun: Token) -> bool:
    """An event noun ("firing", "action", "deployment"): the agent word modifying it is the doer."""
    nouns = event_nouns()
    return noun.lemma_.lower() in nouns or noun.lower_ in nouns


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """Head lemmas of the shipped event-noun lexicon (minus blocking entries), once per process."""
    # imported here, not at the top: the events package imports the actor layer
    from thucydides.events.lexicon import load_lexicon

    return frozenset(k for k, pats in load_lexicon().nouns.items() if not all(p.skip for p in pats))


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
            last = doc[m.end - 1]
            if m.entry.is_agent and last.tag_.startswith("VB") and last.dep_ not in ARG_DEPS:
                continue  # "was accused", "to police the border": a verb, not an actor word
            pieces.append(Piece(m.start, m.end, m.entry, m.role, m.plural))
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        single = self.compiled.single
        self._drop_dateline(doc, pieces, taken, lower_doc)
        # Surnames of full names NER found, for a later lone surname it mislabels ("Reyes" ORG).
        last_names = {e[-1].text: e.end for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        for ent in doc.ents:
            label = ent.label_
            if label in ("ORG", "NORP") and len(ent) == 1 and last_names.get(ent.text, len(doc)) <= ent.start:
                label = "PERSON"
            if label in ("GPE", "LOC", "FAC"):
                # "Nassau County", "Kabul University Road": a capital inside a longer place
                # name is a word of that name, not the state.
                for p in [p for p in pieces if ent.start <= p.start and p.end <= ent.end
                          and p.end - p.start < len(ent) and p.role == "capital"]:
                    rest = [t for t in ent if not p.start <= t.i < p.end and t.is_alpha and not t.is_stop]
                    if rest:
                        pieces.remove(p)
                        taken[p.start:p.end] = b"\x00" * (p.end - p.start)
                continue
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
                    if unknown and label == "ORG" and self._country_led_org(doc, ent, pieces, taken):
                        continue
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

    def _country_led_org(self, doc: Doc, ent: Span, pieces: list[Piece], taken: bytearray) -> bool:
        """An organisation whose name starts with a country ("Kenya Airways", "Pakistan Federal
        Union of Journalists") is one actor of that country; the sector comes from the word
        heading the name. Replaces the pieces inside it; False if the name has no such lead."""
        first = ent.start
        while first < ent.end and doc[first].dep_ == "det":
            first += 1
        inside = [p for p in pieces if ent.start <= p.start and p.end <= ent.end]
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
            pieces.remove(p)
        pieces.append(Piece(first, ent.end, None, "ORG", country=country, sector=sector))
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

    # -- 2./3. composition -----------------------------------------------
    def _compose(self, doc: Doc, pieces: list[Piece], when: date | None) -> list[Draft]:
        by_head: dict[int, list[Piece]] = {}
        for piece in pieces:
            # The piece's own root, not its last word: "commissioner of police" is headed by
            # "commissioner", and "police" there is no head of the phrase.
            root = doc[piece.start:piece.end].root if piece.end - piece.start > 1 else doc[piece.start]
            head = np_head(root)
            by_head.setdefault(head.i, []).append(piece)
        drafts: list[Draft] = []
        for head_i, group in by_head.items():
            head = doc[head_i]
            at_head = [p for p in group if p.start <= head_i < p.end]
            if at_head:
                core = at_head[0]
                mods = [p for p in group if p is not core]
                conj = _conjoined(doc, mods) if core.entry is not None and core.entry.is_agent else []
                if conj:
                    drafts.extend(self._conjoined_mentions(doc, head, core, mods, conj, when))
                else:
                    drafts.append(self._phrase_mention(doc, head, core, mods, when))
            else:
                drafts.extend(self._modifier_mentions(doc, group, when))
        drafts = [d for d in drafts if d is not None]
        for d in drafts:
            _name_after_title(doc, d)
        drafts.sort(key=lambda d: (d.mention.start, -d.mention.end))
        return drafts

    def _conjoined_mentions(self, doc: Doc, head: Token, core: Piece, mods: list[Piece],
                            conj: list[Piece], when: date | None) -> list[Draft]:
        """"Russian and Syrian troops": one mention per country, sharing the agent head.

        The last conjunct keeps the whole tail ("Syrian troops"); the others are their own
        words ("Russian"), so the two mentions do not overlap and both carry the sector.
        """
        rest = [p for p in mods if p not in conj]
        out: list[Draft] = []
        for k, piece in enumerate(conj):
            draft = self._phrase_mention(doc, head, core, [piece, *rest], when)
            if draft is None:
                continue
            if k < len(conj) - 1:
                span = doc[piece.start:piece.end]
                m = draft.mention
                m.text, m.start, m.end = span.text, span.start_char, span.end_char
                draft.words = frozenset(t.lower_ for t in span if t.is_alpha)
            else:
                m = draft.mention
                span = doc[piece.start:head.i + 1]
                if m.start < span.start_char:
                    m.text, m.start = doc_text(doc)[span.start_char:m.end], span.start_char
            draft.mention.how += "+conj"
            out.append(draft)
        return out

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
            titled = self._titled_name(doc, run, when)
            if titled is not None:
                out.append(titled)
                continue
            if (core.entry is not None and core.entry.is_agent and len(run) == 1
                    and not (_doer_word(doc, core) and _names_an_act(np_head(doc[core.end - 1])))):
                continue  # "police station", "army camp": no actor named ("police firing" names one)
            if core.role == "led" and not _names_an_act(np_head(doc[core.end - 1])):
                continue  # counted by the phrase it modifies, if any ("a U.S.-brokered truce": the broker)
            head = doc[core.end - 1]
            draft = self._phrase_mention(doc, head, core, run[:-1], when, extend=False)
            if draft is not None:
                out.append(draft)
        return out

    def _titled_name(self, doc: Doc, run: list[Piece], when: date | None) -> Draft | None:
        """A title before a name NER did not see: "inspector general of police r k mehta".

        Lower-case reports hide names from NER and the parser hangs the title off the name,
        so the title is a modifier of a non-actor head. It is one person when the words
        from the title to the head are a name: initials before a surname, or capitalised
        proper nouns.
        """
        core = run[-1]
        if core.entry is None or not core.entry.is_agent or core.entry.kind != "person":
            return None
        head = np_head(doc[core.end - 1])
        name = doc[core.end:head.i + 1]
        if not 1 <= len(name) <= 4 or any(not t.is_alpha for t in name):
            return None
        if any(t.dep_ not in ("compound", "flat") for t in name[:-1]):
            return None
        initials = len(name) > 1 and all(len(t) == 1 for t in name[:-1]) and len(name[-1]) > 2
        proper = all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name)
        if not (initials or proper):
            return None
        draft = self._phrase_mention(doc, doc[core.end - 1], core, run[:-1], when, extend=False)
        if draft is None:
            return None
        m = draft.mention
        m.end = head.idx + len(head.text)
        m.text = doc_text(doc)[m.start:m.end]
        m.kind = "person"
        m.name = name.text
        m.how += "+name"
        draft.head = head.i
        draft.key = f"name:{name.text.lower()}"
        draft.head_lemma = head.lemma_.lower()
        draft.words = draft.words | {t.lower_ for t in name}
        return draft

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
                if entry.sector != NEUTRAL and not via.startswith("institution") and not (
                        sector and entry.name in GENERIC_PEOPLE):
                    sector = entry.sector  # "srp men", "army men": the force, not civilians
                kind = "group" if plural and entry.kind == "person" else entry.kind
                if kind == "person" and plural:
                    kind = "group"
                how = "agent" if not country else f"{via}+agent"
                key = None
            else:  # an entity spaCy found that no dictionary knows
                if core.country:
                    country, country_mod, via = core.country, True, "name"
                sector = core.sector or sector
                kind = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}[core.role]
                name = doc[core.start:core.end].text
                if core.role == "PERSON" and not _person_like(doc[core.start:core.end], head):
                    # NER calls aircraft and weapons people ("F-15E Strike Eagles", "Su-24"): a
                    # name with digits or a plural head is equipment or a unit, not one human.
                    kind = "organisation" if sector or country else "group"
                elif core.role == "PERSON":
                    name = " ".join(t.text for t in doc[core.start:core.end] if not NAME_TITLES.match(t.text))
                    key = f"name:{name.lower()}"
                how = "entity" if not (country or sector) else f"entity+{via or 'title'}"
            if country is None:
                country, via_of = self._of_country(doc, head, when)
                if country:
                    how += "+of"
                    country_mod = True
            if sector is None and entry is not None and entry.sector == NEUTRAL:
                # "the jawans of the srp", "a spokesman for the army": a role word takes the
                # sector of the body it belongs to.
                sector = self._of_sector(doc, head)
                if sector:
                    how += "+of-sector"
            code = _join_code(country, sector, used)
        start = min(p.start for p in used)
        end = max(p.end for p in used)
        if extend:
            end = max(end, core.end)
        while start < end and doc[start].dep_ in ("det", "punct", "case") and start < core.start:
            start += 1
        if _former(doc, start, head, core, kind):
            # "former US president", "the former Gambian leader": CAMEO codes a former office
            # holder as an elite of the country (ELI), not as the government.
            country, _ = split_code(code)
            code = _join(country, "ELI")
            how += "+former"
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

    def _of_sector(self, doc: Doc, head: Token) -> str | None:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "for"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    for size in (4, 3, 2, 1):  # the longest phrase ending at the object
                        if obj.i - size + 1 < 0:
                            continue
                        phrase = " ".join(t.norm_ for t in doc[obj.i - size + 1:obj.i + 1])
                        hit = self.compiled.owner.get(phrase)
                        singular = self.compiled.plural_of.get(phrase)
                        if hit is None and singular:
                            hit = self.compiled.owner.get(singular)
                        if hit is None:
                            continue
                        entry = hit[0]
                        if entry.is_agent and entry.sector != NEUTRAL:
                            return entry.sector
                        if not entry.is_agent and entry.kind != "person":
                            return split_code(entry.code)[1]
        return None

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


# A word the tagger calls a verb is still an actor noun in an argument slot ("the accused was").
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "compound", "poss"})
GENERIC_PEOPLE = frozenset({"man", "men", "woman", "women", "person", "persons", "people", "youth", "boy",
                            "girl"})


def _name_after_title(doc: Doc, draft: Draft) -> None:
    """"deputy commissioner of police a k verma": initials and a surname right after a title
    (lower-case reports; NER is blind there) belong to the title's mention."""
    m = draft.mention
    if m.kind != "person" or draft.key is not None or not m.how.startswith(("agent", "institution")):
        return
    i = draft.head + 1
    while i < len(doc) and doc[i].idx < m.end:
        i += 1
    j = i
    while j < len(doc) and len(doc[j]) == 1 and doc[j].is_alpha:
        j += 1
    initials = j - i
    if not 1 <= initials <= 3 or j >= len(doc) or (initials == 1 and doc[i].lower_ in ("a", "i")):
        return
    surname = doc[j]
    if not surname.is_alpha or len(surname) < 3 or surname.is_stop or surname.tag_.startswith("VB"):
        return
    name = doc[i:j + 1]
    m.end = surname.idx + len(surname.text)
    m.text = doc_text(doc)[m.start:m.end]
    m.name = name.text
    m.how += "+name"
    draft.key = f"name:{name.text.lower()}"
    draft.words = draft.words | {t.lower_ for t in name}


FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "one-time"})


def _former(doc: Doc, start: int, head: Token, core: Piece, kind: str | None) -> bool:
    """Is "former" a modifier of the person (or of the title) this phrase names?"""
    if kind != "person" or (core.entry is not None and not core.entry.is_agent
                            and core.entry.kind == "person"):
        return False  # dictionary people are dated by their offices already
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "ex":
        return True  # "ex-minister": the parser splits it three ways
    for tok in doc[min(start, head.left_edge.i):head.i + 1]:
        low = tok.lower_
        if (low in FORMER or low.startswith("ex-")) and tok.dep_ in ("amod", "compound", "nmod"):
            if start <= tok.head.i <= head.i and tok.head.pos_ in ("NOUN", "PROPN"):
                return True
    return False


MODEL_RE = re.compile(r"^[A-Za-z]{1,4}-?\d+[A-Za-z]*$")  # F-15E, Su-24, MiG-29, B52


def _person_like(span: Span, head: Token) -> bool:
    """Could this NER PERSON span be one human's name?"""
    if any(c.isdigit() for t in span for c in t.text) or MODEL_RE.match(span.doc[span.start - 1].text):
        return False
    # "six Strike Eagles": counted like things. (A final -s is no sign: "Mendes", "Jones".)
    return not any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in head.children)


CONJ_WORDS = frozenset({"and", "or", "&"})


def _conjoined(doc: Doc, mods: list[Piece]) -> list[Piece]:
    """Country-bearing modifiers coordinated before one head ("U.S., British and French"),
    when they name at least two different countries; else []."""
    named = sorted((p for p in mods if p.entry is not None and not p.entry.is_agent
                    and p.entry.kind != "person" and p.entry.code), key=lambda p: p.start)
    best: list[Piece] = []
    run: list[Piece] = []
    for piece in named:
        if run:
            gap = [t.lower_ for t in doc[run[-1].end:piece.start]]
            if gap and all(w == "," or w in CONJ_WORDS for w in gap):
                run.append(piece)
                continue
            best = run if len(run) > len(best) else best
        run = [piece]
    best = run if len(run) > len(best) else best
    if len(best) < 2 or len({split_code(p.entry.code)[0] for p in best if p.entry}) < 2:
        return []
    # Commas alone ("senior, Russian officials") do not coordinate; a list ends in "and"/"or".
    if not any(t.lower_ in CONJ_WORDS for t in doc[best[-2].end:best[-1].start]):
        return []
    return best


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
