"""Tagging recommendations, findings and actions with themes of a documented taxonomy.

The taxonomy lives in `data/themes.yaml`: each theme has a name, a description and the
patterns that tag a text with it. Patterns are whole-word, case-insensitive regular
expressions, so tagging is fast, offline and explainable: every ABOUT relationship
records the words that matched.

    >>> tagger = ThemeTagger.load()
    >>> [t.theme.name for t in tagger.tag("Ensure that care leavers have up-to-date pathway plans.")]
    ['quality of plans', 'care leavers']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ingest.uids import theme_uid


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy."""

    name: str
    description: str
    patterns: tuple[str, ...]

    @property
    def uid(self) -> str:
        """The Theme node's uid."""
        return theme_uid(self.name)


@dataclass(frozen=True)
class ThemeMatch:
    """A theme found in a text: the words that matched and where."""

    theme: Theme
    matched: str
    start: int
    end: int


class ThemeTagger:
    """Finds the themes a text is about."""

    def __init__(self, themes: list[Theme]) -> None:
        self.themes = themes
        self._regexes = [
            (t, re.compile(r"(?<![\w-])(?:" + "|".join(t.patterns) + r")(?![\w-])", re.IGNORECASE))
            for t in themes
        ]

    @classmethod
    def load(cls) -> ThemeTagger:
        """The taxonomy shipped with the project (cached)."""
        return _default_tagger()

    def tag(self, text: str) -> list[ThemeMatch]:
        """Each theme the text is about, once, with its first match, in taxonomy order."""
        out: list[ThemeMatch] = []
        for theme, regex in self._regexes:
            m = regex.search(text)
            if m:
                out.append(ThemeMatch(theme, m.group(0), m.start(), m.end()))
        return out


@cache
def _default_tagger() -> ThemeTagger:
    raw = yaml.safe_load(resources.files("ingest").joinpath("data/themes.yaml").read_text(encoding="utf-8"))
    return ThemeTagger([Theme(t["name"], t["description"], tuple(t["patterns"])) for t in raw["themes"]])
