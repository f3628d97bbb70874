"""What to do with each new entry of a poll, and, once coded, what became of it.

Before any page is fetched or article coded (`triage`): entries the store has settled are dropped;
an entry whose canonical URL or text is already stored, or came earlier in this poll, is a copy of
that article (one article, one more source); the rest are coded, or have their page fetched first.
After coding (`Plan.resolve`), in the source's order, the text is checked again (a fetched page may
repeat a stored story) and the outcome is ready to commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.models import Article, Document, Reject
from thucydides.watch.entries import Entry, Source
from thucydides.watch.ledger import Ledger, Outcome
from thucydides.watch.urls import canonical_url, content_hash

# code: its text is here; fetch: its page first; defer: the page could not be had, ask again next
# poll; duplicate: a stored article's copy; same-as: a copy of an earlier entry of this poll;
# reject: cannot be coded; read: a settled file (no article of its own).
ACTIONS = ("code", "fetch", "defer", "duplicate", "same-as", "reject", "read")


@dataclass(slots=True, eq=False)
class Plan:
    entry: Entry
    action: str
    article: Article | None = None
    reject: Reject | None = None
    duplicate_of: str | None = None
    why: str = ""
    first: Plan | None = None
    canonical: str | None = None
    chash: str | None = None
    changed: bool = False  # a new version of an article this entry delivered before (a rewritten file)
    result: Document | Reject | None = None
    outcome: Outcome | None = None

    @property
    def origin(self) -> str:
        item = self.article or self.entry.article or self.entry.reject
        return item.origin if item is not None else self.entry.key

    @property
    def article_id(self) -> str | None:
        item = self.article or self.entry.article
        return item.id if item is not None else None

    def take(self, got: Article | Reject) -> None:
        """The fetched page's article (now to be coded), or the reason there is none."""
        if isinstance(got, Reject):
            self.action, self.reject = "reject", got
        else:
            self.action, self.article = "code", got
            self.chash = content_hash(got.text)

    def resolve(self, ledger: Ledger) -> Outcome | None:
        """What became of the entry, for the ledger; None when an earlier copy it follows was put off."""
        self.outcome = self._outcome(ledger)
        return self.outcome

    def _outcome(self, ledger: Ledger) -> Outcome | None:
        entry, keys = self.entry, {"canonical_url": self.canonical, "content_hash": self.chash}
        if self.action == "read":
            return Outcome(entry, "read")
        if self.action == "reject" and self.reject is not None:
            return Outcome(entry, "rejected", reason=self.reject.reason, **keys)
        if self.action == "duplicate":
            return Outcome(entry, "duplicate", article_id=self.duplicate_of, reason=self.why, **keys)
        if self.action == "same-as" and self.first is not None:
            first = self.first.outcome
            if first is None:
                return None
            if first.outcome in ("coded", "duplicate"):
                return Outcome(entry, "duplicate", article_id=first.article_id,
                               reason=f"{self.why} {self.first.origin}", **keys)
            self.reject = Reject(self.origin, f"{self.why} {self.first.origin}, which was rejected: "
                                              f"{first.reason}", self.article_id)
            return Outcome(entry, "rejected", reason=self.reject.reason, **keys)
        if isinstance(self.result, Reject):
            self.reject = self.result
            return Outcome(entry, "rejected", reason=self.result.reason, **keys)
        if isinstance(self.result, Document) and self.article is not None:
            found = ledger.same_text(self.chash or "", _sha256(self.article.text))
            if found is not None and not (self.changed and found == self.article.id):
                return Outcome(entry, "duplicate", article_id=found, reason="same text as a stored article",
                               **keys)
            holder = None if self.changed else ledger.holder(self.article.id)
            if holder is not None:  # another article under this id: replacing it would lose it unseen
                self.reject = Reject(self.origin, f"id {self.article.id!r} is already used by another stored "
                                                  f"article (from {holder}); give this one an id of its own",
                                     self.article.id)
                return Outcome(entry, "rejected", reason=self.reject.reason, **keys)
            return Outcome(entry, "coded", article_id=self.result.id, **keys)
        raise RuntimeError(f"entry {entry.key!r} left in state {self.action!r}")  # a bug, not bad input


def triage(ledger: Ledger, source: Source, entries: list[Entry]) -> list[Plan]:
    """A plan for each entry the store has not settled, in the source's order."""
    stored = ledger.fingerprints(source, [e.key for e in entries])
    by_url: dict[str, Plan] = {}
    by_text: dict[str, Plan] = {}
    plans = []
    for entry in entries:
        if entry.key in stored and stored[entry.key] == entry.fingerprint:
            continue
        plan = Plan(entry, "read", changed=entry.versioned and entry.key in stored)
        plans.append(plan)
        if entry.reject is not None:
            plan.action, plan.reject = "reject", entry.reject
        elif entry.article is not None:
            _by_url(ledger, plan, by_url)
            if plan.action == "code":
                _by_text(ledger, plan, by_text)
    return plans


def _by_url(ledger: Ledger, plan: Plan, seen: dict[str, Plan]) -> None:
    entry = plan.entry
    assert entry.article is not None
    plan.canonical = canonical_url(entry.url)
    first = seen.get(plan.canonical) if plan.canonical else None
    if first is not None:
        plan.action, plan.first, plan.why = "same-as", first, "same URL as"
        return
    if plan.canonical:
        seen[plan.canonical] = plan
    found = ledger.same_url(plan.canonical, entry.url)
    if found is not None and not (plan.changed and found == entry.article.id):
        plan.action, plan.duplicate_of, plan.why = "duplicate", found, "same URL as a stored article"
    elif entry.link is not None:
        plan.action = "fetch"
    else:
        plan.action, plan.article = "code", entry.article


def _by_text(ledger: Ledger, plan: Plan, seen: dict[str, Plan]) -> None:
    assert plan.article is not None
    plan.chash = content_hash(plan.article.text)
    first = seen.get(plan.chash)
    if first is not None:
        plan.action, plan.first, plan.why = "same-as", first, "same text as"
        return
    seen[plan.chash] = plan
    found = ledger.same_text(plan.chash, _sha256(plan.article.text))
    if found is not None and not (plan.changed and found == plan.article.id):
        plan.action, plan.duplicate_of, plan.why = "duplicate", found, "same text as a stored article"


def _sha256(text: str) -> str | None:
    from thucydides.store.flatten import text_sha256

    return text_sha256(text)
