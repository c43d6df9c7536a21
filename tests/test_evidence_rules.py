"""The evidence rules and `make validate`: handmade frames, then the real data and broken copies."""

import csv

import pandas as pd
import pytest

from exobone.compute import evidence_rules
from exobone.compute.evidence_rules import evidence_problems, suggest_wording
from exobone.curate import check_data as validate_cli
from tests.conftest import edit_line

LINES = ["Heading", "Exosomes do this [3, 5-6].", "No citation here."]
F = "data/evidence/findings.csv"


def finding(**values) -> dict:
    row = {
        "finding_id": "F-N001",
        "evidence": "review",
        "origin": "narrative",
        "table_row_id": "",
        "source_id": "bmsc",
        "disease_id": "",
        "section": "Intro",
        "source_line": "2",
        "kind": "effect",
        "locator": "",
        "added_by": "",
        "added_on": "",
    }
    return row | values


ADDED = finding(
    finding_id="F-A001",
    evidence="added",
    origin="added",
    section="",
    source_line="",
    locator="Fig. 2",
    added_by="A. Reader",
    added_on="2025-01-31",
)


def frames(
    findings, refs=(), added_refs=(), effects=None, markers=(), pathways=(), added=(), models=None
):
    ids = [f["finding_id"] for f in findings]
    if models is None:
        models = [(i, "unspecified", "unspecified", "") for i in ids]
    return {
        "finding_models": pd.DataFrame(
            list(models), columns=["finding_id", "model_system_id", "species_id", "review_term"]
        ),
        "findings": pd.DataFrame(findings),
        "finding_refs": pd.DataFrame(list(refs), columns=["finding_id", "ref_id"]),
        "finding_added_refs": pd.DataFrame(list(added_refs), columns=["finding_id", "ref_id"]),
        "added_references": pd.DataFrame(list(added), columns=["ref_id", "doi", "pmid"]),
        "finding_effects": pd.DataFrame({"finding_id": ids if effects is None else effects}),
        "finding_markers": pd.DataFrame(list(markers), columns=["finding_id", "condition_id"]),
        "finding_pathways": pd.DataFrame(
            list(pathways), columns=["finding_id", "pathway_id", "review_term"]
        ),
        "pathway_synonyms": pd.DataFrame(
            {"review_term": ["Wnt/β-catenin", "NF-κB"], "pathway_id": ["wnt_bc", "nf_kb"]}
        ),
    }


def test_a_complete_review_finding_passes():
    assert evidence_problems(frames([finding()], refs=[("F-N001", "5")]), LINES) == []


def test_a_review_finding_without_reference_is_named_with_what_to_cite():
    [problem] = evidence_problems(frames([finding()]), LINES)
    assert problem.startswith(f"{F}, row 2 (F-N001): no reference; add a row")
    assert "evidence/finding_refs.csv" in problem and "(cited there: 3, 5, 6)" in problem


def test_a_reference_not_cited_on_the_findings_line_is_named():
    [problem] = evidence_problems(frames([finding()], refs=[("F-N001", "4")]), LINES)
    assert problem == (
        f"{F}, row 2 (F-N001): cites [4] (evidence/finding_refs.csv) but line 2 of "
        "data/source/review.txt cites [3, 5, 6]; correct the ref_id or the finding's source_line"
    )


def test_a_finding_without_source_or_effect_is_named():
    found = evidence_problems(
        frames([finding(source_id="")], refs=[("F-N001", "3")], effects=[]), LINES
    )
    assert [p.split(": ", 1)[1].split(";")[0] for p in found] == ["no source", "no effect"]


def test_a_biomarker_finding_needs_a_marker_for_its_condition():
    bio = finding(kind="biomarker", disease_id="osteoporosis")
    found = evidence_problems(frames([bio], refs=[("F-N001", "3")], effects=[]), LINES)
    assert found == [
        f"{F}, row 2 (F-N001): a biomarker finding without a marker; add a row to "
        "evidence/finding_markers.csv (finding_id, marker, marker_kind, body_fluid, "
        "condition_id, use, direction)"
    ]
    marked = frames([bio], refs=[("F-N001", "3")], effects=[], markers=[("F-N001", "gout")])
    [problem] = evidence_problems(marked, LINES)
    assert "its markers are for gout but disease_id is 'osteoporosis'" in problem
    good = frames([bio], refs=[("F-N001", "3")], effects=[], markers=[("F-N001", "osteoporosis")])
    assert evidence_problems(good, LINES) == []


def test_a_complete_added_finding_passes():
    ok = frames([ADDED], added_refs=[("F-A001", "A1")], added=[("A1", "10.1/x", "")])
    assert evidence_problems(ok, LINES) == []


def test_an_added_finding_must_cite_an_added_reference_not_a_review_one():
    found = evidence_problems(frames([ADDED], refs=[("F-A001", "3")]), LINES)
    assert len(found) == 2
    assert "an added finding cites the review's reference(s) 3" in found[0]
    assert "F-A001): no reference; add the paper to added/references.csv" in found[1]


def test_an_added_finding_says_where_who_and_when_and_has_no_review_line():
    bad = ADDED | {"locator": "", "added_on": "", "source_line": "2", "origin": "narrative"}
    found = evidence_problems(frames([bad], added_refs=[("F-A001", "A1")]), LINES)
    texts = [p.split("(F-A001): ", 1)[1] for p in found]
    assert texts[0].startswith("an added finding has origin 'narrative'")
    assert [t.split(";")[0] for t in texts[1:]] == [
        "no locator",
        "no added_on",
        "source_line is '2'",
    ]


def test_a_review_finding_cannot_have_an_added_id_or_reference():
    bad = finding(finding_id="F-A002")
    found = evidence_problems(
        frames([bad], refs=[("F-A002", "3")], added_refs=[("F-A002", "A1")]), LINES
    )
    assert len(found) == 2
    assert "a review finding has origin 'narrative' and id 'F-A002'" in found[0]
    assert "a review finding cites added reference(s) A1" in found[1]


def test_an_added_reference_needs_a_doi_or_pmid():
    found = evidence_problems(
        frames([finding()], refs=[("F-N001", "3")], added=[("A1", "", "")]), LINES
    )
    assert found == [
        "data/added/references.csv, row 2 (A1): neither doi nor pmid; copy at least one of "
        "them from the paper"
    ]


def test_an_unknown_pathway_wording_says_where_to_add_it_and_what_to_use():
    links = [("F-N001", "wnt_bc", "Wnt/beta-catenin"), ("F-N001", "nf_kb", "Wnt/β-catenin")]
    found = evidence_problems(frames([finding()], refs=[("F-N001", "3")], pathways=links), LINES)
    assert found == [
        "data/evidence/finding_pathways.csv, row 2 (F-N001): 'Wnt/beta-catenin' is not a known "
        "pathway wording; add it to vocab/pathway_synonyms.csv (review_term, pathway_id) or use "
        "'Wnt/β-catenin'",
        "data/evidence/finding_pathways.csv, row 3 (F-N001): vocab/pathway_synonyms.csv maps "
        "'Wnt/β-catenin' to wnt_bc, not to 'nf_kb'; use one of these pathway_ids or add the "
        "pair to the synonyms",
    ]


def test_a_model_system_must_be_given_and_quoted_from_the_findings_line():
    one = finding()
    missing = evidence_problems(frames([one], refs=[("F-N001", "3")], models=[]), LINES)
    assert missing == [
        "data/evidence/finding_models.csv: finding F-N001 has no model system; add a row "
        "(finding_id, model_system_id, species_id, review_term), 'unspecified' if its sentence "
        "states none"
    ]
    models = [
        ("F-N001", "animal", "mouse", "in mice"),
        ("F-N001", "in_vitro", "human", ""),
        ("F-N001", "unspecified", "unspecified", ""),
    ]
    problems = evidence_problems(frames([one], refs=[("F-N001", "3")], models=models), LINES)
    assert problems == [
        "data/evidence/finding_models.csv, row 2 (F-N001): review_term 'in mice' is not on "
        "line 2 of data/source/review.txt; quote the line's own words",
        "data/evidence/finding_models.csv, row 3 (F-N001): no review_term; quote the words "
        "that state the system",
        "data/evidence/finding_models.csv, row 4 (F-N001): 'unspecified' beside another model "
        "system; drop one",
    ]
    quoted = [("F-N001", "in_vitro", "unspecified", "Exosomes do this")]
    assert evidence_problems(frames([one], refs=[("F-N001", "3")], models=quoted), LINES) == []


def test_suggested_wordings():
    known = ["Wnt/β-catenin", "NF-κB", "PI3K/Akt"]
    assert suggest_wording("wnt/BETA catenin", known) == "Wnt/β-catenin"
    assert suggest_wording("NF-kappaB", known) == "NF-κB"
    assert suggest_wording("PI3K/AKT1", known) == "PI3K/Akt"
    assert suggest_wording("Hedgehog", known) is None


# --- the real data and broken copies -------------------------------------------------------


def test_the_data_keep_every_evidence_rule():
    assert evidence_rules.check_evidence() == []


def test_validate_fails_on_a_finding_without_reference_naming_it(data_copy, capsys):
    path = data_copy / "evidence" / "finding_refs.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(x for x in lines if not x.startswith("F-N001,")), encoding="utf-8")
    assert validate_cli.main(["--root", str(data_copy.parent)]) == 1
    err = capsys.readouterr().err
    assert "data/evidence/findings.csv, row 56 (F-N001): no reference; add a row" in err
    # line 106 of the review cites [63-65], [66] ... [72] and [80]-[82]
    assert (
        "line 106 of data/source/review.txt (cited there: 63, 64, 65, 66, 67, 68, 69, 70, " in err
    )
    assert "71, 72, 80, 81, 82)" in err


def test_validate_explains_a_pathway_spelled_with_beta(data_copy, capsys):
    edit_line(
        data_copy / "evidence" / "finding_pathways.csv", 9, "Wnt/β-catenin", "Wnt/beta-catenin"
    )
    assert validate_cli.main(["--root", str(data_copy.parent)]) == 1
    err = capsys.readouterr().err
    assert (
        "data/evidence/finding_pathways.csv, row 9 (F-T1-06): 'Wnt/beta-catenin' is not a known "
        "pathway wording; add it to vocab/pathway_synonyms.csv (review_term, pathway_id) or use "
        "'Wnt/β-catenin'"
    ) in err


def test_validate_passes_on_the_real_data(capsys):
    assert validate_cli.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("validate: ") and "0 added" in out


@pytest.mark.parametrize("column", ["evidence", "kind"])
def test_an_unknown_evidence_or_kind_fails_the_schema(data_copy, capsys, column):
    path = data_copy / "evidence" / "findings.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index(column)] = "whatever"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    assert validate_cli.main(["--root", str(data_copy.parent)]) == 1
    assert f"row 2, column '{column}', value 'whatever'" in capsys.readouterr().err
