"""The indicator read by the trained tagger: a CRF over the characters of a figure's window.

The model file ships in the package (``indicator.crfsuite``, rebuilt by
``scripts/indicator_model.py train``); it is opened on first use, never at import, and
nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from luoshi.errors import ExtractionError
from luoshi.extraction.indicator import trim
from luoshi.extraction.learned.features import char_features
from luoshi.extraction.learned.window import INSIDE, Window, spelled, window

MODEL_FILE = "indicator.crfsuite"


@dataclass(frozen=True, slots=True)
class Reading:
    """The model's indicator for one figure, with the pieces it came from."""

    indicator: str  # the tagged characters, trimmed as the rules trim a phrase
    tagged: str  # the tagged characters as they stand in the text
    confidence: float  # the probability the model gives its whole tag sequence


def model_path() -> Path:
    return Path(str(resources.files("luoshi.extraction.learned").joinpath(MODEL_FILE)))


class IndicatorTagger:
    """A loaded model; ``read`` tags one figure's window."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite  # lazy: only a caller of the model pays for it

        if not path.is_file():
            raise ExtractionError(
                f"the indicator model {path} is missing: rebuild it with "
                "`scripts/indicator_model.py train`"
            )
        self._tagger: Any = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (OSError, ValueError) as error:
            raise ExtractionError(f"the indicator model {path} cannot be read: {error}") from None

    def tags(self, win: Window, rule_indicator: str | None = None) -> tuple[list[str], float]:
        """The window's tags and the probability of that sequence."""
        return self.tags_of(char_features(win, rule_indicator))

    def tags_of(self, features: list[list[str]]) -> tuple[list[str], float]:
        """The tags of a window given as its features, and the probability of that sequence."""
        tags: list[str] = list(self._tagger.tag(features))
        return tags, float(self._tagger.probability(tags))

    def read(
        self, text: str, number_start: int, number_end: int, rule_indicator: str | None = None
    ) -> Reading:
        """The indicator of the figure ``text[number_start:number_end]``; a model trained as a
        second opinion is given the rules' indicator too."""
        win = window(text, number_start, number_end)
        tags, confidence = self.tags(win, rule_indicator)
        tagged = spelled(win, tags) if INSIDE in tags else ""
        return Reading(trim(tagged) or tagged, tagged, confidence)


@lru_cache(maxsize=1)
def tagger() -> IndicatorTagger:
    """The shipped model, opened once."""
    return IndicatorTagger(model_path())
