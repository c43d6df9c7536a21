"""Adding a study from outside the review: its rows, and the chapter followed as written."""

import re
import tomllib

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from exobone.curate import add_study
from exobone.data import paths
from exobone.data.load import load

CHAPTER = paths.BOOK_DIR / "add_study.md"
EXAMPLE = paths.BOOK_DIR / "examples" / "add_study_example.toml"


def chapter_commands() -> list[str]:
    """The lines of the chapter's first ```bash block: what a reader types."""
    text = CHAPTER.read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block, "the chapter has no bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_example_gives_the_next_added_numbers_and_all_its_rows():
    study = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    rows = add_study.study_rows(study)
    # no study is added in the shipped data, so the example becomes A1 and F-A001
    assert [r["ref_id"] for r in rows["added_references"]] == ["A1"]
    assert rows["added_references"][0]["doi"] == study["reference"]["doi"]
    [finding] = rows["findings"]
    assert finding["finding_id"] == "F-A001"
    assert (finding["evidence"], finding["origin"], finding["kind"]) == ("added", "added", "effect")
    assert (finding["locator"], finding["source_line"], finding["section"]) == ("Fig. 3b", "", "")
    assert finding["added_on"] == "2025-01-31"
    assert rows["finding_added_refs"] == [{"finding_id": "F-A001", "ref_id": "A1"}]
    # the wording is mapped to its pathway through vocab/pathway_synonyms.csv
    assert [(r["pathway_id"], r["review_term"]) for r in rows["finding_pathways"]] == [
        ("wnt_beta_catenin", "Wnt/β-catenin")
    ]


def test_a_second_study_gets_the_next_numbers(data_copy, tmp_path):
    second = tmp_path / "second.toml"
    second.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace("example.2025.0001", "example.2025.0002")
        .replace('title = "Serum exosomes', 'title = "Plasma exosomes'),
        encoding="utf-8",
    )
    assert add_study.main([str(EXAMPLE), "--root", str(data_copy.parent)]) == 0
    assert add_study.main([str(second), "--root", str(data_copy.parent)]) == 0
    assert load("added_references", data_copy)["ref_id"].tolist() == ["A1", "A2"]
    added = load("findings", data_copy).query("evidence == 'added'")
    assert added["finding_id"].tolist() == ["F-A001", "F-A002"]
    assert len(load("findings", data_copy)) == len(load("findings")) + 2


def test_a_study_that_breaks_a_rule_writes_nothing(data_copy, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            'wording = "Wnt/β-catenin"', 'wording = "Wnt/beta-catenin"'
        ),
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in data_copy.rglob("*.csv")}
    assert add_study.main([str(bad), "--root", str(data_copy.parent)]) == 1
    assert "'Wnt/beta-catenin' is not a known pathway wording" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in data_copy.rglob("*.csv")} == before


def test_a_study_without_doi_or_pmid_is_refused(data_copy, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('doi = "10.5555/example.2025.0001"', ""),
        encoding="utf-8",
    )
    assert add_study.main([str(bad), "--root", str(data_copy.parent)]) == 1
    assert "[reference]: give its doi or its pmid" in capsys.readouterr().err


@pytest.mark.build
def test_the_chapter_followed_literally_shows_the_study_as_added(hostile_book):
    """The chapter's commands, run as written in a copy of the project (the hostile copy of
    tests/hostile.py, built that way): the new finding must appear in the findings list, the
    counts and the source x pathway heat map, marked as added."""
    project = hostile_book[0].parent.parent
    study = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    source = study["findings"][0]["source"]

    html = project / "_build" / "html" / "notebooks"
    soup = BeautifulSoup((html / "03_evidence_by_source.html").read_text("utf-8"), "html.parser")
    [item] = [li for li in soup.select("li") if "F-A001" in li.get_text()]
    text = " ".join(item.get_text(" ").split())
    assert "added : F-A001" in text or "added: F-A001" in text
    assert "Fig. 3b of [A1]" in text and study["added_by"] in text

    per_source = pd.read_csv(project / "notebooks" / "figure_data" / "fig-findings-per-source.csv")
    assert per_source.set_index("source_id").loc[source, "n_added"] == 1
    ours = pd.read_csv(paths.FIGURE_DATA_DIR / "fig-findings-per-source.csv").set_index("source_id")
    assert per_source.set_index("source_id").loc[source, "n_findings"] == (
        ours.loc[source, "n_findings"] + 1
    )

    heat = pd.read_csv(project / "notebooks" / "figure_data" / "fig-source-pathway.csv")
    row = heat.set_index("source_id").loc[source]
    assert "added" in row["evidence"] and row["wnt_beta_catenin"] >= 1
    page4 = BeautifulSoup(
        (html / "05_analysis_by_source_and_pathway.html").read_text("utf-8"), "html.parser"
    )
    text4 = " ".join(page4.get_text(" ").split())
    # the glued list names the source by its label (in this copy a label full of payloads)
    assert "labelled (incl. added) (here:" in text4
    assert "labelled (incl. added) (here: none )" not in text4
    assert "review and added evidence" in text4

    page12 = (html / "10_added_evidence.html").read_text("utf-8")
    assert study["reference"]["title"] in page12 and "F-A001" in page12
