"""The event lexicon: verb and noun patterns, frames and cue words, loaded from YAML.

Everything the coder knows about words lives in `thucydides/data/events/*.yaml`;
this module reads those files (plus any user `--patterns` files in the same
schema), checks them and compiles them into dict indexes keyed by lemma, so the
coder does one dict lookup per token instead of scanning patterns.

The compiled form (`Lexicon` and its patterns) is described in `thucydides.events.schema`.

Schema (every section optional in a user file):

    verbs:                       # keyed by the verb lemma
      pull:
        - {with: "out of", code: "0874", mode: withdraw}
      carry:
        - {with: "out", obj: "@ATTACK", code: "195"}
    nouns:                       # keyed by the head noun lemma; a multiword key
      air strike:                # ("air strike", "cease-fire") needs its words
        - {code: "195", mode: aerial, target: [on, against]}
    classes:                     # named noun-lemma sets usable as obj: "@NAME"
      TROOPS: [troop, soldier, force]
    support_verbs:               # light verbs whose event-noun object is the event
      carry: ["out"]
    frames: …                    # how a frame verb turns its complement's code
    slots: …                     #   into a new code (see frames.yaml)
    modes: / contexts:           # cue words for PLOVER mode and context
    implicative: [manage, …]     # verbs whose to-infinitive happened ("managed to flee");
                                 # any other infinitive clause is a purpose or plan, not a fact
    lemmas:                      # surface form -> lemma where the sm model errs
      raped: rape                #   ("raped" is lemmatised as "rap", to rebuke)

Pattern fields: code (CAMEO, required), with (particles/prepositions that must
hang off the verb), obj (object head lemmas, @CLASS, an entity type @gpe/@person/@money,
@propn (any proper noun: towns the NER does not know come out as products or people), or
@any: the verb must have some object, as "returned the artefacts" but not "returned home"),
target ("obj", "iobj", "none", or a preposition), frame (a frame name), mode, context (list),
conf (0–1 base confidence), passive (true: only passive uses; false: only active),
if_negated (the code when the verb is negated: not honouring a truce is breaking it, 196),
subj (who may do it: subject head lemmas, @CLASS, @person for a named person, @armed or @irregular
for a force or a non-state armed group the actor layer codes: "troops entered the town" but not
"the senator entered the race"),
as (what the object is named as, by an object predicate or an "as" phrase, its head or a modifier:
"designated the group a terrorist organisation", "listed X as a terrorist group"),
skip (true: a blocking entry, this use of the verb is no event, as a byline's "contributed to this report"),
source ("cause": the subject suffers the event and the source is the actor of the
event noun in its "in/during" phrase, as in "two died in police firing"),
id (defaults to lemma+with+code). Noun patterns may also carry cue (a class: the pattern
applies only when the sentence has a word of it or the noun names a target by preposition) and
unless (a class: the pattern does not apply when the sentence has a word of it), which tell
apart the senses of one noun ("air strikes on X" vs "teachers went on strike").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from thucydides.datafiles import load_yaml
from thucydides.events.schema import Frame, Lexicon, LexiconError, NounPattern, VerbPattern

__all__ = ["DATA_DIR", "NON_AGENT_CLASSES", "Frame", "Lexicon", "LexiconError", "NounPattern", "VerbPattern",
           "default_files", "iter_patterns", "load_lexicon"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
CODE_RE = re.compile(r"^(0[1-9]|1[0-9]|20)\d{0,2}$")
WORD_RE = re.compile(r"^[a-z][a-z'\-\.]*$")
MEMBER_RE = re.compile(r"^([a-z][a-z'\-\.]*|@gpe|@person|@money|@any)$")  # by entity type; @any: any object
ENTITY_MEMBERS = ("@gpe", "@person", "@money", "@any", "@propn")
# doers told by the actor layer or the NER (events/arguments.py)
SUBJECT_MEMBERS = ("@armed", "@irregular", "@person")
VERB_KEYS = {"code", "with", "obj", "target", "frame", "mode", "context", "conf", "passive", "id", "note",
             "source", "if_negated", "skip", "subj", "as"}
NOUN_KEYS = {"code", "target", "source", "frame", "mode", "context", "conf", "id", "note", "neg", "poss",
             "skip", "cue", "unless"}


# Word classes the coder itself reads (nonagents.yaml): harm with no political doer
NON_AGENT_CLASSES = ("NON_AGENTS", "OF_HEADS", "MACHINES", "BLAZES", "ACCIDENT_VERBS", "BLAST_VERBS",
                     "ATTACK_MARKS", "RELIEF")
# a word that marks an attack cannot also be a harmless cause: the rule would depend on file order
NON_AGENT_DOERS = ("NON_AGENTS", "MACHINES", "BLAZES")


# -- YAML with line numbers ---------------------------------------------------------------------
class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:  # PyYAML would silently keep the last one
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads on/off/yes/no as booleans; in a lexicon "on" and "off" are prepositions.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _validator() -> Any:
    """The codebook's `is_valid`, or a syntactic check while the ontology module is missing."""
    try:
        from thucydides import ontology

        return ontology.is_valid
    except ImportError:  # pragma: no cover - only before the ontology lands
        return lambda code: bool(CODE_RE.match(code))


def _line(obj: Any, default: int) -> int:
    return obj.get("__line__", default) if isinstance(obj, dict) else default


class _Builder:
    def __init__(self) -> None:
        self.lex = Lexicon()
        self.valid = _validator()
        self.class_origin: dict[str, tuple[Path, int]] = {}

    def fail(self, path: Path, line: int, reason: str) -> None:
        raise LexiconError(path, line, reason)

    def code(self, path: Path, line: int, raw: Any) -> str:
        if not isinstance(raw, str):
            self.fail(path, line, f"CAMEO code must be a quoted string, got {raw!r}")
        if not CODE_RE.match(raw) or not self.valid(raw):
            self.fail(path, line, f"unknown CAMEO code {raw!r}")
        return raw

    def words(self, path: Path, line: int, raw: Any, what: str) -> tuple[str, ...]:
        if raw is None:
            return ()
        items = raw.split() if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(w, str) and MEMBER_RE.match(w) for w in items):
            self.fail(path, line, f"bad {what} {raw!r}: expected lower-case words")
        return tuple(items)

    def conf(self, path: Path, line: int, raw: Any) -> float:
        if raw is None:
            return 0.6
        if not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
            self.fail(path, line, f"conf must be a number in [0, 1], got {raw!r}")
        return float(raw)

    def context(self, path: Path, line: int, raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(c, str) for c in items):
            self.fail(path, line, f"context must be a word or a list of words, got {raw!r}")
        return tuple(items)

    # -- sections ------------------------------------------------------------------------------
    def add_file(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise LexiconError(path, 0, f"cannot read pattern file: {exc}") from exc
        data = load_yaml(text, path, error=LexiconError, loader=_LineLoader, reason="YAML syntax: {exc}")
        if data is None:
            return
        if not isinstance(data, dict):
            self.fail(path, 1, "top level must be a mapping of sections")
        known = {"verbs", "nouns", "classes", "support_verbs", "frames", "slots", "modes", "contexts",
                 "implicative", "modifiers", "lemmas", "version", "__line__"}
        for key in data:
            if key not in known:
                names = sorted(known - {"__line__"})
                self.fail(path, _line(data, 1), f"unknown section {key!r} (known: {names})")
        # classes first: patterns may refer to them
        for name, members in (data.get("classes") or {}).items():
            if name == "__line__":
                continue
            ln = _line(data.get("classes"), 1)
            self.lex.classes[name] = frozenset(self.words(path, ln, members, f"class {name}"))
            self.class_origin[name] = (path, ln)
        self._slots(path, data.get("slots"))
        self._frames(path, data.get("frames"))
        self._support(path, data.get("support_verbs"))
        self._verbs(path, data.get("verbs"))
        self._nouns(path, data.get("nouns"))
        self._modes(path, data.get("modes"))
        self._contexts(path, data.get("contexts"))
        if data.get("implicative") is not None:
            words = self.words(path, _line(data, 1), data["implicative"], "implicative")
            self.lex.implicative |= frozenset(words)
        self._lemmas(path, data.get("lemmas"))
        for name, mapping in (data.get("modifiers") or {}).items():
            if name == "__line__":
                continue
            ln = _line(mapping, _line(data.get("modifiers"), 1))
            code = self.code(path, ln, name)
            if not isinstance(mapping, dict):
                self.fail(path, ln, f"modifiers of {name!r} must map cue word -> code")
            table = self.lex.modifiers.setdefault(code, {})
            for cue, narrower in mapping.items():
                if cue == "__line__":
                    continue
                self.words(path, ln, [cue], "cue")
                table[cue] = self.code(path, ln, narrower)

    def _lemmas(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        if not isinstance(raw, dict):
            self.fail(path, 1, "lemmas must map a surface form to its lemma")
        ln = _line(raw, 1)
        for form, lemma in raw.items():
            if form == "__line__":
                continue
            if not (isinstance(form, str) and WORD_RE.match(form) and isinstance(lemma, str)
                    and WORD_RE.match(lemma)):
                self.fail(path, ln, f"lemmas: bad entry {form!r}: {lemma!r} (lower-case words)")
            self.lex.lemmas[form] = lemma

    def _slots(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        for code, slot in raw.items():
            if code == "__line__":
                continue
            self.code(path, _line(raw, 1), str(code))
            self.lex.slots[str(code)] = str(slot)

    def _frames(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        for name, spec in raw.items():
            if name == "__line__":
                continue
            ln = _line(spec, _line(raw, 1))
            if not isinstance(spec, dict):
                self.fail(path, ln, f"frame {name!r} must be a mapping")
            default = spec.get("default")
            if default is not None:
                self.code(path, ln, default)
            slots = {}
            for slot, code in (spec.get("slots") or {}).items():
                if slot == "__line__":
                    continue
                slots[str(slot)] = self.code(path, ln, code)
            self.lex.frames[name] = Frame(name, default, slots, bool(spec.get("keep", False)))

    def _support(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        for lemma, particles in raw.items():
            if lemma == "__line__":
                continue
            self.lex.support[lemma] = self.words(path, _line(raw, 1), particles, "particles")

    def _verbs(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        if not isinstance(raw, dict):
            self.fail(path, 1, "verbs must be a mapping lemma -> list of patterns")
        for lemma, plist in raw.items():
            if lemma == "__line__":
                continue
            ln0 = _line(raw, 1)
            if not isinstance(lemma, str) or not WORD_RE.match(lemma):
                self.fail(path, ln0, f"bad verb lemma {lemma!r}")
            if isinstance(plist, dict):
                plist = [plist]
            if not isinstance(plist, list):
                self.fail(path, ln0, f"verb {lemma!r}: expected a list of patterns")
            for spec in plist:
                ln = _line(spec, ln0)
                if not isinstance(spec, dict):
                    self.fail(path, ln, f"verb {lemma!r}: pattern must be a mapping")
                extra = set(spec) - VERB_KEYS - {"__line__"}
                if extra:
                    self.fail(path, ln, f"verb {lemma!r}: unknown field(s) {sorted(extra)}")
                if "code" not in spec:
                    self.fail(path, ln, f"verb {lemma!r}: missing code")
                code = self.code(path, ln, spec["code"])
                words = self.words(path, ln, spec.get("with"), "with")
                obj = self._obj(path, ln, spec.get("obj"))
                subj = self._obj(path, ln, spec.get("subj"), SUBJECT_MEMBERS, "subj")
                label = self._obj(path, ln, spec.get("as"), what="as")
                frame = spec.get("frame")
                if frame is not None and frame not in self.lex.frames:
                    self.fail(path, ln, f"verb {lemma!r}: unknown frame {frame!r}")
                target = spec.get("target")
                if target is not None and not (isinstance(target, str) and WORD_RE.match(target)):
                    self.fail(path, ln, f"verb {lemma!r}: bad target {target!r}")
                if spec.get("source") not in (None, "cause"):
                    self.fail(path, ln, f"verb {lemma!r}: source must be 'cause' (the subject is the victim)")
                passive = spec.get("passive")
                if passive is not None and not isinstance(passive, bool):
                    self.fail(path, ln, f"verb {lemma!r}: passive must be true/false")
                pid = spec.get("id") or "v:" + "_".join((lemma, *words)) + (
                    "+" + "|".join(sorted(obj))[:30] if obj else "") + ":" + code
                self.lex.verbs.setdefault(lemma, []).append(VerbPattern(
                    str(pid), lemma, words, obj, code, target, frame, spec.get("mode"),
                    self.context(path, ln, spec.get("context")), self.conf(path, ln, spec.get("conf")),
                    passive, f"{path.name}:{ln}", spec.get("source"),
                    self.code(path, ln, spec["if_negated"]) if spec.get("if_negated") is not None else None,
                    bool(spec.get("skip", False)), subj, label))

    def _obj(self, path: Path, line: int, raw: Any, special: tuple[str, ...] = ENTITY_MEMBERS,
             what: str = "obj") -> frozenset[str] | None:
        if raw is None:
            return None
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            self.fail(path, line, f"{what} must be a lemma, @CLASS or list, got {raw!r}")
        out: set[str] = set()
        for item in items:
            if not isinstance(item, str):
                self.fail(path, line, f"bad {what} item {item!r}")
            if item in special:
                out.add(item)
            elif item.startswith("@"):
                if item[1:] not in self.lex.classes:
                    self.fail(path, line, f"unknown class {item!r}")
                out |= self.lex.classes[item[1:]]
            elif MEMBER_RE.match(item):
                out.add(item)
            else:
                self.fail(path, line, f"bad {what} item {item!r}")
        return frozenset(out)

    def _nouns(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        if not isinstance(raw, dict):
            self.fail(path, 1, "nouns must be a mapping noun -> list of patterns")
        for key, plist in raw.items():
            if key == "__line__":
                continue
            ln0 = _line(raw, 1)
            if not isinstance(key, str) or not key.strip():
                self.fail(path, ln0, f"bad noun key {key!r}")
            # "cease-fire" is three tokens in spaCy; "air strike" two
            parts = re.findall(r"[a-z0-9']+|-", key.lower())
            if not parts or parts[-1] == "-":
                self.fail(path, ln0, f"bad noun key {key!r}")
            if isinstance(plist, dict):
                plist = [plist]
            if not isinstance(plist, list):
                self.fail(path, ln0, f"noun {key!r}: expected a list of patterns")
            for spec in plist:
                ln = _line(spec, ln0)
                if not isinstance(spec, dict):
                    self.fail(path, ln, f"noun {key!r}: pattern must be a mapping")
                extra = set(spec) - NOUN_KEYS - {"__line__"}
                if extra:
                    self.fail(path, ln, f"noun {key!r}: unknown field(s) {sorted(extra)}")
                if "code" not in spec:
                    self.fail(path, ln, f"noun {key!r}: missing code")
                code = self.code(path, ln, spec["code"])
                frame = spec.get("frame")
                if frame is not None and frame not in self.lex.frames:
                    self.fail(path, ln, f"noun {key!r}: unknown frame {frame!r}")
                target = self.words(path, ln, spec.get("target", ["on", "against"]), "target")
                source = self.words(path, ln, spec.get("source", ["by"]), "source")
                pid = spec.get("id") or f"n:{key}:{code}"
                self.lex.nouns.setdefault(parts[-1], []).append(NounPattern(
                    str(pid), parts[-1], tuple(parts[:-1]), code, target, source, frame,
                    spec.get("mode"), self.context(path, ln, spec.get("context")),
                    self.conf(path, ln, spec.get("conf")), f"{path.name}:{ln}", bool(spec.get("neg", False)),
                    spec.get("poss", "source") == "target", bool(spec.get("skip", False)),
                    self._class(path, ln, key, spec.get("cue")),
                    self._class(path, ln, key, spec.get("unless"))))
                if spec.get("poss", "source") not in ("source", "target"):
                    self.fail(path, ln, f"noun {key!r}: poss must be source or target")

    def _class(self, path: Path, line: int, key: str, raw: Any) -> str | None:
        if raw is None:
            return None
        if not isinstance(raw, str) or raw not in self.lex.classes:
            self.fail(path, line, f"noun {key!r}: cue/unless must name a class, got {raw!r}")
        return raw

    def _modes(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        for ptype, cues in raw.items():
            if ptype == "__line__":
                continue
            if not isinstance(cues, dict):
                self.fail(path, _line(raw, 1), f"modes.{ptype} must map mode -> cue words")
            table = self.lex.modes.setdefault(ptype, {})
            for mode, words in cues.items():
                if mode == "__line__":
                    continue
                for w in self.words(path, _line(cues, 1), words, f"cues of mode {mode}"):
                    table.setdefault(w, mode)

    def _contexts(self, path: Path, raw: Any) -> None:
        if not raw:
            return
        for ctx, words in raw.items():
            if ctx == "__line__":
                continue
            for w in self.words(path, _line(raw, 1), words, f"cues of context {ctx}"):
                self.lex.contexts.setdefault(w, ctx)

    def check_non_agents(self) -> None:
        """The classes of harm without a political doer exist and do not contradict the attack marks."""
        missing = [c for c in NON_AGENT_CLASSES if c not in self.lex.classes]
        if missing:
            self.fail(DATA_DIR / "nonagents.yaml", 0, f"missing word class(es) {missing}")
        path, line = self.class_origin["ATTACK_MARKS"]
        for name in NON_AGENT_DOERS:
            both = self.lex.classes[name] & self.lex.classes["ATTACK_MARKS"]
            if both:
                self.fail(path, line, f"word(s) {sorted(both)} are both in {name} and in ATTACK_MARKS")

    def finish(self) -> Lexicon:
        self.check_non_agents()
        for plist in self.lex.verbs.values():
            plist.sort(key=lambda p: -p.specificity)
        for nlist in self.lex.nouns.values():
            nlist.sort(key=lambda p: -len(p.prefix))
        return self.lex


def default_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The shipped lexicon plus user pattern files (later files add patterns)."""
    return _load(tuple(default_files()) + tuple(Path(p) for p in extra))


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> Lexicon:
    builder = _Builder()
    # frames/slots/classes may be referred to across files: load the shared ones first
    ordered = sorted(paths, key=lambda p: (p.parent != DATA_DIR, p.name != "frames.yaml", str(p)))
    for path in ordered:
        builder.add_file(path)
    return builder.finish()


def iter_patterns(lex: Lexicon) -> Iterable[VerbPattern | NounPattern]:
    for plist in lex.verbs.values():
        yield from plist
    for nlist in lex.nouns.values():
        yield from nlist
