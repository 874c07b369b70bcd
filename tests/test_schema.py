"""The JSON Schemas shipped beside the data are the model's own, and the data passes them."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from helpers import DATA

from seven_features.corpus import validation


@pytest.mark.parametrize("which", ["framework", "evidence"])
def test_shipped_schema_is_current(which: str) -> None:
    shipped = json.loads((DATA / f"{which}.schema.json").read_text(encoding="utf-8"))
    assert shipped == validation.json_schema(which), (
        f"regenerate: sevenf schema {which} > data/{which}.schema.json"
    )


@pytest.mark.parametrize("which", ["framework", "evidence"])
def test_data_names_its_schema_and_passes_it(which: str) -> None:
    text = (DATA / f"{which}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={which}.schema.json"
    jsonschema.validate(yaml.safe_load(text), validation.json_schema(which))


def test_schema_rejects_what_the_model_rejects() -> None:
    data = yaml.safe_load((DATA / "evidence.yaml").read_text(encoding="utf-8"))
    data["quotes"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, validation.json_schema("evidence"))
