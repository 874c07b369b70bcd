"""The TypedDicts the queries are checked against say what the validated data really holds.

`records.py` mirrors `model.py` by hand (it must cost nothing to import); these tests
hold the two together, so a field added to the model without its TypedDict, or a
TypedDict key the model does not have, fails here and not at run time.
"""

from __future__ import annotations

import inspect
from typing import Any, get_args, get_origin, get_type_hints

import pytest
from pydantic import BaseModel

from seven_features.corpus import local, model, records
from seven_features.corpus.indexed import Corpus

MODELS = {
    name: cls
    for module in (model, local)
    for name, cls in inspect.getmembers(module, inspect.isclass)
    if issubclass(cls, BaseModel) and cls.__module__ == module.__name__
}
# Bases, not records of their own.
ABSTRACT = {"Strict", "Recorded", "_Record", "_Linked"}
#: Fields a model reads that its records never hold: an example's mark, refused at load.
UNKEPT = {"example"}


def keys(typed: Any) -> set[str]:
    return set(typed.__required_keys__) | set(typed.__optional_keys__)


@pytest.mark.parametrize("name", sorted(set(MODELS) - ABSTRACT))
def test_every_model_has_a_typeddict_with_its_fields(name: str) -> None:
    typed = getattr(records, name, None)
    assert typed is not None, f"records.py has no TypedDict for model.{name}"
    assert keys(typed) == set(MODELS[name].model_fields) - UNKEPT


def test_every_typeddict_mirrors_a_model() -> None:
    typed = {
        name
        for name, value in vars(records).items()
        if isinstance(value, type) and hasattr(value, "__required_keys__")
    }
    # Data: the two files together, which no model names; Citation, Basis and Link: what the
    # corpus works out from the records (a footnote resolved, the feature-project links).
    # LocalFile: a local evidence file with the name it was given by.
    assert typed - set(MODELS) == {"Data", "Citation", "Basis", "Link", "LocalFile"}


def test_figure_kinds_match_the_models() -> None:
    union = get_type_hints(records.Finding)["figures"]
    assert get_origin(union) is list
    kinds = {get_args(get_type_hints(t)["kind"])[0] for t in get_args(get_args(union)[0])}
    models = {
        get_args(cls.model_fields["kind"].annotation)[0]
        for cls in MODELS.values()
        if cls.__name__.endswith("Figure")
    }
    assert kinds == models


@pytest.mark.parametrize(
    "which",
    ["corpus", "small_corpus"],
    ids=["shipped-data-through-the-cache", "minimal-pair-straight-from-the-model"],
)
def test_the_records_have_exactly_the_typed_keys(
    which: str, request: pytest.FixtureRequest
) -> None:
    corpus: Corpus = request.getfixturevalue(which)
    checks: list[tuple[Any, list[Any]]] = [
        (records.Feature, list(corpus.features)),
        (records.Outcome, list(corpus.outcomes)),
        (records.Enabler, corpus.enablers),
        (records.Source, list(corpus.sources.values())),
        (records.Footnote, list(corpus.footnotes.values())),
        (records.Project, list(corpus.projects.values())),
        (records.Finding, list(corpus.findings)),
        (records.Quote, list(corpus.quotes)),
        (records.Document, [corpus.document]),
        (records.Programme, [corpus.programme]),
        (records.Table, [corpus.table]),
    ]
    for typed, found in checks:
        assert found, typed.__name__
        for record in found:
            assert set(record) == keys(typed), (typed.__name__, set(record) ^ keys(typed))
