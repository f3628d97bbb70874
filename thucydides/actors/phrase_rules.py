"""Small rules the actor stage applies to one phrase: doers before event nouns, former office
holders, names after titles, coordinated countries, code joining."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from thucydides.actors.codes import split_code
from thucydides.actors.draft import Draft, Piece
from thucydides.nlp import doc_text
from thucydides.wordlists import word_list, word_set

EVENT_NOUNS = word_set("actors", "event_nouns")
NAME_TITLES = re.compile(r"^(?:" + "|".join(re.escape(w) for w in word_list("actors", "name_titles"))
                         + r")\.?$", re.IGNORECASE)
GENERIC_PEOPLE = word_set("actors", "generic_people")
LAND_NOUNS = word_set("actors", "land_nouns")
SERVING_ROLES = word_set("actors", "serving_roles")
LED_SUFFIXES = word_set("actors", "led_suffixes")
FORMER_MARKERS = word_set("actors", "former_markers")
DEFINITE_DETERMINERS = word_set("actors", "definite_determiners")


# sectors whose agent word before an event noun is its doer ("police firing", "army action");
# "prisoner exchange", "child abductions" name the ones it is done to
DOER_SECTORS = frozenset({"COP", "MIL", "GOV", "REB", "SPY", "INS", "UAF"})


def doer_word(doc: Doc, piece: Piece) -> bool:
    """A noun agent word of a doer sector, not "anti-government" / "pro-government"."""
    tok = doc[piece.end - 1]
    if piece.entry is None or piece.entry.sector not in DOER_SECTORS or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return not (piece.start >= 2 and doc[piece.start - 1].text == "-"
                and doc[piece.start - 2].lower_ in ("anti", "pro", "counter"))


def backer(doc: Doc, piece: Piece) -> bool:
    """A state word the tokenizer split off its "-backed" / "-led" ("Turkish - backed")."""
    end = piece.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in LED_SUFFIXES


def names_an_act(noun: Token) -> bool:
    """An event noun ("firing", "action", "deployment"): the agent word modifying it is the doer."""
    return noun.lemma_.lower() in EVENT_NOUNS or noun.lower_ in EVENT_NOUNS


def name_after_title(doc: Doc, draft: Draft) -> None:
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




def former(doc: Doc, start: int, head: Token, core: Piece, kind: str | None) -> bool:
    """Is "former" a modifier of the person (or of the title) this phrase names?"""
    if kind != "person" or (core.entry is not None and not core.entry.is_agent
                            and core.entry.kind == "person"):
        return False  # dictionary people are dated by their offices already
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "ex":
        return True  # "ex-minister": the parser splits it three ways
    for tok in doc[min(start, head.left_edge.i):head.i + 1]:
        low = tok.lower_
        if (low in FORMER_MARKERS or low.startswith("ex-")) and tok.dep_ in ("amod", "compound", "nmod"):
            if start <= tok.head.i <= head.i and tok.head.pos_ in ("NOUN", "PROPN"):
                return True
    return False


MODEL_RE = re.compile(r"^[A-Za-z]{1,4}-?\d+[A-Za-z]*$")  # F-15E, Su-24, MiG-29, B52


def person_like(span: Span, head: Token) -> bool:
    """Could this NER PERSON span be one human's name?"""
    if any(c.isdigit() for t in span for c in t.text) or MODEL_RE.match(span.doc[span.start - 1].text):
        return False
    # "six Strike Eagles": counted like things. (A final -s is no sign: "Mendes", "Jones".)
    return not any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in head.children)


CONJ_WORDS = frozenset({"and", "or", "&"})


def conjoined(doc: Doc, mods: list[Piece]) -> list[Piece]:
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


def join(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return country + sector
    return country or sector or None


def join_code(country: str | None, sector: str | None, used: list[Piece]) -> str | None:
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
        return join(country, sector)
    if sector and sector not in [base[i:i + 3] for i in range(3, len(base), 3)]:
        return base + sector
    return base
