"""Steps 2 and 3 of the actor stage: pieces composed along noun phrases into mentions.

Each piece is attached to the head of its noun phrase. A phrase whose head is an actor word
becomes one mention whose code joins the country of its modifiers (demonym, country, possessor,
"X-led", institution) with the sector of its agent words ("Russian Defense Minister" → RUSMIL,
"Pentagon spokesman" → USAMIL); a phrase with another head ("Russia's proposal") yields its
actor modifiers alone.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from thucydides.actors.codes import split_code
from thucydides.actors.dictionary import NEUTRAL, Entry
from thucydides.actors.draft import Draft, Piece
from thucydides.actors.matcher import Compiled
from thucydides.actors.phrase_rules import (
    DEFINITE_DETERMINERS,
    GENERIC_PEOPLE,
    LAND_NOUNS,
    NAME_TITLES,
    SERVING_ROLES,
    backer,
    conjoined,
    doer_word,
    former,
    join,
    join_code,
    name_after_title,
    names_an_act,
    person_like,
)
from thucydides.models import ActorMention
from thucydides.nlp import doc_text
from thucydides.syntax.phrases import noun_phrase_head
from thucydides.wordlists import word_list


class PhraseComposer:
    """Composes pieces into drafts with one compiled dictionary set."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled

    def compose(self, doc: Doc, pieces: list[Piece], when: date | None) -> list[Draft]:
        """One draft per actor phrase (or per actor modifier of a non-actor phrase), in text order."""
        by_head: dict[int, list[Piece]] = {}
        for piece in pieces:
            # The piece's own root, not its last word: "commissioner of police" is headed by
            # "commissioner", and "police" there is no head of the phrase.
            root = doc[piece.start:piece.end].root if piece.end - piece.start > 1 else doc[piece.start]
            head = noun_phrase_head(root)
            by_head.setdefault(head.i, []).append(piece)
        drafts: list[Draft] = []
        for head_i, group in by_head.items():
            head = doc[head_i]
            at_head = [p for p in group if p.start <= head_i < p.end]
            if at_head:
                core = at_head[0]
                mods = [p for p in group if p is not core]
                conj = conjoined(doc, mods) if core.entry is not None and core.entry.is_agent else []
                if conj:
                    drafts.extend(self._conjoined_mentions(doc, head, core, mods, conj, when))
                else:
                    drafts.append(self._phrase_mention(doc, head, core, mods, when))
            else:
                drafts.extend(self._modifier_mentions(doc, group, when))
        drafts = [d for d in drafts if d is not None]
        for d in drafts:
            name_after_title(doc, d)
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
                    and not (doer_word(doc, core) and names_an_act(noun_phrase_head(doc[core.end - 1])))):
                continue  # "police station", "army camp": no actor named ("police firing" names one)
            if core.role == "led" and not names_an_act(noun_phrase_head(doc[core.end - 1])):
                continue  # counted by the phrase it modifies, if any ("a U.S.-brokered truce": the broker)
            head = doc[core.end - 1]
            draft = self._phrase_mention(doc, head, core, run[:-1], when, extend=False)
            if draft is not None:
                if noun_phrase_head(head).lemma_.lower() in LAND_NOUNS:
                    draft.mention.how += "+land"  # "the Thai province": a where, not a who
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
        head = noun_phrase_head(doc[core.end - 1])
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
                code = join(country, sector) if core.role == "demonym" else (code or join(country, sector))
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
                if core.role == "PERSON" and not person_like(doc[core.start:core.end], head):
                    # NER calls aircraft and weapons people ("F-15E Strike Eagles", "Su-24"): a
                    # name with digits or a plural head is equipment or a unit, not one human.
                    kind = "organisation" if sector or country else "group"
                elif core.role == "PERSON":
                    name = " ".join(t.text for t in doc[core.start:core.end] if not NAME_TITLES.match(t.text))
                    key = f"name:{name.lower()}"
                how = "entity" if not (country or sector) else f"entity+{via or 'title'}"
            if country is None:
                country, via_of = self._of_country(doc, head, when, member=entry is not None)
                if country:
                    how += "+of"
                    country_mod = True
            if sector is None and entry is not None and entry.sector == NEUTRAL:
                # "the jawans of the srp", "a spokesman for the army": a role word takes the
                # sector of the body it belongs to.
                sector = self._of_sector(doc, head)
                if sector:
                    how += "+of-sector"
            code = join_code(country, sector, used)
        start = min(p.start for p in used)
        end = max(p.end for p in used)
        if extend:
            end = max(end, core.end)
        while start < end and doc[start].dep_ in ("det", "punct", "case") and start < core.start:
            start += 1
        if former(doc, start, head, core, kind):
            # "former US president", "the former Gambian leader": CAMEO codes a former office
            # holder as an elite of the country (ELI), not as the government.
            country, _ = split_code(code)
            code = join(country, "ELI")
            how += "+former"
        span = doc[start:end]
        country, sector = split_code(code)
        mention = ActorMention(
            text=span.text, start=span.start_char, end=span.end_char, code=code, country=country,
            sector=sector, name=name, kind=kind, sentence_index=0, how=how or "dictionary",
        )
        words = frozenset(t.lower_ for t in span if t.is_alpha)
        definite = any(t.dep_ == "det" and t.lower_ in DEFINITE_DETERMINERS
                       for t in head.lefts)
        return Draft(mention=mention, head=head.i, key=key, definite=definite,
                     has_country_modifier=country_mod, words=words, head_lemma=head.lemma_.lower(),
                     plural=plural)

    def _from_modifiers(self, doc: Doc, mods: list[Piece], when: date | None
                        ) -> tuple[str | None, str | None, list[Piece], str]:
        """Country and sector given by the modifiers of a phrase, and the rule that gave them.

        The country comes from the leftmost country-bearing modifier, except that an "X-backed"
        word yields to a plain one ("Turkish-backed Syrian rebels" are Syrian); the sector from an
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
            role = "led" if piece.role == "led" or backer(doc, piece) else piece.role
            if role == "led" and _proxy(doc, piece):
                # "Turkish-backed fighters" are not Turkish: the backer is another actor, and
                # their own country is for the text (or the nationality fill) to say
                continue
            if c and via == "x-led" and role != "led":
                # "Turkish-backed Syrian rebels" are Syrian rebels; the backer is another actor
                country, via = None, ""
            if country is None and c:
                country = c
                via = {"demonym": "demonym", "led": "x-led", "capital": "capital"}.get(role, "")
                if not via:
                    via = "possessive" if any(t.dep_ == "poss" for t in doc[piece.start:piece.end]) else (
                        "institution" if entry.kind == "organisation" and s else
                        "person" if entry.kind == "person" else "modifier")
                if s and entry.kind != "person":
                    inst_sector = s
        sector = inst_sector or agent_sector
        return country, sector, used, via

    def _of_country(self, doc: Doc, head: Token, when: date | None,
                    member: bool = False) -> tuple[str | None, str]:
        """"the president of France", "a spokesman for the Kremlin", "an adviser to the Turkish
        president", "a commander with the Free Syrian Army" (a role word's "with" names the body
        it serves in, but only by that body's own name: "troops with Russian rifles" are not
        Russian): the country after the head."""
        preps = ("of", "from", "for", "to") if head.lemma_.lower() in SERVING_ROLES else ("of", "from", "for")
        if member:
            preps = (*preps, "with")
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    # the object itself ("of France"), else the state word before it ("to the
                    # Turkish president", "of Syria's opposition coalition")
                    before = () if child.lower_ == "with" and not self._agent_word(obj) else (
                        c for c in obj.lefts if c.dep_ in ("amod", "compound", "poss", "nmod"))
                    for word in (obj, *before):
                        hit = self._entry_at(doc, word)
                        if hit is None:
                            continue
                        code = hit.code_at(when)[0] if hit.kind == "person" else hit.code
                        country, _ = split_code(code)
                        if country:
                            return country, "of"
        return None, ""

    def _of_sector(self, doc: Doc, head: Token) -> str | None:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "for", "with"):
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

    def _agent_word(self, token: Token) -> bool:
        """Is the word an actor word ("ministry", "army"), not a thing ("rifles")?"""
        norm = self.compiled.plural_of.get(token.norm_, token.norm_)
        hit = self.compiled.single.get(norm)
        return bool(hit) and hit[0].is_agent

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


PROXY_WORDS = word_list("actors", "proxy_words")


def _proxy(doc: Doc, piece: Piece) -> bool:
    """'Turkish-backed', 'Iranian - supported': a state word that names a backer, not a leader."""
    words = doc[piece.start:min(piece.end + 2, len(doc))].text.lower()
    return any(w in words for w in PROXY_WORDS)
