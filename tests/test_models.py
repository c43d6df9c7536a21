"""Model systems and species: the passage a finding rests on, the coding, and the data."""

import pandas as pd
import pytest

from exobone.compute.models import (
    check_model_coding,
    model_words,
    models_by_finding,
    unexplained_model_words,
)
from exobone.data.load import load
from exobone.parse.passages import passage

LINE = (
    "Bone is alive. Studies showed X in aged rats [7]. Y works in vitro [8], and Z helps "
    "in vivo [9] in patients. Unrelated text."
)


def test_a_passage_runs_from_the_previous_citation_to_its_own():
    assert passage(LINE, [7]) == "Bone is alive. Studies showed X in aged rats [7]."
    assert passage(LINE, [8]) == "Y works in vitro [8]"
    # the rest of the sentence belongs to [9]: no other citation follows in it
    assert passage(LINE, [9]) == "and Z helps in vivo [9] in patients."
    assert passage(LINE, [7, 9]) == (
        "Bone is alive. Studies showed X in aged rats [7]. … and Z helps in vivo [9] in patients."
    )
    assert passage(LINE, [99]) == ""


def test_a_table_row_is_its_own_passage():
    row = "BMSC\tmiR-1\tUp\tPromote human BMSCs\t[5]"
    assert passage(row, [5]) == row


SYSTEMS = pd.DataFrame(
    {
        "model_system_id": ["animal", "in_vitro", "unspecified"],
        "label": ["Animal model", "In vitro (cells)", "Not stated"],
        "review_words": ["rats?|mice", "in vitro", ""],
    }
)
SPECIES = pd.DataFrame(
    {
        "species_id": ["rat", "human", "unspecified"],
        "label": ["Rat", "Human", "Not stated"],
        "review_words": ["rats?", "humans?|patients?", ""],
    }
)


def test_models_fold_into_one_label_per_finding():
    models = pd.DataFrame(
        {
            "finding_id": ["F-N001", "F-N001", "F-N002"],
            "model_system_id": ["in_vitro", "animal", "unspecified"],
            "species_id": ["rat", "rat", "unspecified"],
        }
    )
    folded = models_by_finding(models, SYSTEMS, SPECIES).set_index("finding_id")
    assert folded.loc["F-N001", "model_systems"] == "In vitro (cells); Animal model"
    assert folded.loc["F-N001", "species"] == "Rat"
    assert folded.loc["F-N002", "model_system_ids"] == "unspecified"


def test_a_model_word_in_an_unspecified_findings_passage_is_reported_unless_its_note_quotes_it():
    findings = pd.DataFrame(
        {"finding_id": ["F-N001", "F-N002", "F-N003"], "source_line": [1, 1, 1]}
    )
    refs = pd.DataFrame({"finding_id": ["F-N001", "F-N002", "F-N003"], "ref_id": [7, 9, 8]})
    models = pd.DataFrame(
        {
            "finding_id": ["F-N001", "F-N002", "F-N003"],
            "model_system_id": ["unspecified", "unspecified", "in_vitro"],
            "note": ["", "'patients' are the donors", ""],
        }
    )
    pattern = model_words([SYSTEMS, SPECIES])
    found = unexplained_model_words(findings, refs, models, pattern, [LINE])
    # F-N001's 'rats' is reported once (one alternation of both vocabularies' words);
    # F-N002's 'patients' is explained by its note; F-N003 is coded, so not checked
    assert found[["finding_id", "word"]].values.tolist() == [["F-N001", "rats"]]
    assert found.loc[0, "passage"].endswith("aged rats [7].")


def test_no_unspecified_finding_names_a_model_the_vocabulary_has():
    found = check_model_coding()
    assert found.empty, found.to_string()


#: sentences sampled from the review and the coding they must have (the issue's examples and
#: one of each system)
SAMPLED = {
    "F-N035": {("human", "human")},  # in patients with gout
    "F-N119": {("human", "human")},  # patients with femoral head necrosis ... control group
    "F-T2-08": {("human", "human")},  # bone loss in patients with osteoporosis
    "F-N010": {("in_vitro", "rat")},  # BMSC-Exos from aged rats
    "F-N011": {("in_vitro", "rat")},  # BMSCs of aged rats
    "F-N018": {("human", "human")},  # osteoblasts from patients with hip OA and OP
    "F-T1-06": {("in_vitro", "human")},  # human BMSCs
    "F-N015": {("animal", "mouse")},  # aging ovariectomized (OVX) mice
    "F-N062": {("animal", "rat")},  # a rat model of nonunion fracture healing
    "F-N086": {("in_vitro", "unspecified"), ("in_vivo", "unspecified")},
    "F-N083": {("unspecified", "unspecified")},  # 'Human' names the donor
    "F-T1-01": {("unspecified", "unspecified")},
}


@pytest.mark.parametrize("finding_id", sorted(SAMPLED))
def test_sampled_sentences_are_coded_as_they_read(finding_id):
    models = load("finding_models")
    mine = models[models["finding_id"] == finding_id]
    assert set(zip(mine["model_system_id"], mine["species_id"], strict=True)) == SAMPLED[finding_id]


def test_every_finding_has_a_model_system():
    assert set(load("findings")["finding_id"]) == set(load("finding_models")["finding_id"])
