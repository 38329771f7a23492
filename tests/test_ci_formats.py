"""The CI formats through the real command: GitHub annotation paths, read
errors as findings in every machine format, UTF-8 output whatever the
locale, and the rdjson (reviewdog) and gitlab (Code Quality) reports."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, wenlint
from jsonschema import Draft7Validator

RDJSON_SCHEMA = Path(__file__).parent / "schemas" / "rdjson.schema.json"
MACHINE_FORMATS = ("json", "json-lines", "sarif", "github", "rdjson", "gitlab")
TEXT = "今天,我们开会。\n"
ANNOTATION = "::warning title=wenlint (M001),file={path},line=1,col=3,endLine=1,endColumn=4::M001 half-width `,` in Chinese text; use `，`"
BINARY_MESSAGE = "binary file (NUL bytes), not text"


def _env(**extra: str) -> dict[str, str]:
    """The environment without the CI variables that choose the repository folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "NO_COLOR")}
    return {**env, **extra}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A real git repository holding ``docs/a.txt`` with one M001 finding."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "wenlint.toml").write_text('select = ["M001"]\n', encoding="utf-8")
    (repo / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    return repo


def _github(*args: str, cwd: Path, env: dict[str, str]) -> list[str]:
    result = wenlint("check", *args, "--output-format", "github", cwd=cwd, env=env)
    assert result.returncode == 1, result.stderr.decode()
    return result.stdout.decode().splitlines()


def test_github_paths_are_relative_to_the_git_top_level(repository: Path):
    expected = [ANNOTATION.format(path="docs/a.txt")]
    assert _github(".", cwd=repository / "docs", env=_env()) == expected  # not ./a.txt
    assert _github(".", cwd=repository, env=_env()) == expected
    absolute = str(repository / "docs" / "a.txt")
    assert _github(absolute, cwd=repository / "docs", env=_env()) == expected


def test_github_paths_follow_github_workspace(repository: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    absolute = str(repository / "docs" / "a.txt")
    env = _env(GITHUB_WORKSPACE=str(repository))
    assert _github(absolute, cwd=elsewhere, env=env) == [ANNOTATION.format(path="docs/a.txt")]


def test_gitlab_paths_follow_ci_project_dir(repository: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    absolute = str(repository / "docs" / "a.txt")
    env = _env(CI_PROJECT_DIR=str(repository))
    result = wenlint("check", absolute, "--output-format", "gitlab", cwd=elsewhere, env=env)
    assert [issue["location"]["path"] for issue in json.loads(result.stdout)] == ["docs/a.txt"]
    inside = wenlint("check", ".", "--output-format", "gitlab", cwd=repository / "docs", env=_env())
    assert [issue["location"]["path"] for issue in json.loads(inside.stdout)] == ["docs/a.txt"]


def _sarif_and_rdjson_paths(*args: str, cwd: Path, env: dict[str, str]) -> tuple[dict, dict, list[str]]:
    """The SARIF run's base URIs, its first result's and its fix's
    artifact locations, and the rdjson paths."""
    sarif = json.loads(wenlint("check", *args, "--output-format", "sarif", cwd=cwd, env=env).stdout)
    (run,) = sarif["runs"]
    (result,) = run["results"]
    artifacts = [
        result["locations"][0]["physicalLocation"]["artifactLocation"],
        result["fixes"][0]["artifactChanges"][0]["artifactLocation"],
    ]
    rdjson = json.loads(wenlint("check", *args, "--output-format", "rdjson", cwd=cwd, env=env).stdout)
    return run["originalUriBaseIds"], artifacts, [d["location"]["path"] for d in rdjson["diagnostics"]]


def test_sarif_and_rdjson_paths_are_relative_to_the_repository(repository: Path, tmp_path: Path):
    at_top = _sarif_and_rdjson_paths(".", cwd=repository, env=_env())
    bases, artifacts, rdjson_paths = at_top
    assert bases == {"%SRCROOT%": {"uri": repository.as_uri() + "/"}}
    assert artifacts == [{"uri": "docs/a.txt", "uriBaseId": "%SRCROOT%"}] * 2
    assert rdjson_paths == ["docs/a.txt"]
    assert _sarif_and_rdjson_paths(".", cwd=repository / "docs", env=_env()) == at_top
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    absolute = str(repository / "docs" / "a.txt")
    assert _sarif_and_rdjson_paths(absolute, cwd=elsewhere, env=_env(GITHUB_WORKSPACE=str(repository))) == at_top
    _, outside, rdjson_outside = _sarif_and_rdjson_paths(absolute, cwd=elsewhere, env=_env())
    assert outside == [{"uri": (repository / "docs" / "a.txt").as_uri()}] * 2 and rdjson_outside == [absolute]


def test_github_paths_outside_a_repository_are_relative_to_the_working_directory(tmp_path: Path):
    (tmp_path / "wenlint.toml").write_text('select = ["M001"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    assert _github(".", cwd=tmp_path, env=_env()) == [ANNOTATION.format(path="sub/a.txt")]


@pytest.fixture
def with_bad_input(tmp_path: Path) -> Path:
    """A folder with a file that has a finding and a binary file."""
    (tmp_path / "wenlint.toml").write_text('select = ["M001"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    return tmp_path


def _errors_of(output: str, output_format: str) -> list[tuple[str, str]]:
    """(path, message) of every read error the report holds, in its own shape."""
    if output_format == "json-lines":
        items = [json.loads(line) for line in output.splitlines()]
    else:
        items = json.loads(output) if output_format != "github" else []
    if output_format in ("json", "json-lines"):
        return [(i["filename"], i["message"]) for i in items if i["code"] == "X002" and i["name"] == "file-error"]
    if output_format == "github":
        prefix = "::error title=wenlint (X002),file="
        lines = [line for line in output.splitlines() if line.startswith(prefix)]
        return [
            (line[len(prefix) : line.index(",line=1,col=1,endLine=1,endColumn=1::")], line.split("::X002 ", 1)[1])
            for line in lines
        ]
    if output_format == "sarif":
        (invocation,) = items["runs"][0]["invocations"]
        return [
            (n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["message"]["text"])
            for n in invocation["toolExecutionNotifications"]
            if n["descriptor"]["id"] == "X002" and n["level"] == "error"
        ]
    if output_format == "rdjson":
        return [
            (d["location"]["path"], d["message"])
            for d in items["diagnostics"]
            if d["code"]["value"] == "X002" and d["severity"] == "ERROR"
        ]
    return [(i["location"]["path"], i["description"][len("X002 ") :]) for i in items if i["check_name"] == "X002"]


@pytest.mark.parametrize("output_format", MACHINE_FORMATS)
def test_a_read_error_is_a_finding_in_every_machine_format(with_bad_input: Path, output_format: str):
    result = wenlint("check", "a.txt", "b.txt", "--output-format", output_format, cwd=with_bad_input, env=_env())
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [f"error: b.txt: {BINARY_MESSAGE}"]
    output = result.stdout.decode()
    assert _errors_of(output, output_format) == [("b.txt", BINARY_MESSAGE)]
    assert "，" in output  # the other file's finding is reported too


def test_a_file_discovery_refuses_is_a_finding_too(with_bad_input: Path):
    os.mkfifo(with_bad_input / "pipe.txt")
    result = wenlint("check", "a.txt", "pipe.txt", "--output-format", "json", cwd=with_bad_input, env=_env())
    assert result.returncode == 2
    (error,) = [item for item in json.loads(result.stdout) if item["code"] == "X002"]
    assert error["filename"] == "pipe.txt" and "not a regular file" in error["message"]
    assert error["location"] == error["end_location"] == {"line": 1, "column": 1}
    assert error["severity"] == "error" and error["fix"] is None


def test_text_formats_leave_read_errors_to_stderr(with_bad_input: Path):
    result = wenlint("check", "a.txt", "b.txt", "--output-format", "concise", cwd=with_bad_input, env=_env())
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [f"error: b.txt: {BINARY_MESSAGE}"]
    assert "X002" not in result.stdout.decode()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize("output_format", MACHINE_FORMATS)
def test_machine_formats_are_utf8_on_any_stdout(with_bad_input: Path, output_format: str, encoding: str):
    env = _env(PYTHONIOENCODING=encoding)
    result = wenlint("check", "a.txt", "--output-format", output_format, cwd=with_bad_input, env=env)
    assert result.returncode == 1, result.stderr.decode()
    assert "，" in result.stdout.decode("utf-8")


def test_the_diff_and_fixed_standard_input_are_utf8_on_any_stdout(with_bad_input: Path):
    env = _env(PYTHONIOENCODING="cp1252")
    diff = wenlint("check", "a.txt", "--diff", cwd=with_bad_input, env=env)
    assert diff.returncode == 1, diff.stderr.decode()
    assert "+今天，我们开会。" in diff.stdout.decode("utf-8").splitlines()
    fixed = wenlint("check", "-", "--fix", cwd=with_bad_input, env=env, stdin=TEXT.encode("utf-8"))
    assert fixed.returncode == 0, fixed.stderr.decode()
    assert fixed.stdout.decode("utf-8") == "今天，我们开会。\n"


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_text_formats_degrade_on_a_stdout_that_is_not_utf8(with_bad_input: Path, output_format: str):
    env = _env(PYTHONIOENCODING="cp1252")
    result = wenlint("check", "a.txt", "--output-format", output_format, cwd=with_bad_input, env=env)
    assert result.returncode == 1, result.stderr.decode()
    assert not result.stderr
    assert "use `\\uff0c`" in result.stdout.decode("cp1252")


def test_file_listings_and_clean_degrade_on_a_stdout_that_is_not_utf8(with_bad_input: Path):
    env = _env(PYTHONIOENCODING="cp1252")
    (with_bad_input / "中文.txt").write_text(TEXT, encoding="utf-8")
    for flag in ("--show-files", "--show-settings"):
        result = wenlint("check", "中文.txt", flag, cwd=with_bad_input, env=env)
        assert (result.returncode, result.stderr) == (0, b""), result.stderr.decode()
        assert "\\u4e2d\\u6587.txt" in result.stdout.decode("cp1252")
    cleaned = wenlint("clean", "--cache-dir", "缓存", cwd=with_bad_input, env=env)
    assert (cleaned.returncode, cleaned.stderr) == (0, b""), cleaned.stderr.decode()
    assert cleaned.stdout.decode("cp1252") == "no cache at \\u7f13\\u5b58\n"


def test_the_scan_report_degrades_on_a_stdout_that_is_not_utf8(tmp_path: Path):
    (tmp_path / "wenlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "shard.jsonl").write_text(json.dumps({"id": 1, "text": TEXT}) + "\n", encoding="utf-8")
    env = _env(PYTHONIOENCODING="cp1252")
    result = wenlint("scan", "shard.jsonl", "-o", "输出.jsonl", "--workers", "1", cwd=tmp_path, env=env)
    assert (result.returncode, result.stderr) == (0, b""), result.stderr.decode()
    assert "summary: \\u8f93\\u51fa" in result.stdout.decode("cp1252")
    assert (tmp_path / "输出.jsonl").is_file()


# -- rdjson and gitlab over the seeds (three runs of check: slow) ---------------------


@pytest.fixture(scope="module")
def seed_reports() -> dict[str, object]:
    reports = {}
    for output_format in ("json", "rdjson", "gitlab"):
        result = wenlint("check", "seeds/", "--output-format", output_format, cwd=ROOT, env=_env())
        assert result.returncode == 1, result.stderr.decode()
        reports[output_format] = json.loads(result.stdout)
    return reports


@pytest.fixture(scope="module")
def rdjson_validator() -> Draft7Validator:
    schema = json.loads(RDJSON_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


@pytest.mark.slow
def test_rdjson_validates_against_reviewdogs_schema(seed_reports, rdjson_validator: Draft7Validator):
    errors = [f"{e.json_path}: {e.message}" for e in rdjson_validator.iter_errors(seed_reports["rdjson"])][:10]
    assert not errors, errors
    assert len(seed_reports["rdjson"]["diagnostics"]) == len(seed_reports["json"])


@pytest.mark.slow
def test_the_rdjson_schema_check_is_not_vacuous(seed_reports, rdjson_validator: Draft7Validator):
    broken = json.loads(
        json.dumps({**seed_reports["rdjson"], "diagnostics": seed_reports["rdjson"]["diagnostics"][:3]})
    )
    first = broken["diagnostics"][0]
    first["severity"] = "warning"  # the enum is upper case
    first["location"]["range"]["start"]["line"] = 0  # lines start at 1
    first["rule"] = first.pop("code")  # reviewdog refuses unknown fields
    failed = {e.validator for e in rdjson_validator.iter_errors(broken)}
    assert {"enum", "minimum", "additionalProperties"} <= failed


@pytest.mark.slow
def test_rdjson_columns_count_utf8_bytes_and_fixes_are_suggestions(seed_reports):
    texts: dict[str, list[str]] = {}
    pairs = zip(seed_reports["rdjson"]["diagnostics"], seed_reports["json"], strict=True)
    for diagnostic, finding in pairs:
        path = finding["filename"]
        lines = texts.setdefault(path, (ROOT / path).read_text(encoding="utf-8").split("\n"))
        start = diagnostic["location"]["range"]["start"]
        line = lines[start["line"] - 1]
        assert start["column"] == len(line[: finding["location"]["column"] - 1].encode("utf-8")) + 1
        assert diagnostic["code"]["value"] == finding["code"]
        assert diagnostic["severity"] == finding["severity"].upper()
        if "suggestions" in diagnostic:
            assert [s["text"] for s in diagnostic["suggestions"]] == [e["content"] for e in finding["fix"]["edits"]]
    assert any(d.get("suggestions") for d in seed_reports["rdjson"]["diagnostics"])


@pytest.mark.slow
def test_gitlab_issues_have_the_documented_fields(seed_reports):
    issues = seed_reports["gitlab"]
    assert len(issues) == len(seed_reports["json"])
    for issue, finding in zip(issues, seed_reports["json"], strict=True):
        assert issue["description"] == f"{finding['code']} {finding['message']}"
        assert issue["check_name"] == finding["code"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == finding["filename"]  # relative to the repository
        assert issue["location"]["lines"]["begin"] == finding["location"]["line"]
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab shows one issue per fingerprint


@pytest.mark.slow
def test_gitlab_fingerprints_are_stable(seed_reports, tmp_path: Path):
    again = wenlint("check", "seeds/", "--output-format", "gitlab", cwd=ROOT, env=_env())
    assert [i["fingerprint"] for i in json.loads(again.stdout)] == [i["fingerprint"] for i in seed_reports["gitlab"]]
