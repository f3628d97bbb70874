"""Request bodies of the HTTP API, and how their validation problems are reported."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from thucydides.ingest import DateError, parse_date
from thucydides.models import Article

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


class ArticleIn(BaseModel):
    """One article to code. Unknown fields are ignored: a line of an articles JSONL file can be sent as is."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    id: str | None = Field(None, max_length=200, description="Your id; default: a hash of the text.")
    text: str = Field(
        ..., min_length=1, description="The article text (offsets in the result count its characters)."
    )
    date: str | None = Field(
        None,
        description="Publication date YYYY-MM-DD; resolves 'Friday', 'last week' …",
        examples=["2016-05-20"],
    )
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500, description="Publisher.")
    url: str | None = Field(None, max_length=2000)

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value

    @field_validator("date")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        try:
            parsed = parse_date(value)
        except DateError as exc:
            raise ValueError(str(exc)) from None
        return parsed.isoformat() if parsed else None

    def to_article(self, position: int) -> Article:
        ident = self.id or "a-" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]
        pub: date | None = parse_date(self.date)
        return Article(
            id=ident,
            text=self.text,
            date=pub,
            title=self.title,
            source=self.source,
            url=self.url,
            origin=f"<request>[{position}]",
        )


# Shown in the OpenAPI document: the body is read by hand (see `parse_articles`) so that
# an error names one field instead of every branch of a union.
CODE_BODY_SCHEMA: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/ArticleIn"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                ]
            },
            "example": {
                "id": "a1",
                "date": "2024-03-08",
                "title": "Ankara turns down Moscow's offer",
                "text": "Turkey on Friday rejected a Russian proposal to conduct joint air raids.",
            },
        },
        "text/plain": {
            "schema": {"type": "string"},
            "example": "Turkey on Friday rejected a Russian proposal.",
        },
    },
}


class BodyProblem(Exception):
    """A request body that cannot be used; `problems` lists (field, problem) pairs."""

    def __init__(self, problems: Sequence[tuple[str, str]]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{f}: {p}" for f, p in self.problems))


def field_path(loc: Sequence[Any]) -> str:
    """('body', 0, 'text') -> 'body[0].text'; ('query', 'limit') -> 'query.limit'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "body"


def problems_of(exc: ValidationError, prefix: Sequence[Any]) -> list[tuple[str, str]]:
    out = []
    for err in exc.errors(include_url=False):
        message = str(err.get("msg", "invalid"))
        message = message.removeprefix("Value error, ")
        out.append((field_path([*prefix, *err.get("loc", ())]), message))
    return out


def parse_articles(payload: Any, max_articles: int) -> tuple[list[ArticleIn], bool]:
    """The articles of a decoded JSON body, and whether it was a list. Raises BodyProblem."""
    if isinstance(payload, dict):
        try:
            return [ArticleIn.model_validate(payload)], False
        except ValidationError as exc:
            raise BodyProblem(problems_of(exc, ["body"])) from None
    if isinstance(payload, list):
        if not payload:
            raise BodyProblem([("body", "the list of articles is empty")])
        if len(payload) > max_articles:  # checked by the caller for a 413; kept here for direct use
            raise BodyProblem([("body", f"{len(payload)} articles; at most {max_articles} per request")])
        items, problems = [], []
        for i, item in enumerate(payload):
            if not isinstance(item, dict):
                problems.append((f"body[{i}]", f"must be an article object, got {type(item).__name__}"))
                continue
            try:
                items.append(ArticleIn.model_validate(item))
            except ValidationError as exc:
                problems.extend(problems_of(exc, ["body", i]))
        seen: dict[str, int] = {}
        for i, art in enumerate(items):
            if art.id is not None and art.id in seen and not problems:
                problems.append((f"body[{i}].id", f"duplicate id {art.id!r} (also body[{seen[art.id]}])"))
            if art.id is not None:
                seen.setdefault(art.id, i)
        if problems:
            raise BodyProblem(problems[:50])
        return items, True
    raise BodyProblem(
        [("body", f'must be an article object {{"text": …}} or a list of them, got {type(payload).__name__}')]
    )
