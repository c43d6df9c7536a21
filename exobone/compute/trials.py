"""The review's clinical-trials summary: its registry search and the six bone-related trials.

``trials.csv`` has one row per trial the review describes; ``trial_search.csv`` has the
figures the review states about its search (totals, status counts). The functions here turn
both into typed values so the two can be checked against each other.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: recruitment statuses in the order the review reports them, with their trial_search keys
STATUSES = {
    "Active, not recruiting": "status_active_not_recruiting",
    "Recruiting": "status_recruiting",
    "Not yet recruiting": "status_not_yet_recruiting",
    "Completed": "status_completed",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class SearchTotals:
    """What the review reports about its search of the trial registry."""

    registry: str
    keyword: str
    total_trials: int
    earliest_start: pd.Period  # month precision: the review gives month and year only
    body_systems: int
    bone_trials: int
    status_counts: dict[str, int]  # status (as in trials.csv) -> number of bone trials
    completed_with_results_posted: int

    @property
    def earliest_start_text(self) -> str:
        """The earliest start as 'January 2014' (English month names, locale-independent)."""
        return f"{MONTHS[self.earliest_start.month - 1]} {self.earliest_start.year}"

    def named_values(self) -> dict[str, str | int]:
        """The figures a text quotes, by name (the start as text, without the status table)."""
        return {
            "registry": self.registry,
            "keyword": self.keyword,
            "total_trials": self.total_trials,
            "earliest_start": self.earliest_start_text,
            "body_systems": self.body_systems,
            "bone_trials": self.bone_trials,
            "n_posted": self.completed_with_results_posted,
        }


def trial_status_counts(trials: pd.DataFrame) -> pd.Series:
    """Number of trials per recruitment status, every status of :data:`STATUSES` in that
    order (0 where none), as plain ints. Unknown statuses raise ValueError."""
    unknown = sorted(set(trials["status"]) - set(STATUSES))
    if unknown:
        raise ValueError(f"unknown trial status(es): {', '.join(map(repr, unknown))}")
    counts = trials["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    return counts.astype(int).rename("trials").rename_axis("status")


def search_totals(trial_search: pd.DataFrame) -> SearchTotals:
    """Typed values of trial_search.csv (key/value rows). Missing or repeated keys, and counts
    that are not whole numbers, raise ValueError naming the key."""
    repeated = sorted(trial_search.loc[trial_search["key"].duplicated(), "key"])
    if repeated:
        raise ValueError(f"repeated key(s) in the trial search: {', '.join(repeated)}")
    values = dict(zip(trial_search["key"], trial_search["value"], strict=True))
    needed = [
        "registry",
        "keyword",
        "total_trials",
        "earliest_start",
        "body_systems",
        "bone_trials",
        *STATUSES.values(),
        "completed_with_results_posted",
    ]
    missing = [k for k in needed if k not in values]
    if missing:
        raise ValueError(f"missing key(s) in the trial search: {', '.join(missing)}")

    def count(key: str) -> int:
        text = str(values[key]).strip()
        if not text.isdigit():
            raise ValueError(f"trial search {key!r}: {text!r} is not a whole number")
        return int(text)

    try:
        earliest = pd.Period(str(values["earliest_start"]), freq="M")
    except ValueError as err:
        raise ValueError(f"trial search 'earliest_start': {values['earliest_start']!r}") from err
    return SearchTotals(
        registry=str(values["registry"]),
        keyword=str(values["keyword"]),
        total_trials=count("total_trials"),
        earliest_start=earliest,
        body_systems=count("body_systems"),
        bone_trials=count("bone_trials"),
        status_counts={status: count(key) for status, key in STATUSES.items()},
        completed_with_results_posted=count("completed_with_results_posted"),
    )


def status_comparison(trials: pd.DataFrame, totals: SearchTotals) -> pd.DataFrame:
    """Per status: trials listed in trials.csv and the count the review states; this is also
    the plotted data of the status chart."""
    listed = trial_status_counts(trials)
    return pd.DataFrame(
        {
            "status": list(STATUSES),
            "trials_described": [int(listed[s]) for s in STATUSES],
            "trials_stated": [totals.status_counts[s] for s in STATUSES],
        }
    )


def status_agreement(comparison: pd.DataFrame) -> dict[str, str | int]:
    """Whether the statuses described one by one match the counts stated
    (status_agreement: 'match' or 'differ'), and n_completed (completed trials described)."""
    described = comparison.set_index("status")["trials_described"]
    agree = described.tolist() == comparison["trials_stated"].tolist()
    return {
        "status_agreement": "match" if agree else "differ",
        "n_completed": int(described["Completed"]),
    }


def trials_table(trials: pd.DataFrame) -> pd.DataFrame:
    """The six trials for display: readable headers, 'not stated' where the review is silent."""
    table = pd.DataFrame(
        {
            "Trial": trials["trial_no"].astype(int),
            "Aim": trials["aim"],
            "Condition": trials["condition"],
            "Role": trials["role_of_exosomes"],
            "Phase": trials["phase"].replace("", "not stated"),
            "Status": trials["status"],
            "Completed on": trials["completion_date"].replace("", "not stated"),
            "Results posted": trials["results_posted"].replace("not_stated", "not stated"),
            "Line": trials["source_line"].astype(int),
        }
    )
    return table.sort_values("Trial").reset_index(drop=True)
