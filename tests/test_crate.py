"""The zip's RO-Crate (ro-crate-metadata.json): every file described, the version and licence,
the review it derives from; checked offline by roc-validator."""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import requests
import rocrate as rocrate_package
import urllib3
from requests.structures import CaseInsensitiveDict
from requests_cache import CachedSession
from rocrate.rocrate import ROCrate

from exobone.data.version import current
from exobone.publish import exports
from exobone.publish.crate import CRATE_FILE

VALIDATOR = Path(sys.executable).with_name("rocrate-validator")
#: the JSON-LD context the crate names; the rocrate library ships a copy of it
CONTEXT_URL = "https://w3id.org/ro/crate/1.3/context"
CONTEXT_COPY = Path(rocrate_package.__file__).parent / "data" / "ro-crate.jsonld"


@pytest.fixture(scope="module")
def crate_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("crate")
    made = exports.write_exports(out / "exports")
    zipfile.ZipFile(made[exports.PACKAGE_ZIP]).extractall(out / "unzipped")
    return out / "unzipped" / exports.ZIP_FOLDER


def test_the_crate_describes_every_file_of_the_zip_with_version_licence_and_review(crate_dir):
    graph = json.loads((crate_dir / CRATE_FILE).read_text(encoding="utf-8"))["@graph"]
    by_id = {e["@id"]: e for e in graph}
    root, release = by_id["./"], current()
    assert (root["version"], root["datePublished"]) == (release.version, release.released)
    assert root["license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    review = by_id[root["isBasedOn"]["@id"]]
    assert review["@type"] == "ScholarlyArticle" and review["name"].startswith("Wang P")
    on_disk = {p.relative_to(crate_dir).as_posix() for p in crate_dir.rglob("*") if p.is_file()} - {
        CRATE_FILE
    }
    files = {e["@id"]: e for e in graph if e.get("@type") == "File"}
    assert set(files) == on_disk == {part["@id"] for part in root["hasPart"]}
    findings = files["evidence/findings.csv"]
    assert findings["encodingFormat"] == "text/csv" and findings["name"] == "findings"
    assert int(findings["contentSize"]) == (crate_dir / "evidence/findings.csv").stat().st_size
    assert all(e["description"] for e in files.values())
    # the rocrate library reads it back
    loaded = ROCrate(crate_dir)
    assert loaded.root_dataset["version"] == release.version


def _offline_cache(path: Path) -> Path:
    """An HTTP cache holding the RO-Crate context (from the rocrate library's copy), so the
    validator's offline mode needs no network."""
    body = CONTEXT_COPY.read_bytes()
    response = requests.Response()
    response.status_code, response._content, response.url = 200, body, CONTEXT_URL
    response.headers = CaseInsensitiveDict({"Content-Type": "application/ld+json"})
    response.raw = urllib3.HTTPResponse(
        body=io.BytesIO(body),
        headers=dict(response.headers),
        status=200,
        preload_content=False,
        request_url=CONTEXT_URL,
    )
    response.request = requests.Request("GET", CONTEXT_URL).prepare()
    CachedSession(cache_name=str(path), backend="sqlite", expire_after=-1).cache.save_response(
        response
    )
    return path


def _validate(folder: Path, tmp_path: Path) -> dict:
    report = tmp_path / "report.json"
    cache = _offline_cache(tmp_path / "http-cache")
    subprocess.run(
        [
            str(VALIDATOR),
            "-y",
            "--disable-color",
            "validate",
            "--offline",
            "--cache-path",
            str(cache),
            "-p",
            "ro-crate-1.3",
            "-l",
            "required",
            "-f",
            "json",
            "-o",
            str(report),
            str(folder),
        ],
        capture_output=True,
        timeout=600,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def test_roc_validator_offline_accepts_the_crate(crate_dir, tmp_path):
    result = _validate(crate_dir, tmp_path)
    assert result["passed"], [i["message"] for i in result["issues"]][:5]


def test_roc_validator_offline_refuses_a_crate_without_its_root(crate_dir, tmp_path):
    """The check above can fail: a crate whose metadata lose the root dataset is refused."""
    broken = tmp_path / "broken"
    broken.mkdir()
    graph = json.loads((crate_dir / CRATE_FILE).read_text(encoding="utf-8"))
    graph["@graph"] = [e for e in graph["@graph"] if e["@id"] != "./"]
    (broken / CRATE_FILE).write_text(json.dumps(graph), encoding="utf-8")
    assert not _validate(broken, tmp_path)["passed"]
