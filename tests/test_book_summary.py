"""`make book` ends with one line: notebooks executed and why, pages, seconds, what to open."""

from exobone.pipeline.book import summary
from exobone.pipeline.execute import Report

INDEX = "_build/html/index.html"


def test_nothing_executed():
    line = summary(Report(), 0, 2.04, INDEX)
    assert line == "book: 0 notebooks executed; 0 pages written; 2.0 s; open _build/html/index.html"


def test_nothing_to_build_says_the_html_is_already_up_to_date():
    line = summary(Report(), 0, 0.11, INDEX, current=True)
    assert line == (
        "book: 0 notebooks executed; HTML up to date (nothing it is built from changed); 0.1 s; "
        "open _build/html/index.html"
    )


def test_one_notebook_and_the_input_that_changed():
    report = Report(
        executed={"notebooks/09_clinical_trials.ipynb": (["data/review/trials.csv changed"], 4.1)}
    )
    assert summary(report, 3, 14.26, INDEX) == (
        "book: 1 notebook executed (09_clinical_trials: data/review/trials.csv changed); "
        "3 pages written; 14.3 s; open _build/html/index.html"
    )


def test_several_reasons_are_counted_not_listed():
    report = Report(
        executed={
            "notebooks/12_errata.ipynb": (["data/errata.csv changed", "code cells changed"], 2.0),
            "notebooks/01_review_tables.ipynb": (["data/errata.csv changed"], 5.0),
        }
    )
    assert summary(report, 17, 20.0, INDEX) == (
        "book: 2 notebooks executed (01_review_tables: data/errata.csv changed; "
        "12_errata: data/errata.csv changed and 1 more); 17 pages written; 20.0 s; "
        "open _build/html/index.html"
    )


def test_notebooks_executed_for_the_same_reason_are_listed_together():
    why = ["exobone/data/load.py changed"]
    report = Report(
        executed={
            "notebooks/03_evidence_by_source.ipynb": (why, 2.0),
            "notebooks/01_review_tables.ipynb": (why, 5.0),
            "notebooks/09_clinical_trials.ipynb": (["code cells changed"], 1.0),
        }
    )
    assert summary(report, 4, 9.0, INDEX) == (
        "book: 3 notebooks executed (01_review_tables, 03_evidence_by_source: "
        "exobone/data/load.py changed; 09_clinical_trials: code cells changed); 4 pages written; "
        "9.0 s; open _build/html/index.html"
    )
