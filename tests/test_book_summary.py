"""`make book` ends with one line: notebooks executed and why, the site built and why, seconds,
what to open."""

from exobone.pipeline.book import summary
from exobone.pipeline.execute import Report

INDEX = "_build/html/index.html"


def test_nothing_to_do_says_the_site_is_up_to_date():
    line = summary(Report(), [], 0.11, INDEX)
    assert line == "book: 0 notebooks executed; site up to date; 0.1 s; open _build/html/index.html"


def test_the_site_built_names_the_input_that_changed():
    line = summary(Report(), ["data/README.md changed"], 6.04, INDEX)
    assert line == (
        "book: 0 notebooks executed; site built (data/README.md changed); 6.0 s; "
        "open _build/html/index.html"
    )


def test_one_notebook_and_the_input_that_changed():
    report = Report(
        executed={"notebooks/09_clinical_trials.ipynb": (["data/review/trials.csv changed"], 4.1)}
    )
    why = ["data/review/trials.csv changed", "notebooks/09_clinical_trials.ipynb changed"]
    assert summary(report, why, 14.26, INDEX) == (
        "book: 1 notebook executed (09_clinical_trials: data/review/trials.csv changed); "
        "site built (data/review/trials.csv changed and 1 more); 14.3 s; "
        "open _build/html/index.html"
    )


def test_notebooks_executed_for_the_same_reason_are_listed_together():
    why = ["exobone/data/load.py changed"]
    report = Report(
        executed={
            "notebooks/03_evidence_by_source.ipynb": (why, 2.0),
            "notebooks/01_review_tables.ipynb": (why, 5.0),
            "notebooks/09_clinical_trials.ipynb": (["code cell 2 (id ab) changed", "x"], 1.0),
        }
    )
    assert summary(report, [], 9.0, INDEX) == (
        "book: 3 notebooks executed (01_review_tables, 03_evidence_by_source: "
        "exobone/data/load.py changed; 09_clinical_trials: code cell 2 (id ab) changed and 1 "
        "more); site up to date; 9.0 s; open _build/html/index.html"
    )


def test_notebooks_run_in_jupyter_are_counted_as_recorded():
    report = Report(adopted=["notebooks/12_errata.ipynb"])
    assert summary(report, [], 1.0, INDEX) == (
        "book: 0 notebooks executed, 1 recorded from a Jupyter run; site up to date; 1.0 s; "
        "open _build/html/index.html"
    )
