"""Review and added evidence side by side: selection, scope sentences, marks (handmade frames)."""

import pandas as pd
import pytest

from exobone.compute import evidence
from exobone.compute import summaries as analysis
from exobone.render.markdown import added_references_markdown, evidence_markdown

FINDINGS = pd.DataFrame(
    {
        "finding_id": ["F-N001", "F-N002", "F-A001"],
        "evidence": ["review", "review", "added"],
        "source_id": ["bmsc", "serum", "serum"],
    }
)


def test_select_evidence():
    assert evidence.select_evidence(FINDINGS, "added")["finding_id"].tolist() == ["F-A001"]
    assert len(evidence.select_evidence(FINDINGS, "review")) == 2
    assert len(evidence.select_evidence(FINDINGS, "both")) == 3
    with pytest.raises(ValueError, match="review, added, both"):
        evidence.select_evidence(FINDINGS, "all")


def test_scope_says_which_evidence_with_counts():
    assert evidence.evidence_scope(FINDINGS) == (
        "review and added evidence (2 findings from the review and 1 added finding, marked 'added')"
    )
    assert evidence.evidence_scope(FINDINGS[:2]) == (
        "review evidence only (2 findings from the review; no study has been added)"
    )
    assert evidence.evidence_scope(FINDINGS, "review").startswith("review evidence only (2 ")
    assert evidence.evidence_scope(FINDINGS, "added").startswith("added evidence only (1 ")


def test_rows_say_which_evidence_their_counts_rest_on():
    links = pd.DataFrame({"finding_id": ["F-N001", "F-N002", "F-A001"]})
    kinds = evidence.evidence_of_rows(FINDINGS, links)
    assert kinds.to_dict() == {"bmsc": "review", "serum": "review+added"}
    matrix = pd.DataFrame({"wnt": [1, 2]}, index=["bmsc", "serum"])
    assert evidence.mark_added(matrix, kinds).index.tolist() == ["bmsc", "serum (incl. added)"]


def test_findings_per_source_counts_added_findings():
    sources = pd.DataFrame(
        {
            "source_id": ["bmsc", "serum"],
            "label": ["BMSC", "Serum"],
            "lineage_group": ["bone_cells", "blood"],
            "compartment": ["bone_derived", "non_bone_outside_bm"],
        }
    )
    refs = pd.DataFrame({"finding_id": ["F-N001", "F-N002"], "ref_id": [1, 2]})
    out = analysis.findings_per_source(FINDINGS, sources, refs).set_index("source_id")
    assert out.loc["serum", ["n_findings", "n_added", "n_refs"]].tolist() == [2, 1, 1]
    assert out.loc["bmsc", ["n_findings", "n_added"]].tolist() == [1, 0]


def test_the_findings_list_marks_added_findings_doubts_and_markers():
    findings = pd.DataFrame(
        {
            "finding_id": ["F-N001", "F-A001"],
            "evidence": ["review", "added"],
            "origin": ["narrative", "added"],
            "table_row_id": ["", ""],
            "source_line": [108, pd.NA],
            "claim": ["Claim one.", "Claim *two*."],
            "kind": ["biomarker", "effect"],
            "sentence_uncited": [True, False],
            "vesicle_inferred": [False, False],
            "locator": ["", "Fig. 3b"],
            "added_by": ["", "A. Reader"],
            "added_on": ["", "2025-01-31"],
            "compartment": ["c", "c"],
            "lineage_group": ["blood", "blood"],
            "source_label": ["Serum", "Serum"],
            "source_id": ["serum", "serum"],
            "parent_id": ["", ""],
        }
    )
    md = evidence_markdown(
        findings,
        pd.DataFrame({"finding_id": ["F-N001"], "ref_id": [74]}),
        [],
        {"c": "Compartment"},
        pd.DataFrame({"finding_id": ["F-A001"], "ref_id": ["A1"]}),
    )
    lines = [x for x in md.split("\n") if x.startswith("- ")]
    # sorted by finding id: F-A001 before F-N001
    assert lines[1] == (
        '- <span id="finding-f-n001"></span>Claim one. {cite}`ref074` (F-N001; line 108; '
        "biomarker; *doubt: the sentence cites nothing itself; the reference is the one cited "
        "next to it*)"
    )
    assert lines[0] == (
        r'- <span id="finding-f-a001"></span>Claim \*two\*. (**added**: F-A001; Fig. 3b of '
        r"\[A1\]; added by A. Reader, 2025-01-31)"
    )


def test_added_references_are_listed_escaped_or_said_to_be_none():
    assert "{doc}`guide`" in added_references_markdown(pd.DataFrame(columns=["ref_id"]), "guide")
    refs = pd.DataFrame(
        [
            {
                "ref_id": "A1",
                "doi": "",
                "pmid": "123",
                "authors": "Doe J",
                "year": 2025,
                "journal": "J Bone",
                "title": "A {cite}`x` title",
                "added_by": "me",
                "added_on": "2025-02-01",
            }
        ]
    )
    md = added_references_markdown(refs, "guide")
    assert md.startswith(r"- **\[A1\]** Doe J (2025). A ") and "PMID 123." in md
    assert "{cite}`x`" not in md


def test_added_findings_come_with_their_reference_and_who_added_them():
    findings = pd.DataFrame(
        {
            "finding_id": ["F001", "F-A001"],
            "evidence": ["review", "added"],
            "source_label": ["BMSC", "Serum"],
            "claim": ["a", "b"],
            "locator": ["", "Fig. 3b"],
            "added_by": ["", "Ann"],
            "added_on": ["", "2025-01-31"],
        }
    )
    refs = pd.DataFrame({"finding_id": ["F-A001"], "ref_id": ["A1"]})
    out = evidence.added_findings(findings, refs)
    assert out.to_dict("records") == [
        {
            "finding_id": "F-A001",
            "source_label": "Serum",
            "claim": "b",
            "locator": "Fig. 3b",
            "ref_id": "A1",
            "added_by": "Ann",
            "added_on": "2025-01-31",
        }
    ]
