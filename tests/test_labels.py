"""Figure labels: vocabulary labels, shortened the way the figures show them."""

import pytest

from exobone.compute.labels import short_label, vocabulary_labels

GLOSSARY = {"intervertebral disc degeneration": "IVDD", "traumatic brain injury": "TBI"}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Platelet-rich plasma (PRP)", "Platelet-rich plasma (PRP)"),  # fits: kept whole
        ("Bone marrow mesenchymal stem cell (BMSC)", "BMSC"),
        ("Adipocyte / adipose tissue (AD-Exos)", "Adipocyte / adipose tissue"),
        ("Akkermansia muciniphila (Akk), gut bacterium", "Akkermansia muciniphila"),
        ("Osteogenesis (osteogenic effect, level not specified)", "Osteogenesis"),
        ("Intervertebral disc degeneration", "IVDD"),
        (
            "Traumatic brain injury (accompanied by accelerated bone healing)",
            "Traumatic brain injury",
        ),
        ("Ovariectomy (OVX)-induced osteoporosis", "Ovariectomy (OVX)-induced\nosteoporosis"),
    ],
)
def test_short_label(label, expected):
    assert short_label(label, 30, abbreviations=GLOSSARY) == expected


def test_short_label_drops_a_word_the_axis_says():
    assert short_label("Wnt/β-catenin signalling", 30, drop=" signalling") == "Wnt/β-catenin"
    assert short_label("Autophagy", 30, drop=" signalling") == "Autophagy"


def test_the_review_vocabularies_have_labels_for_every_id_figures_show():
    full, short = vocabulary_labels(), vocabulary_labels(width=30)
    assert full["sources"]["platelet_rich_plasma"] == "Platelet-rich plasma (PRP)"
    assert short["pathways"]["wnt_beta_catenin"] == "Wnt/β-catenin"
    assert short["diseases"]["gionfh"] == "GIONFH"  # the review's own abbreviation
    assert short["sources"]["bmsc"] == "BMSC"
    assert full["lineage_groups"]["stem_cells"] == "Stem cells"
    assert full["process_groups"]["bone_resorption"] == "Bone resorption"
    for name, labels in short.items():
        assert set(labels) == set(full[name]), name
        assert all(
            line and len(line) <= 30 for text in labels.values() for line in text.split("\n")
        )


def test_labelled_shows_ids_as_labels_lists_too_and_keeps_unknown_ids():
    import pandas as pd

    from exobone.compute.labels import labelled

    names = {"pathways": {"wnt": "Wnt/β-catenin signalling"}, "sources": {"a": "A, cell", "b": "B"}}
    frame = pd.DataFrame({"pathway_id": ["wnt", "new_id"], "sources": ["a, b", "b"], "n": [2, 1]})
    shown = labelled(frame, {"pathway_id": "pathways", "sources": "sources"}, names)
    assert shown.to_dict("list") == {
        "pathway_id": ["Wnt/β-catenin signalling", "new_id"],
        "sources": ["A, cell; B", "B"],
        "n": [2, 1],
    }
    assert frame["pathway_id"].tolist() == ["wnt", "new_id"]  # the input is not changed
