"""Clinical-trials summary: status counts, search totals, and the review's own agreement."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from exobone.compute import trials  # noqa: E402
from exobone.data.load import load  # noqa: E402
from exobone.figures import charts  # noqa: E402
from exobone.render import html as render_html  # noqa: E402

SEARCH = pd.DataFrame(
    {
        "key": [
            "registry",
            "keyword",
            "total_trials",
            "earliest_start",
            "body_systems",
            "bone_trials",
            "status_active_not_recruiting",
            "status_recruiting",
            "status_not_yet_recruiting",
            "status_completed",
            "completed_with_results_posted",
        ],
        "value": ["Reg", "word", "20", "2019-03", "4", "3", "0", "2", "0", "1", "1"],
        "unit": ["", "", "trials", "year-month", "systems", "trials", "", "", "", "", ""],
        "source_line": [1] * 11,
    }
)
TRIALS = pd.DataFrame(
    {
        "trial_no": pd.array([2, 1, 3], dtype="Int64"),
        "aim": ["b", "a", "c"],
        "condition": ["y", "x", "z"],
        "role_of_exosomes": ["therapy", "biomarker", "diagnosis"],
        "phase": ["II", "", ""],
        "status": ["Recruiting", "Completed", "Recruiting"],
        "completion_date": ["", "2020-05-01", ""],
        "results_posted": ["not_stated", "no", "not_stated"],
        "source_line": pd.array([10, 9, 11], dtype="Int64"),
    }
)


def test_status_counts_cover_every_status_in_order():
    counts = trials.trial_status_counts(TRIALS)
    assert counts.to_dict() == {
        "Active, not recruiting": 0,
        "Recruiting": 2,
        "Not yet recruiting": 0,
        "Completed": 1,
    }
    assert list(counts.index) == list(trials.STATUSES)
    assert all(type(v) is int for v in counts.tolist())


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="'Suspended'"):
        trials.trial_status_counts(TRIALS.assign(status=["Suspended", "Completed", "Recruiting"]))


def test_search_totals_are_typed():
    totals = trials.search_totals(SEARCH)
    assert totals.registry == "Reg" and totals.keyword == "word"
    assert (totals.total_trials, totals.body_systems, totals.bone_trials) == (20, 4, 3)
    assert totals.earliest_start == pd.Period("2019-03", freq="M")
    assert totals.earliest_start_text == "March 2019"
    assert totals.status_counts == {
        "Active, not recruiting": 0,
        "Recruiting": 2,
        "Not yet recruiting": 0,
        "Completed": 1,
    }
    assert totals.completed_with_results_posted == 1
    assert type(totals.total_trials) is int


def test_search_totals_name_the_values_a_text_quotes():
    assert trials.search_totals(SEARCH).named_values() == {
        "registry": "Reg",
        "keyword": "word",
        "total_trials": 20,
        "earliest_start": "March 2019",
        "body_systems": 4,
        "bone_trials": 3,
        "n_posted": 1,
    }


def test_search_totals_name_bad_missing_and_repeated_keys():
    bad = SEARCH.assign(value=SEARCH["value"].where(SEARCH["key"] != "bone_trials", "six"))
    with pytest.raises(ValueError, match="'bone_trials'.*'six'"):
        trials.search_totals(bad)
    with pytest.raises(ValueError, match="missing key.*body_systems"):
        trials.search_totals(SEARCH[SEARCH["key"] != "body_systems"])
    with pytest.raises(ValueError, match="repeated key.*keyword"):
        trials.search_totals(pd.concat([SEARCH, SEARCH.iloc[[1]]]))


def test_status_comparison_and_table():
    comparison = trials.status_comparison(TRIALS, trials.search_totals(SEARCH))
    assert comparison.values.tolist() == [
        ["Active, not recruiting", 0, 0],
        ["Recruiting", 2, 2],
        ["Not yet recruiting", 0, 0],
        ["Completed", 1, 1],
    ]
    table = trials.trials_table(TRIALS)
    assert table["Trial"].tolist() == [1, 2, 3]
    assert table["Phase"].tolist() == ["not stated", "II", "not stated"]
    assert table["Completed on"].tolist() == ["2020-05-01", "not stated", "not stated"]
    assert table["Results posted"].tolist() == ["no", "not stated", "not stated"]


def test_status_chart_draws_one_bar_per_status():
    comparison = trials.status_comparison(TRIALS, trials.search_totals(SEARCH))
    fig = charts.draw_status_chart(comparison)
    bars = fig.axes[0].patches
    assert [b.get_width() for b in bars] == [1, 0, 2, 0]  # drawn bottom-up: Completed first


# --- the review's data ----------------------------------------------------------------------


def test_the_six_trials_have_the_statuses_the_review_states():
    described = trials.trial_status_counts(load("trials"))  # from trials.csv
    stated = trials.search_totals(load("trial_search"))  # from trial_search.csv
    expected = {
        "Active, not recruiting": 1,
        "Recruiting": 1,
        "Not yet recruiting": 1,
        "Completed": 3,
    }
    assert described.to_dict() == expected
    assert stated.status_counts == expected
    assert stated.bone_trials == len(load("trials")) == 6
    assert (stated.total_trials, stated.body_systems) == (161, 8)
    assert stated.earliest_start_text == "January 2014"
    completed = load("trials").query("status == 'Completed'")
    posted = int((completed["results_posted"] == "yes").sum())
    assert posted == stated.completed_with_results_posted == 0


def test_trials_html_puts_the_aim_on_its_own_row_and_escapes():
    table = trials.trials_table(TRIALS.assign(aim=["b<i>", "a & c", "c"]))
    html = render_html.trials_table(table)
    assert html.count("<tr data-trial=") == 3
    assert html.count('<tr class="trial-aim"><td colspan="8">') == 3
    assert '<tr data-trial="1"><td>1</td><td>x</td><td>biomarker</td>' in html
    assert "<em>Aim:</em> a &amp; c</td></tr>" in html and "b&lt;i&gt;" in html
    assert html.count("<th>") == len(table.columns) - 1 and "<th>Aim</th>" not in html


def test_status_agreement_says_match_or_differ_and_counts_completed():
    same = pd.DataFrame(
        {"status": ["Recruiting", "Completed"], "trials_described": [1, 3], "trials_stated": [1, 3]}
    )
    assert trials.status_agreement(same) == {"status_agreement": "match", "n_completed": 3}
    other = same.assign(trials_stated=[2, 3])
    assert trials.status_agreement(other)["status_agreement"] == "differ"
