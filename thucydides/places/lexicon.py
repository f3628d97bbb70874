"""What the place stage knows of English: demonyms (`data/places/demonyms.tsv`) and the word
lists of `data/words/places.yaml`."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from thucydides.datafiles import content_lines
from thucydides.places.build import DATA_DIR, PlacesDataError
from thucydides.places.names import norm
from thucydides.wordlists import word_list, word_set

DEMONYMS_FILE = DATA_DIR / "demonyms.tsv"

LOC_PREPS = word_set("places", "loc_preps")
NOT_LOCATIVE_ALONE = word_set("places", "not_locative_alone")
SOURCE_PREPOSITIONS = word_set("places", "source_prepositions")
LOC_NOUNS = word_set("places", "loc_nouns")
AGENT_NOUNS = word_set("places", "agent_nouns")
TERRITORIAL_VERBS = word_set("places", "territorial_verbs")
GENERIC_WORDS = word_set("places", "generic_words")
BORDER_WORDS = word_set("places", "border_words")
ADMIN_SUFFIXES = word_list("places", "admin_suffixes")
NAME_PARTICLES = word_set("places", "name_particles")
NAME_JOINERS = word_set("places", "name_joiners")


def load_demonyms(path: Path = DEMONYMS_FILE) -> dict[str, str]:
    out: dict[str, str] = {}
    header = False
    with path.open(encoding="utf-8") as fh:
        for lineno, line in content_lines(fh):
            cells = line.split("\t")
            if not header:
                if cells != ["adjective", "iso3"]:
                    raise PlacesDataError(path, lineno, "header must be adjective/iso3")
                header = True
                continue
            if len(cells) != 2 or not re.fullmatch(r"[A-Z]{3}", cells[1]):
                raise PlacesDataError(path, lineno, f"expected 'adjective<TAB>ISO3', got {line!r}")
            out[norm(cells[0])] = cells[1]
    return out


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (normalised) -> ISO3 country, read once per process."""
    return load_demonyms()
