"""Files of data/ replaced together or not at all (exobone/curate/transaction.py), and the
study file's keys made from the schemas (exobone/curate/study_input.py)."""

import csv
import io
import json
import os

import pytest

from exobone.curate import add_study, transaction
from exobone.curate.check_data import main as validate_main
from tests.test_hostile_contributions import TEXT, edit, tree


def _contents(data_dir):
    """New contents for three files (each gets one more line)."""
    names = ["errata.csv", "vocab/cells.csv", "vocab/effects.csv"]
    return {data_dir / n: (data_dir / n).read_bytes() + b"x,y\n" for n in names}


def test_a_commit_replaces_every_file_and_leaves_no_journal(data_copy):
    contents = _contents(data_copy)
    transaction.commit(data_copy, contents)
    assert all(path.read_bytes() == data for path, data in contents.items())
    assert not transaction.journal_dir(data_copy).exists()


def test_an_error_while_replacing_restores_every_file(data_copy, monkeypatch):
    before = tree(data_copy)
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the third file cannot be replaced
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(transaction.os, "replace", failing_replace)
    with pytest.raises(transaction.TransactionError, match="every file was restored"):
        transaction.commit(data_copy, _contents(data_copy))
    monkeypatch.undo()
    assert tree(data_copy) == before
    assert not transaction.journal_dir(data_copy).exists()


def test_validate_undoes_what_a_killed_commit_left(data_copy, capsys):
    before = tree(data_copy)
    contents = _contents(data_copy)
    journal = transaction.journal_dir(data_copy)
    pending = transaction._prepare(journal, data_copy, contents)
    os.rename(pending, journal / transaction.APPLYING)
    first = next(iter(contents))
    os.replace(journal / transaction.APPLYING / "new-0", first)  # killed after one rename
    assert tree(data_copy) != before
    assert validate_main(["--root", str(data_copy.parent)]) == 0
    assert "recovered: an interrupted add-study was undone" in capsys.readouterr().err
    assert tree(data_copy) == before and not journal.exists()


def test_a_journal_killed_before_the_commit_point_is_dropped(data_copy):
    before = tree(data_copy)
    transaction._prepare(transaction.journal_dir(data_copy), data_copy, _contents(data_copy))
    assert transaction.recover(data_copy) == ""
    assert tree(data_copy) == before and not transaction.journal_dir(data_copy).exists()


def _add_field(data_dir, resource: str, spec: dict) -> None:
    """A new optional column at the end of a resource (as issue 26 adds optional fields)."""
    schema_path = data_dir / "schemas" / f"{resource}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"].append(spec)
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    rel = next(r["path"] for r in package["resources"] if r["name"] == resource)
    path = data_dir / rel
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    records = [records[0] + [spec["name"]]] + [r + [""] for r in records[1:]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_field_added_to_a_schema_is_a_key_of_the_study_file(data_copy, tmp_path):
    _add_field(data_copy, "findings", {"name": "assay", "type": "string"})
    _add_field(
        data_copy,
        "added_references",
        {"name": "volume", "type": "integer", "constraints": {"minimum": 1}},
    )
    study = tmp_path / "study.toml"
    study.write_text(
        edit(
            '\nsource = "serum"',
            '\nsource = "serum"\nassay = "ALP staining"',
            "year =",
            "volume = 7\nyear =",
        ),
        encoding="utf-8",
    )
    assert add_study.main([str(study), "--root", str(data_copy.parent)]) == 0
    findings = (data_copy / "evidence" / "findings.csv").read_text(encoding="utf-8")
    assert findings.splitlines()[-1].endswith(",ALP staining")
    refs = (data_copy / "added" / "references.csv").read_text(encoding="utf-8")
    assert refs.splitlines()[0].endswith(",volume") and refs.splitlines()[-1].endswith(",7")
    # and the new key is typed: text where the schema says integer is refused
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(
        edit(
            "example.2025.0001", "example.2025.0002", "year =", 'volume = "seven"\nyear ='
        ).replace("Serum exosomes from exercised", "Other"),
        encoding="utf-8",
    )
    assert add_study.main([str(wrong), "--root", str(data_copy.parent)]) == 1


def test_the_example_still_adds_without_the_new_fields(data_copy, tmp_path):
    study = tmp_path / "study.toml"
    study.write_text(TEXT, encoding="utf-8")
    assert add_study.main([str(study), "--root", str(data_copy.parent)]) == 0


def test_a_signal_swallowed_by_a_finaliser_is_delivered_again(capfd):
    """SIGTERM whose exception lands in a finaliser (where Python prints 'Exception ignored'
    with a traceback and goes on) still ends the run, without a traceback."""
    import os
    import signal
    import time

    class Finaliser:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler runs here, inside the finaliser

    with pytest.raises(KeyboardInterrupt), transaction.signals_raise():
        Finaliser()  # dropped at once: its finaliser runs now
        for _ in range(200):
            time.sleep(0.01)
    assert "Traceback" not in capfd.readouterr().err
