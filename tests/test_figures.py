"""save_figure_data: the plotted data as a deterministic CSV next to the notebooks."""

import pandas as pd
import pytest

from exobone.data.derived import save_figure_data


def test_writes_the_frame_without_index_and_returns_the_path(tmp_path):
    frame = pd.DataFrame({"stage": ["I", "II"], "count": [2, 1], "label": ["a, b", ""]})
    path = save_figure_data(frame, "fig-x", folder=tmp_path / "figure_data")
    assert path == tmp_path / "figure_data" / "fig-x.csv"
    assert path.read_bytes() == b'stage,count,label\nI,2,"a, b"\nII,1,\n'


def test_same_frame_gives_the_same_bytes(tmp_path):
    frame = pd.DataFrame({"member": ["CD63", "Hsp70"], "marker": [True, pd.NA]}).astype(
        {"marker": "boolean"}
    )
    first = save_figure_data(frame, "fig-y", folder=tmp_path).read_bytes()
    second = save_figure_data(frame.copy(), "fig-y", folder=tmp_path).read_bytes()
    assert first == second == b"member,marker\nCD63,True\nHsp70,\n"


@pytest.mark.parametrize("name", ["../escape", "Fig 1", "", "a/b"])
def test_rejects_names_that_are_not_plain_slugs(tmp_path, name):
    with pytest.raises(ValueError, match="figure data name"):
        save_figure_data(pd.DataFrame({"a": [1]}), name, folder=tmp_path)
