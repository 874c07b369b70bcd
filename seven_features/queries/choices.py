"""The choices the queries take, named once for the queries and the command line, which
offers them without importing the queries themselves (a kept answer needs none of them)."""

from __future__ import annotations

#: How `findings --feature` selects: the findings printed in the feature's section, or
#: the findings of the projects the document links to it.
VIA = ("section", "projects")
#: What the evidence map's rows are.
MAP_BY = ("feature", "project", "feature-project")
#: The most hits a search lists.
MOST_HITS = 1000
#: The sections of a brief, in the order it holds them.
SECTIONS = ("definition", "differences", "pitfalls", "quotes", "findings", "projects", "sources")
#: The commands whose --json `sevenf schema` describes (`queries/schemas.py`).
ANSWERS = (
    "about",
    "features",
    "outcomes",
    "enablers",
    "projects",
    "sources",
    "footnotes",
    "table",
    "feature",
    "outcome",
    "enabler",
    "project",
    "source",
    "quotes",
    "pitfalls",
    "findings",
    "map",
    "search",
    "validate",
    "brief",
)
