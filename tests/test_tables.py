"""Table rendering helpers on handmade input."""

import pandas as pd

from exobone.compute import review_tables as tables
from exobone.render.html import citation_links


def test_reference_labels_sort_and_join():
    refs = pd.DataFrame({"row_id": ["T1-02", "T1-01", "T1-02"], "ref_id": [70, 63, 64]})
    assert tables.reference_labels(refs).to_dict() == {"T1-01": "[63]", "T1-02": "[64, 70]"}


def test_reference_note():
    ref = pd.Series(
        {
            "first_author_surname": "Doe",
            "authors": "Doe J, Roe R",
            "has_et_al": False,
            "journal": "",
            "book_title": "A Book",
            "year": 2020,
            "title": "A title",
        }
    )
    assert tables.reference_note(ref) == "Doe et al., A Book 2020: A title"
    single = ref.copy()
    single["authors"], single["journal"], single["year"] = "Doe J", "J Bone", pd.NA
    assert tables.reference_note(single) == "Doe, J Bone: A title"


def test_citation_links_escape_tooltips_and_link_each_number():
    html = citation_links([5, 12], {5: 'A "quoted" <title>'})
    assert html == (
        '[<a class="ref-link" href="../book/references.html#cite-ref005"'
        ' title="A &quot;quoted&quot; &lt;title&gt;">5</a>, '
        '<a class="ref-link" href="../book/references.html#cite-ref012" title="">12</a>]'
    )
