"""Time exobone.compute.summaries and .network on synthetic evidence bases of 10^3 to 10^6 findings.

Not a test: run ``.venv/bin/python benchmarks/bench_analysis.py`` from the project root. It
prints a table and writes ``benchmarks/results/analysis.csv`` (size, function, seconds). The
synthetic data are drawn with a fixed seed; their vocabularies are of the review's order of
size (40 sources, 30 pathways, 2,000 cargos, 40 effects), links per finding like the review's
(about 1 cargo, 0.8 targets, 0.4 pathways, 1.8 effects, 1 reference).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exobone.compute import network  # noqa: E402
from exobone.compute import summaries as analysis  # noqa: E402

SIZES = [10**3, 10**4, 10**5, 10**6]
RESULTS = Path(__file__).resolve().parent / "results" / "analysis.csv"
N_SOURCES, N_PATHWAYS, N_CARGOS, N_TARGETS, N_EFFECTS, N_DISEASES = 40, 30, 2000, 500, 40, 18


def _links(rng, ids: np.ndarray, per_finding: float, n_vocab: int, prefix: str, column: str):
    """About ``per_finding`` links per finding to a vocabulary of ``n_vocab`` terms."""
    n = int(len(ids) * per_finding)
    return pd.DataFrame(
        {
            "finding_id": ids[rng.integers(0, len(ids), n)],
            column: np.char.add(prefix, rng.integers(0, n_vocab, n).astype(str)),
        }
    )


def synthetic(n: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = np.char.add("F-", np.arange(n).astype(str))
    source_ids = np.char.add("s", np.arange(N_SOURCES).astype(str))
    compartments = np.array(["bone_derived", "non_bone_bm", "non_bone_outside"])
    sources = pd.DataFrame(
        {
            "source_id": source_ids,
            "label": source_ids,
            "lineage_group": np.char.add("g", (np.arange(N_SOURCES) % 7).astype(str)),
            "compartment": compartments[np.arange(N_SOURCES) % 3],
        }
    )
    diseases = np.append(np.char.add("d", np.arange(N_DISEASES).astype(str)), "")
    findings = pd.DataFrame(
        {
            "finding_id": ids,
            "source_id": source_ids[rng.integers(0, N_SOURCES, n)],
            "disease_id": diseases[rng.integers(0, len(diseases), n)],
        }
    )
    cargo_types = np.array(["miRNA", "protein", "lncRNA", "circRNA", "mRNA", "other"])
    cargos = pd.DataFrame(
        {
            "cargo_id": np.char.add("c", np.arange(N_CARGOS).astype(str)),
            "cargo_type": cargo_types[np.arange(N_CARGOS) % len(cargo_types)],
        }
    )
    effect_vocab = pd.DataFrame(
        {
            "effect_id": np.char.add("e", np.arange(N_EFFECTS).astype(str)),
            "process_group": np.char.add("p", (np.arange(N_EFFECTS) % 9).astype(str)),
            "bone_benefit_if_up": np.array([1, -1, 1, 0])[np.arange(N_EFFECTS) % 4],
        }
    )
    finding_effects = _links(rng, ids, 1.8, N_EFFECTS, "e", "effect_id")
    finding_effects["direction"] = np.array(["up", "down"])[
        rng.integers(0, 2, len(finding_effects))
    ]
    sign = np.where(finding_effects["direction"] == "up", 1, -1)
    effects_long = finding_effects.merge(findings, on="finding_id").merge(
        sources[["source_id", "compartment"]], on="source_id"
    )
    effects_long = effects_long.merge(effect_vocab, on="effect_id")
    sign = np.where(effects_long["direction"] == "up", 1, -1)
    effects_long["bone_valence"] = sign * effects_long["bone_benefit_if_up"]
    return {
        "findings": findings,
        "sources": sources,
        "finding_refs": _links(rng, ids, 1.05, max(n // 3, 1), "", "ref_id"),
        "finding_pathways": _links(rng, ids, 0.4, N_PATHWAYS, "p", "pathway_id"),
        "finding_cargos": _links(rng, ids, 1.05, N_CARGOS, "c", "cargo_id"),
        "finding_targets": _links(rng, ids, 0.8, N_TARGETS, "t", "target_id"),
        "finding_effects": finding_effects,
        "cargos": cargos,
        "effects_long": effects_long,
    }


def calls(d: dict[str, pd.DataFrame]) -> dict:
    matrix = analysis.source_pathway_matrix(d["findings"], d["finding_pathways"])
    f = d["findings"]
    return {
        "findings_per_source": lambda: analysis.findings_per_source(
            f, d["sources"], d["finding_refs"]
        ),
        "source_pathway_matrix": lambda: analysis.source_pathway_matrix(f, d["finding_pathways"]),
        "recurring_pathways": lambda: analysis.recurring_pathways(matrix),
        "unique_pathways": lambda: analysis.unique_pathways(matrix),
        "cargo_types_per_source": lambda: analysis.cargo_types_per_source(
            f, d["finding_cargos"], d["cargos"]
        ),
        "recurring_cargos": lambda: analysis.recurring_cargos(
            f, d["finding_cargos"], d["effects_long"]
        ),
        "direction_by_source": lambda: analysis.direction_by_source(d["effects_long"]),
        "compare_compartments": lambda: analysis.compare_compartments(d["effects_long"]),
        "evidence_map_disease": lambda: analysis.evidence_map(f, "disease_id"),
        "evidence_map_process_group": lambda: analysis.evidence_map(
            d["effects_long"], "process_group"
        ),
        "network_edges": lambda: network.network_edges(
            f,
            d["finding_cargos"],
            d["finding_targets"],
            d["finding_pathways"],
            d["finding_effects"],
        ),
    }


def main() -> pd.DataFrame:
    rows = []
    for n in SIZES:
        data = synthetic(n)
        repeats = 1 if n >= 10**6 else 3
        for name, call in calls(data).items():
            best = float("inf")
            for _ in range(repeats):
                start = time.perf_counter()
                call()
                best = min(best, time.perf_counter() - start)
            rows.append({"size": n, "function": name, "seconds": round(best, 4)})
            print(f"{n:>9,d}  {name:<28s} {best:9.4f} s", flush=True)
    table = pd.DataFrame(rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(RESULTS, index=False, lineterminator="\n")
    print()
    print(table.pivot(index="function", columns="size", values="seconds").to_string())
    return table


if __name__ == "__main__":
    main()
