"""The compiled event lexicon: its patterns, frames and indexes, as the coder reads them.

`thucydides.events.lexicon` reads and checks the YAML files and builds a `Lexicon`; this module
only says what a compiled lexicon holds, so the stages can use it without the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thucydides.datafiles import DataFileError

# noun classes whose members a frame verb carries as its complement (verbs.yaml `classes`)
FRAME_CARRIED_CLASSES = ("AID", "WARFARE")


class LexiconError(DataFileError):
    """A pattern file is malformed; the message names file, line and reason."""


@dataclass(slots=True)
class VerbPattern:
    id: str
    lemma: str
    words: tuple[str, ...]          # particles / prepositions required on the verb
    obj: frozenset[str] | None      # allowed object head lemmas
    code: str
    target: str | None              # None = default (last preposition, else object)
    frame: str | None
    mode: str | None
    context: tuple[str, ...]
    conf: float
    passive: bool | None
    origin: str
    source: str | None = None       # "cause": the source is the actor of the event noun ("died in X")
    neg_code: str | None = None     # the code when the verb is negated ("not honouring a truce" breaks it)
    skip: bool = False              # a blocking entry: the use names no event ("contributed to this report")
    subj: frozenset[str] | None = None   # allowed doers: lemmas, or @armed / @irregular actors
    label: frozenset[str] | None = None  # what the object is named as ("designated X a terrorist group")

    @property
    def specificity(self) -> int:
        return (len(self.words) * 2 + (3 if self.obj is not None else 0) + (2 if self.subj is not None else 0)
                + (3 if self.label is not None else 0))


@dataclass(slots=True)
class NounPattern:
    id: str
    lemma: str                      # head noun lemma (last word of the key)
    prefix: tuple[str, ...]         # lower-case words that must precede the head
    code: str
    target: tuple[str, ...]         # prepositions whose object is the target
    source: tuple[str, ...]         # prepositions whose object is the source ("by")
    frame: str | None
    mode: str | None
    context: tuple[str, ...]
    conf: float
    origin: str
    neg: bool = False               # the noun says the act did not happen ("inaction")
    poss_target: bool = False       # "his arrest": the possessor undergoes the event
    skip: bool = False              # a blocking entry ("cardiac arrest" is no arrest)
    cue: str | None = None          # class: applies only with a word of it in the sentence, or a target
    unless: str | None = None       # class: does not apply with a word of it in the sentence


@dataclass(slots=True)
class Frame:
    """How a frame word (propose, reject, urge, threaten …) recodes its complement."""

    name: str
    default: str | None                         # code when the complement gives no slot
    slots: dict[str, str]                       # slot name -> code
    keep: bool = False                          # True: keep the complement's own code (aspect verbs)


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nouns: dict[str, list[NounPattern]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    support: dict[str, tuple[str, ...]] = field(default_factory=dict)
    frames: dict[str, Frame] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)     # code prefix -> slot name
    modes: dict[str, dict[str, str]] = field(default_factory=dict)  # PLOVER type -> cue -> mode
    contexts: dict[str, str] = field(default_factory=dict)  # cue word -> context
    implicative: frozenset[str] = frozenset()  # verb lemmas whose to-infinitive complement happened
    modifiers: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> cue -> narrower code
    lemmas: dict[str, str] = field(default_factory=dict)  # surface form -> lemma the sm model gets wrong

    def carried_by_frame(self, lemma: str) -> bool:
        """A noun that is an event only under a frame verb ("suspended aid", "ended the war")."""
        return any(lemma in self.classes.get(name, ()) for name in FRAME_CARRIED_CLASSES)

    @property
    def n_patterns(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def codes(self) -> set[str]:
        out = {p.code for ps in self.verbs.values() for p in ps}
        out |= {p.code for ps in self.nouns.values() for p in ps}
        for table in self.modifiers.values():
            out |= set(table.values())
        for fr in self.frames.values():
            out |= set(fr.slots.values())
            if fr.default:
                out.add(fr.default)
        return out

    def slot_of(self, code: str) -> str | None:
        """The slot a code fills (longest prefix in `slots`)."""
        for n in range(len(code), 1, -1):
            slot = self.slots.get(code[:n])
            if slot:
                return slot
        return None

    def recode(self, frame: str, code: str | None) -> str | None:
        """The code of `frame` applied to a complement coded `code` (None: frame default)."""
        fr = self.frames.get(frame)
        if fr is None:
            return code
        if code is None:
            return fr.default
        if fr.keep:
            return code
        slot = self.slot_of(code)
        while slot:
            if slot in fr.slots:
                return fr.slots[slot]
            slot = slot.rpartition(".")[0]
        return fr.default
