"""Rule-based coreference over an article's actor mentions.

Rules, in order (each sets `how` on the mention it resolves):
- appos: "Jeff Smith, an army spokesman" — the two phrases are one actor; an uncoded
  side takes the coded side's code. A name the parser hangs on the last noun of the role
  ("the US envoy to Syria, Tom Hale") is the role's, and a name NER took for an ORG beside a
  person's role ("Yildiz, a senior adviser") is a person;
- same dictionary entry or alias ("Islamic State" … "ISIS"), same unknown person name,
  same coded role phrase → one entity;
- coref:surname: "Smith" after "Jeff Smith" (or before it, in a headline or lead; also when
  NER labelled the surname ORG);
- coref:role: a definite role noun with no country ("the minister", "the ministry")
  → the nearest earlier mention whose words contain that noun, unless such mentions of two
  states stand in the window; "+owner": "government forces", "army units" take the state of
  the one government or army named before;
- "+entity": every mention of an entity then shares the code its other mentions give it;
- coref:pronoun: he/she/his/her → the nearest earlier person; they/their → the nearest
  earlier group (else organisation or state); it/its → the nearest earlier organisation,
  state or group, within a few sentences; a subject pronoun prefers the nearest subject of
  its own or the previous sentence, and he/she skip people of the other gender (gender.py).
  "It" as a dummy subject ("it is likely") is skipped;
- coref:state: "the country", "the two countries" → the state named last;
- coref:quote: I/we/our inside a direct quote → the quote's speaker, in the two plain frames
  “…,” X said and X said, “…” (speakers.py).
Everything is linear in the number of mentions and pronouns, so it costs little per article.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from thucydides.actors.codes import join_code
from thucydides.actors.draft import Draft
from thucydides.actors.gender import Genders, pronoun_gender
from thucydides.actors.speakers import quote_pronouns
from thucydides.models import ActorMention
from thucydides.syntax.clauses import REPORTING_VERBS
from thucydides.wordlists import word_set

PERSON_PRONOUNS = word_set("actors", "person_pronouns")
PLURAL_PRONOUNS = word_set("actors", "plural_pronouns")
NAME_PARTICLES = word_set("syntax", "name_particles")  # "al-Hakim" is "Hakim"
THING_PRONOUNS = word_set("actors", "thing_pronouns")
DUMMY_IT_VERBS = word_set("actors", "dummy_it_verbs")
STATE_NOUNS = word_set("actors", "state_nouns")
GROUP_NOUNS = word_set("actors", "group_nouns")
POSSESSIVE_THIRD = frozenset({"its", "their"})
GROUP_KINDS = ("group", "organisation")  # what "the group" takes up, an armed group first
OWNER_NOUNS = word_set("actors", "owner_nouns")
GROUP_COUNTS = word_set("actors", "group_counts")
PERSON_WINDOW = 3  # sentences back
OTHER_WINDOW = 2


class _Entities:
    """Union-find over draft positions."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _copy_code(target: ActorMention, source: ActorMention, how: str) -> None:
    target.code, target.country, target.sector = source.code, source.country, source.sector
    if source.name and not target.name:
        target.name = source.name
    target.how = how


def link_mentions(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Link the drafts of an article into entities, add pronoun drafts, in text order."""
    sent_starts = [s.start for s in doc.sents]

    def sent_of(token_i: int) -> int:
        return max(0, bisect_left(sent_starts, token_i + 1) - 1)

    for d in drafts:
        d.mention.sentence_index = sent_of(d.head)
    by_head = {d.head: i for i, d in enumerate(drafts)}
    uf = _Entities(len(drafts))

    # appositions
    for i, d in enumerate(drafts):
        tok = doc[d.head]
        if tok.dep_ != "appos":
            continue
        j = by_head.get(_apposed_head(doc, tok, drafts, by_head))
        if j is None:
            continue
        a, b = drafts[j].mention, d.mention
        if a.code and b.code and a.code != b.code and not (a.kind == "person" or b.kind == "person"):
            continue  # "Russia's ally, Syria": two actors side by side
        if _unsure_entity(a) and b.kind == "person" and not drafts[i].plural:
            a.kind = "person"  # "Yildiz, a senior adviser": a name NER took for an ORG
        elif _unsure_entity(b) and a.kind == "person" and not drafts[j].plural:
            b.kind = "person"
        if (a.kind == "person") != (b.kind == "person"):
            continue  # "Assad, a coalition that …": a person is not an organisation
        if not b.code or (b.kind == "person" and a.code and len(a.code or "") > len(b.code or "")
                          and drafts[i].key and drafts[i].key.startswith("name:")):
            if a.code:
                _copy_code(b, a, b.how + "+appos")
        elif not a.code or (a.kind == "person" and drafts[j].key and drafts[j].key.startswith("name:")
                            and len(b.code or "") > len(a.code or "")):
            _copy_code(a, b, a.how + "+appos")
        if a.kind == "person" or b.kind == "person":
            a.kind = b.kind = "person"
            a.name = a.name or b.name
            b.name = b.name or a.name
        uf.union(i, j)

    # same key
    first_with_key: dict[str, int] = {}
    for i, d in enumerate(drafts):
        key = d.key
        if key is None and d.mention.code and d.mention.country:
            key = f"np:{d.mention.code}:{d.head_lemma}"
        if key is None:
            continue
        if key in first_with_key:
            uf.union(first_with_key[key], i)
        else:
            first_with_key[key] = i

    # surnames and role nouns, scanning left to right
    people_by_last: dict[str, int] = {}
    later_by_last = _full_names_by_last(drafts)
    for i, d in enumerate(drafts):
        m = d.mention
        if _bare_name(d) or (m.kind == "person" and m.name):
            parts = (m.name or "").split()
            if len(parts) == 1 and (_bare_name(d) or (d.key and d.key.startswith("name:"))):
                last = surname_key(parts[0])
                # a surname before the full name (a headline, a lead) names the same person
                j = people_by_last.get(last, later_by_last.get(last))
                if j is not None and j != i:
                    m.kind = "person"
                    if drafts[j].mention.code and not m.code:
                        _copy_code(m, drafts[j].mention, "coref:surname")
                    else:
                        m.how = "coref:surname"
                    m.name = drafts[j].mention.name
                    uf.union(j, i)
                    continue
            if len(parts) > 1:
                people_by_last[surname_key(parts[-1])] = i
        if m.how == "agent" and not d.has_country_modifier and not m.country:
            j = _role_antecedent(doc, drafts, i, (d.head_lemma, doc[d.head].lower_)) if d.definite else None
            if j is not None:
                other = drafts[j]
                _copy_code(m, other.mention, "coref:role")
                m.name = other.mention.name
                if other.mention.kind == "person" and not d.plural:
                    m.kind = "person"
                uf.union(j, i)
            else:
                _owner_country(doc, drafts, i)
    _share_codes(drafts, uf)

    # pronouns
    genders = Genders(doc, drafts, uf.find)
    starts = [d.mention.start for d in drafts]
    pronouns: list[Draft] = []
    pron_links: list[int] = []
    for tok in doc:
        low = tok.lower_
        if _state_noun(tok) and not _inside(drafts, starts, tok):
            kinds, window = ("state",), OTHER_WINDOW  # "Turkey … the country's foreign ministry"
        elif _group_noun(tok) and not _inside(drafts, starts, tok):
            kinds, window = GROUP_KINDS, OTHER_WINDOW  # "Hamas … the group said"
        elif tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$"):
            continue
        elif low in PERSON_PRONOUNS:
            kinds, window = ("person",), PERSON_WINDOW
        elif low in PLURAL_PRONOUNS:
            kinds, window = ("group", "organisation", "state"), OTHER_WINDOW
        elif low in THING_PRONOUNS:
            if low == "it" and (tok.dep_ not in ("nsubj", "dobj", "pobj")
                                or tok.head.lemma_ in DUMMY_IT_VERBS):
                continue
            kinds, window = ("organisation", "state", "group"), OTHER_WINDOW
        else:
            continue
        sent = sent_of(tok.i)
        hi = bisect_left(starts, tok.idx)
        gender = pronoun_gender(low) if kinds == ("person",) else None
        group_noun = kinds == GROUP_KINDS
        best: int | None = None if group_noun else _subject_antecedent(
            doc, drafts, tok, hi, sent, kinds, genders, gender)
        if best is None and low in POSSESSIVE_THIRD and kinds != ("person",):
            best = _speaker_antecedent(drafts, starts, tok, kinds)
        fallback: int | None = None
        bound = _co_argument_subject(tok)
        for j in range(hi - 1 if best is None else -1, -1, -1):
            cand = drafts[j]
            if cand.mention.sentence_index < sent - window:
                break
            if cand.mention.end > tok.idx or cand.mention.kind not in kinds or genders.clashes(j, gender):
                continue
            if bound is not None and bound[0] <= cand.mention.start < bound[1]:
                continue  # "the minister met him": not the minister himself
            if group_noun and not cand.mention.name:
                continue  # "the group" is a named group or body, not "activists" or "a crowd"
            if (low in PLURAL_PRONOUNS or group_noun) and cand.mention.kind != "group":
                # "they" is a group if one is near; else the nearest organisation or state
                fallback = j if fallback is None else fallback
                continue
            if low in THING_PRONOUNS and cand.plural:
                continue
            best = j
            break
        if best is None:
            best = fallback
        if best is None:
            continue
        genders.note(best, gender)
        ante = drafts[best].mention
        how = "coref:state" if kinds == ("state",) else "coref:pronoun"
        mention = ActorMention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), code=ante.code,
                               country=ante.country, sector=ante.sector, name=ante.name, kind=ante.kind,
                               sentence_index=sent, how=how)
        pronouns.append(Draft(mention=mention, head=tok.i, key=None))
        pron_links.append(best)

    roots: dict[int, int] = {}
    for i, d in enumerate(drafts):
        root = uf.find(i)
        d.mention.entity = roots.setdefault(root, len(roots) + 1)
    for d, j in zip(pronouns, pron_links, strict=True):
        d.mention.entity = drafts[j].mention.entity
    out = drafts + pronouns
    quoted = quote_pronouns(doc, out)
    for d in quoted:
        d.mention.sentence_index = sent_of(d.head)
    out.extend(quoted)
    _possessed(doc, drafts, pronouns + quoted)
    out.sort(key=lambda d: (d.mention.start, -d.mention.end))
    return out



def _possessed(doc: Doc, drafts: list[Draft], pronouns: list[Draft]) -> None:
    """"his forces", "our ministry": an agent phrase with no country takes the country of the
    resolved possessive pronoun in front of it ("Assad said his forces …" → SYRMIL). A state's
    or its army's fighters are its military ("the Syrian army … its fighters" → SYRMIL); a
    group's stay the group's sector."""
    by_head = {d.head: d for d in drafts}
    for p in pronouns:
        tok = doc[p.head]
        if tok.dep_ != "poss" or not p.mention.country:
            continue
        owner = by_head.get(tok.head.i)
        if owner is None or owner.mention.country or not owner.mention.sector:
            continue
        m = owner.mention
        if m.sector == "REB" and p.mention.sector in STATE_FORCE_OWNERS:
            m.sector = "MIL"
        m.country = p.mention.country
        m.code = join_code(m.country, m.sector)
        m.how += "+poss"


ROLE_WINDOW = 6  # sentences back
# the sectors (None: the state itself) whose "fighters" are a state's armed forces
STATE_FORCE_OWNERS = frozenset({None, "GOV", "MIL"})


def _co_argument_subject(tok: Token) -> tuple[int, int] | None:
    """The character span of the subject of the verb whose object the pronoun is: "Mikati met
    him", "urged them to …", "spoke with her": a plain (not reflexive) object pronoun never
    stands for its own verb's subject."""
    if tok.lower_.endswith(("self", "selves")):
        return None
    if tok.dep_ in ("dobj", "dative"):
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        verb = tok.head.head
    else:
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            span = c.doc[c.left_edge.i:c.right_edge.i + 1]
            return span.start_char, span.end_char
    return None


def _subject_antecedent(doc: Doc, drafts: list[Draft], tok: Token, hi: int, sent: int,
                        kinds: tuple[str, ...], genders: Genders, gender: str | None) -> int | None:
    """A subject pronoun continues the subject before it ("The Turkish ministry rejected the
    EU's statement. 'We will not bow,' it said."): the nearest subject of a fitting kind in
    its own or the previous sentence, before any nearer object or possessor."""
    # "… Last week its fighters ambushed a patrol": the owner of a subject is read as a subject
    subject = tok.dep_ in ("nsubj", "nsubjpass") or (
        tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in POSSESSIVE_THIRD)
    if not subject or kinds == ("state",):
        return None
    singular = tok.lower_ not in PLURAL_PRONOUNS
    for j in range(hi - 1, -1, -1):
        cand = drafts[j]
        m = cand.mention
        if m.sentence_index < sent - 1:
            break
        # a named body is "it" and "they" alike ("the Syrian Democratic Forces … its fighters")
        number_clash = cand.plural == singular and m.kind != "state" and not m.name
        if m.end > tok.idx or m.kind not in kinds or number_clash:
            continue
        if genders.clashes(j, gender):
            continue
        if doc[cand.head].dep_ in ("nsubj", "nsubjpass"):
            return j
    return None


def _owner_country(doc: Doc, drafts: list[Draft], i: int) -> None:
    """"Government forces", "regime troops", "army units": the force of a body the article
    has named with its state ("the Syrian army" … "army units") is that state's, when the
    window holds that body for one state only. The phrase keeps its own sector and entity."""
    d = drafts[i]
    m = d.mention
    owners = tuple(t.lower_ for t in doc[d.head].lefts
                   if t.dep_ in ("compound", "amod", "nmod") and t.lower_ in OWNER_NOUNS and t.idx >= m.start)
    if not owners:
        return
    j = _role_antecedent(doc, drafts, i, owners)
    if j is not None:
        m.country = drafts[j].mention.country
        m.code = join_code(m.country, m.sector)
        m.how += "+owner"


def _state_noun(tok: Token) -> bool:
    """A bare "the country" / "the nation": it takes up the state named last, as "it" does.
    "The two countries" / "both nations" take up the states named last; the phrase is coded
    by the nearest, as a coordinated phrase is coded by one of its members. A modified one
    ("the Gulf country", "a country", "the countries of the region") names some state, not that one."""
    if tok.lemma_.lower() not in STATE_NOUNS or any(c.dep_ == "prep" for c in tok.rights):
        return False
    lefts = [c.lower_ for c in tok.lefts if c.dep_ not in ("case", "punct")]
    if tok.tag_ == "NN":
        return lefts == ["the"]
    if tok.tag_ == "NNS":
        counted = [w for w in lefts if w != "the"]
        if len(counted) != 1:
            return False
        return counted[0] == "both" or (lefts[0] == "the" and counted[0] in GROUP_COUNTS)
    return False


def _speaker_antecedent(drafts: list[Draft], starts: list[int], tok: Token,
                        kinds: tuple[str, ...]) -> int | None:
    """'The SDF said Turkish drones had killed three of its fighters': a body's "its" or
    "their" in what it is reported to say is its own, not the nearer actor of the clause."""
    t = tok
    for _ in range(10):
        if t.head.i == t.i:
            return None
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in REPORTING_VERBS:
            break
        t = t.head
    else:
        return None
    for subj in (c for c in t.head.children if c.dep_ == "nsubj"):
        j = bisect_left(starts, subj.idx + 1) - 1
        for k in range(j, max(-1, j - 4), -1):
            m = drafts[k].mention
            if m.start <= subj.idx < m.end and m.kind in kinds:
                return k
    return None


def _group_noun(tok: Token) -> bool:
    """A bare "the group" / "the militia" takes up the armed group or organisation named last
    ("Hayat Tahrir al-Sham … the group denied"); "the group of friends", "a group" name another."""
    if tok.lemma_.lower() not in GROUP_NOUNS or tok.tag_ != "NN":
        return False
    if any(c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in tok.rights):
        return False
    return [c.lower_ for c in tok.lefts if c.dep_ not in ("case", "punct")] == ["the"]


def _inside(drafts: list[Draft], starts: list[int], tok: Token) -> bool:
    """Is the token already a word of some mention ("the country's army" is one)?"""
    j = bisect_left(starts, tok.idx + 1) - 1
    near = range(max(0, j - 3), j + 1)
    return any(drafts[k].mention.start <= tok.idx < drafts[k].mention.end for k in near)


def _role_antecedent(doc: Doc, drafts: list[Draft], i: int, words: tuple[str, ...]) -> int | None:
    """The nearest earlier mention a definite role noun ("the government") takes up: one whose
    words hold that noun. When the window holds such mentions of two states ("the Cuban
    government … the U.S. government's decision … the government"), the text does not say
    which is meant, and the role noun is left to the article-level evidence."""
    m = drafts[i].mention
    nearest: int | None = None
    countries: set[str] = set()
    for j in range(i - 1, -1, -1):
        other = drafts[j].mention
        if other.sentence_index < m.sentence_index - ROLE_WINDOW:
            break
        if other.country and any(w in drafts[j].words for w in words):
            nearest = j if nearest is None else nearest
            countries.add(other.country)
    return nearest if len(countries) == 1 else None


def _bare_name(d: Draft) -> bool:
    """A one-word name NER found but no dictionary knows, whatever NER took it for: a
    surname labelled ORG ("Cerar said") is still the person named in full elsewhere."""
    m = d.mention
    return m.how == "entity" and not m.code and bool(m.name) and len(m.name.split()) == 1


def surname_key(word: str) -> str:
    """A surname as later mentions may give it: "al-Hakim" and "Hakim" are one name."""
    low = word.lower()
    head, dash, rest = low.partition("-")
    return rest if dash and rest and head in NAME_PARTICLES else low


def _full_names_by_last(drafts: list[Draft]) -> dict[str, int]:
    """The first person named in full for each surname, wherever it stands in the article."""
    out: dict[str, int] = {}
    for i, d in enumerate(drafts):
        m = d.mention
        if m.kind == "person" and m.name and len(m.name.split()) > 1:
            out.setdefault(surname_key(m.name.split()[-1]), i)
    return out


def _share_codes(drafts: list[Draft], uf: _Entities) -> None:
    """Every mention of an entity says what any of its mentions says: "Janez Janša, the
    party's president" (GOV) makes a later bare "Janša" GOV too, and a title with no country
    ("Foreign Minister Hale") takes the one country the entity's other mentions give it.
    Mentions with a code of their own keep it; two countries in one entity leave it open."""
    members: dict[int, list[int]] = {}
    for i in range(len(drafts)):
        members.setdefault(uf.find(i), []).append(i)
    for group in members.values():
        if len(group) < 2:
            continue
        mentions = [drafts[i].mention for i in group]
        countries = {m.country for m in mentions if m.country}
        full = next((m for m in mentions if m.country and m.sector), None)
        best = full or next((m for m in mentions if m.code), None)
        if best is None:
            continue
        for m in mentions:
            if not m.code:
                _copy_code(m, best, m.how + "+entity")
            elif not m.country and len(countries) == 1:
                m.country = next(iter(countries))
                m.code = join_code(m.country, m.sector)
                m.how += "+entity"


def _unsure_entity(m: ActorMention) -> bool:
    """A name NER found and labelled ORG or NORP, with no dictionary entry to say what it is."""
    return m.how == "entity" and not m.code and m.kind != "person"


def _apposed_head(doc: Doc, tok: Token, drafts: list[Draft], by_head: dict[int, int]) -> int:
    """The token an apposition stands beside. The parser often hangs a name after "the US
    envoy to Syria," on the last noun ("Syria") rather than on the role at the head of the
    phrase; a person's name beside a state or body inside a person's role phrase is that person."""
    host = tok.head
    j = by_head.get(host.i)
    mine = by_head.get(tok.i)
    if (j is None or mine is None or drafts[mine].mention.kind != "person"
            or drafts[j].mention.kind == "person"):
        return host.i
    if host.dep_ == "pobj" and host.head.dep_ == "prep":
        role = by_head.get(host.head.head.i)
        if role is not None and drafts[role].mention.kind == "person" and not drafts[role].plural:
            return host.head.head.i
    return host.i
