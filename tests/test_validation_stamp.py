"""Validation runs once per data state; the stamp under _build/ is shared between processes."""

import pytest

from exobone.data import validate as validation
from exobone.data import validation_stamp
from exobone.data.validate import DataValidationError, validate
from tests.conftest import edit_line


class Validator:
    """Stands in for frictionless: counts validations (the stamp must spare them)."""

    calls = 0

    def __init__(self, descriptor, **options):
        Validator.calls += 1

    def validate(self):
        return type("Report", (), {"valid": True, "tasks": [], "errors": []})()


@pytest.fixture
def counted(monkeypatch):
    import frictionless

    Validator.calls = 0
    monkeypatch.setattr(frictionless, "Package", Validator)
    validation._validate_cached.cache_clear()
    yield Validator
    validation._validate_cached.cache_clear()


def test_a_validated_state_is_stamped_and_not_validated_again(data_copy, counted):
    validate(data_copy)
    assert counted.calls == 1
    stamp = data_copy.parent / "_build" / validation_stamp.STAMP_NAME
    assert stamp.is_file()
    validation._validate_cached.cache_clear()  # as in a new kernel
    validate(data_copy)
    assert counted.calls == 1


def test_a_changed_file_is_validated_again_despite_the_stamp(data_copy):
    validate(data_copy)  # the real validator: passes, stamps
    edit_line(data_copy / "review" / "table_rows.csv", 3, ",1,2,", ",7,2,")
    with pytest.raises(DataValidationError, match="row 3, column 'table_no', value '7'"):
        validate(data_copy)


def test_a_changed_validator_validates_again(data_copy, counted, monkeypatch):
    validate(data_copy)
    validation._validate_cached.cache_clear()
    monkeypatch.setattr(validation_stamp, "_validator_digest", lambda: "another validator")
    validate(data_copy)
    assert counted.calls == 2


def test_a_failed_validation_leaves_no_stamp(data_copy):
    edit_line(data_copy / "review" / "table_rows.csv", 3, ",1,2,", ",7,2,")
    with pytest.raises(DataValidationError):
        validate(data_copy)
    assert not (data_copy.parent / "_build" / validation_stamp.STAMP_NAME).exists()


def test_every_module_validation_imports_is_part_of_the_validator():
    """A check added in a new module (foreign_keys.py was missing from a hand-kept list) must
    make the stamp of data validated without it stale."""
    import ast

    from exobone.data import paths

    source = (paths.PROJECT_ROOT / "exobone" / "data" / "validate.py").read_text("utf-8")
    imported = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module == "exobone.data"
        for alias in node.names
    }
    imported |= {
        node.module.rsplit(".", 1)[1]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("exobone.data.")
    }
    assert {"foreign_keys", "checks", "schema"} <= imported
    covered = {m.stem for m in validation_stamp.validator_modules()}
    assert imported <= covered, imported - covered
