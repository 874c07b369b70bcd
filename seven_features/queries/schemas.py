"""The JSON Schema of each command's `--json`, made from the result types in `results.py`.

pydantic reads the TypedDicts a command's query returns (`TypeAdapter(...).json_schema()`),
so a schema cannot drift from what `--json` prints. Every object is closed
(`additionalProperties: false`): a key added or renamed is a change of shape. The
schema's `$id` ends in the first 16 hex digits of the SHA-256 of the schema itself
(keys sorted), so it changes exactly when the shape does; scripts can pin it.
Only `sevenf schema COMMAND` imports this module: it imports pydantic and typing.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from seven_features.queries.choices import ANSWERS


def _types() -> dict[str, Any]:
    """Each command's name -> the type of what its --json prints (a list for several REFs)."""
    from seven_features.queries import results as r

    feature = r.FeatureView | r.FeatureEvidenceView
    outcome = r.OutcomeView | r.OutcomeEvidenceView
    return {
        "about": r.AboutView,
        "features": r.FeaturesView,
        "outcomes": r.OutcomesView | r.ChartView,
        "enablers": r.EnablersView,
        "projects": r.ProjectsView,
        "sources": r.SourcesView,
        "footnotes": r.FootnotesView,
        "table": r.TableView,
        "feature": feature | list[feature],
        "outcome": outcome | list[outcome],
        "enabler": r.EnablerView,
        "project": r.ProjectView | r.LocalProjectView | list[r.ProjectView | r.LocalProjectView],
        "source": r.SourceView,
        "quotes": r.QuotesView,
        "pitfalls": r.PitfallsView,
        "findings": r.FindingsView,
        "map": r.MapView,
        "search": r.SearchView,
        "validate": r.ValidateView,
        "brief": r.BriefView,
    }


def _closed(node: object) -> None:
    """Every object with named properties takes no others."""
    if isinstance(node, dict):
        if "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


def version(schema: dict[str, Any]) -> str:
    """The shape's version: 16 hex digits of the SHA-256 of the schema without its `$id`."""
    body = {k: v for k, v in schema.items() if k != "$id"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:16]


def answer_schema(command: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what `sevenf COMMAND --json` prints."""
    from pydantic import TypeAdapter

    from seven_features.interrupts import deferred

    assert command in ANSWERS, command
    with deferred():
        made = TypeAdapter(_types()[command]).json_schema(mode="serialization")
    _closed(made)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **made,
        "title": f"sevenf {command} --json",
        "description": f"What `sevenf {command} --json` prints; $id ends in the shape's version.",
    }
    return {"$id": f"urn:sevenf:answer:{command}:{version(schema)}", **schema}
