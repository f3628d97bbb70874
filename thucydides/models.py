"""Plain data classes passed between the pipeline stages.

Every stage takes and returns these; none of them holds a spaCy object, so a
coded document can be pickled, sent to a Dask worker, stored or serialised.
`to_dict()` gives exactly the shape of the documents contract (FORMAT.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# why["source"] of an actor the act itself implies ("the opposition leader was arrested": the
# authorities); the event coder sets it and the nationality stage places it by country only
IMPLIED_SOURCE = "implied: the authorities"

ACTOR_KINDS = ("state", "person", "organisation", "group")


@dataclass(slots=True)
class Article:
    """One input article. `origin` says where it came from (file and line) for error reports."""

    id: str
    text: str
    date: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""

    def __post_init__(self) -> None:
        # A wrong type here would fail deep inside the coder or the store, far from its cause.
        for name in ("id", "text", "origin"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Article.{name} must be a str, got {type(getattr(self, name)).__name__}")
        for name in ("title", "source", "url"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"Article.{name} must be a str or None, got {type(value).__name__}")
        if self.date is not None and not isinstance(self.date, date):
            hint = " (parse it with thucydides.ingest.parse_date)" if isinstance(self.date, str) else ""
            raise TypeError(f"Article.date must be a datetime.date or None, got "
                            f"{type(self.date).__name__} {self.date!r}{hint}"[:300])


@dataclass(slots=True)
class Reject:
    """An input that could not be coded, with where it came from and why."""

    origin: str
    reason: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "id": self.id, "reason": self.reason}


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class ActorMention:
    """A stretch of text that refers to an actor, resolved to a CAMEO-style code.

    `code` is country + sector codes ("RUSMIL"); unknown parts are None, never
    guessed. Mentions of one real-world entity share `entity`.
    """

    text: str
    start: int
    end: int
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    kind: str | None = None
    entity: int | None = None
    sentence_index: int = 0
    how: str = ""  # the rule that resolved it (dictionary, demonym+agent, coref:pronoun …)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "code": self.code,
            "country": self.country, "sector": self.sector, "name": self.name, "kind": self.kind,
            "entity": self.entity, "sentence_index": self.sentence_index, "how": self.how,
        }


@dataclass(slots=True)
class EventActor:
    """The source or target of an event: the noun phrase in the text plus its code."""

    text: str
    start: int
    end: int
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    entity: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "code": self.code,
            "country": self.country, "sector": self.sector, "name": self.name, "entity": self.entity,
        }

    @classmethod
    def from_mention(cls, mention: ActorMention, span: Span | None = None) -> EventActor:
        where = span or Span(mention.text, mention.start, mention.end)
        return cls(where.text, where.start, where.end, mention.code, mention.country,
                   mention.sector, mention.name, mention.entity)


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    sentence_index: int = 0
    role: str = "mention"  # mention | dateline

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "name": self.name,
            "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon, "country": self.country,
            "feature": self.feature, "sentence_index": self.sentence_index, "role": self.role,
        }


@dataclass(slots=True)
class TimeExpr:
    """A temporal expression normalised to ISO at the precision known (YYYY, YYYY-MM, YYYY-MM-DD)."""

    text: str
    start: int
    end: int
    value: str | None
    sentence_index: int = 0
    kind: str = "date"  # date | range | dateline
    end_value: str | None = None  # for ranges
    # what the value was counted from: explicit (the text names the year) | narrative (a time
    # the text set earlier) | publication (the time of writing) | None (no value)
    value_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "value": self.value,
            "sentence_index": self.sentence_index, "kind": self.kind, "end_value": self.end_value,
            "value_source": self.value_source,
        }


@dataclass(slots=True)
class Speaker:
    text: str
    start: int
    end: int
    code: str | None = None
    name: str | None = None
    entity: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "code": self.code,
                "name": self.name, "entity": self.entity}


@dataclass(slots=True)
class Quote:
    id: str
    speaker: Speaker | None
    cue: Span | None
    content: Span
    kind: str = "direct"  # direct | indirect | according_to
    sentence_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "kind": self.kind,
            "sentence_index": self.sentence_index,
        }


@dataclass(slots=True)
class Plover:
    type: str | None
    mode: str | None = None
    context: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": list(self.context)}


@dataclass(slots=True)
class Mention:
    """Another place in the article where the same happening is reported."""

    sentence_index: int
    trigger: Span

    def to_dict(self) -> dict[str, Any]:
        return {"sentence_index": self.sentence_index, "trigger": self.trigger.to_dict()}


@dataclass(slots=True)
class Event:
    id: str
    sentence_index: int
    trigger: Span
    source: EventActor | None
    target: EventActor | None
    cameo: str
    quad_class: int
    goldstein: float
    plover: Plover
    date: str | None = None
    # where the date came from: explicit | relative-to-narrative | relative-to-publication |
    # publication-fallback | none (see thucydides/times/event_dates.py)
    date_source: str | None = None
    location: Place | None = None
    negated: bool = False
    confidence: float = 0.5
    modality: str = "asserted"  # asserted | intended | hypothetical | questioned | denied | reported
    why: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    quote: str | None = None  # id of the quote that reports it
    # (last, so that the positional order of the fields above stays as it was)
    date_precision: str | None = None  # day | month | year | past (before its narrative, undated) | unknown
    # where the location came from: clause | sentence | passage | dateline | article | none
    location_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentence_index": self.sentence_index,
            "trigger": self.trigger.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover.to_dict(),
            "date": self.date,
            "date_source": self.date_source,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "location_source": self.location_source,
            "negated": self.negated,
            "confidence": round(self.confidence, 3),
            "modality": self.modality,
            "why": self.why,
            "mentions": [m.to_dict() for m in self.mentions],
            "quote": self.quote,
        }


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One coded article: the output of the whole pipeline."""

    id: str
    date: str | None
    text: str
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    coder_version: str = ""

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "date": self.date,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "quotes": [q.to_dict() for q in self.quotes],
            "sentences": [asdict(s) for s in self.sentences],
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "coder_version": self.coder_version,
        }
        if include_text:
            out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> Document:
        """Rebuild a document from `to_dict()` output (used by the store and the cluster path)."""

        def span(d: dict[str, Any] | None) -> Span | None:
            return Span(d["text"], d["start"], d["end"]) if d else None

        def place(d: dict[str, Any] | None) -> Place | None:
            return Place(**d) if d else None

        def actor(d: dict[str, Any] | None) -> EventActor | None:
            return EventActor(**d) if d else None

        events = []
        for e in data.get("events", []):
            events.append(Event(
                id=e["id"], sentence_index=e["sentence_index"], trigger=span(e["trigger"]),  # type: ignore[arg-type]
                source=actor(e.get("source")), target=actor(e.get("target")), cameo=e["cameo"],
                quad_class=e["quad_class"], goldstein=e["goldstein"], plover=Plover(**e["plover"]),
                date=e.get("date"), date_source=e.get("date_source"), date_precision=e.get("date_precision"),
                location=place(e.get("location")), location_source=e.get("location_source"),
                negated=e.get("negated", False), confidence=e.get("confidence", 0.5),
                modality=e.get("modality", "asserted"), why=e.get("why", {}),
                mentions=[Mention(m["sentence_index"], span(m["trigger"])) for m in e.get("mentions", [])],  # type: ignore[arg-type]
                quote=e.get("quote"),
            ))
        quotes = []
        for q in data.get("quotes", []):
            quotes.append(Quote(
                id=q["id"], speaker=Speaker(**q["speaker"]) if q.get("speaker") else None,
                cue=span(q.get("cue")), content=span(q["content"]),  # type: ignore[arg-type]
                kind=q.get("kind", "direct"), sentence_index=q.get("sentence_index", 0),
            ))
        return cls(
            id=data["id"], date=data.get("date"), text=data.get("text", text),
            actors=[ActorMention(**a) for a in data.get("actors", [])],
            events=events,
            places=[Place(**p) for p in data.get("places", [])],
            times=[TimeExpr(**t) for t in data.get("times", [])],
            quotes=quotes,
            sentences=[Sentence(**s) for s in data.get("sentences", [])],
            title=data.get("title"), source=data.get("source"), url=data.get("url"),
            coder_version=data.get("coder_version", ""),
        )
