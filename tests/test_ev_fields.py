"""Optional fields of an added study (EV-TRACK / MISEV2018): species, sample source, separation
method, particle size, characterisation markers; DOI and PubMed id checked for format."""

import pandas as pd

from exobone.compute.flat import findings_flat
from exobone.curate import add_study
from exobone.data import paths

EXAMPLE = paths.BOOK_DIR / "examples" / "add_study_example.toml"
OPTIONAL = """
species = "mouse"
sample_source = "serum"
separation_method = "size_exclusion"
particle_size_nm = "30-150"
characterisation_markers = ["cd63", "alix"]
isolation_locator = "Methods 2.2"
"""


def study(tmp_path, extra: str = OPTIONAL, replace: tuple[str, str] = ("", "")) -> str:
    """The example study with ``extra`` lines in its [[findings]] block."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(*replace) if replace[0] else None
    text = text or EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('locator = "Fig. 3b"', 'locator = "Fig. 3b"\n' + extra, 1)
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_optional_fields_become_rows_and_flat_columns(data_copy, tmp_path):
    assert add_study.main([study(tmp_path), "--root", str(data_copy.parent)]) == 0
    isolation = pd.read_csv(data_copy / "evidence" / "finding_isolation.csv", dtype=str)
    assert isolation.fillna("").query("finding_id == 'F-A001'").values.tolist() == [
        ["F-A001", "mouse", "serum", "size_exclusion", "30-150", "Methods 2.2", ""]
    ]
    flat = findings_flat(data_copy).set_index("finding_id").loc["F-A001"]
    assert flat["exosome_species"] == "Mouse"
    assert flat["separation_method"] == "Size-exclusion chromatography"
    assert (flat["particle_size_nm"], flat["characterisation_markers"]) == ("30-150", "CD63; ALIX")
    # findings of the review state none: their cells stay empty
    assert findings_flat(data_copy).set_index("finding_id").loc["F-T1-01", "exosome_species"] == ""


def test_a_value_outside_the_vocabulary_is_refused_and_nothing_written(data_copy, tmp_path, capsys):
    before = (data_copy / "evidence" / "findings.csv").read_bytes()
    bad = study(tmp_path, OPTIONAL.replace('"size_exclusion"', '"magic"'))
    assert add_study.main([bad, "--root", str(data_copy.parent)]) == 1
    err = capsys.readouterr().err
    assert "finding_isolation.csv" in err and "separation_method_id" in err and "'magic'" in err
    assert (data_copy / "evidence" / "findings.csv").read_bytes() == before


def test_particle_size_doi_and_pmid_are_format_checked(data_copy, tmp_path, capsys):
    bad_size = study(tmp_path, OPTIONAL.replace('"30-150"', '"about 100 nm"'))
    assert add_study.main([bad_size, "--root", str(data_copy.parent)]) == 1
    assert "particle_size_nm" in capsys.readouterr().err
    bad_doi = study(tmp_path, "", ('doi = "10.5555/', 'doi = "https://doi.org/10.5555/'))
    assert add_study.main([bad_doi, "--root", str(data_copy.parent)]) == 1
    assert "column 'doi'" in capsys.readouterr().err
    bad_pmid = study(tmp_path, "", ('pmid = ""', 'pmid = "PMID12345"'))
    assert add_study.main([bad_pmid, "--root", str(data_copy.parent)]) == 1
    assert "column 'pmid'" in capsys.readouterr().err


def test_the_reviews_own_statements_are_recorded_with_their_lines():
    """Line 224: EPC exosomes of 50–150 nm [151] (F-N068); line 187: ucMSC exosomes
    expressing CD9, CD63 and CD81 [116] (F-N043 and F-T3-02 rest on [116])."""
    lines = paths.SOURCE_TEXT.read_text(encoding="utf-8").splitlines()
    assert "diameters of 50–150 nm" in lines[223] and "[151]" in lines[223]
    assert "expressing CD9, CD63 and CD81 [116]" in lines[186]
    flat = findings_flat().set_index("finding_id")
    assert flat.loc["F-N068", "particle_size_nm"] == "50-150"
    assert flat.loc["F-N043", "characterisation_markers"] == "CD9; CD63; CD81"
    assert flat.loc["F-T3-02", "characterisation_markers"] == "CD9; CD63; CD81"
    refs = pd.read_csv(paths.DATA_DIR / "evidence" / "finding_refs.csv", dtype=str)
    assert set(refs.query("finding_id in ['F-N043', 'F-T3-02']")["ref_id"]) == {"116"}
