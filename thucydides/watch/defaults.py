"""The watcher's default limits, in a module of their own so that the CLI can show them in its help
without importing urllib and the rest of the watcher on every start."""

DEFAULT_TIMEOUT_S = 30.0  # one HTTP request, the whole answer included
DEFAULT_MAX_BYTES = 10_000_000  # a feed, a page or a JSONL line; more is no news article
DEFAULT_INTERVAL = "15m"
