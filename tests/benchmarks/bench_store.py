"""Store benchmark: policygraph's default store vs bare pyoxigraph vs rdflib in memory.

``python -m tests.benchmarks.bench_store [--sizes 10000,100000,1000000] [--rdflib-max N]``
Each (engine, size) runs in its own subprocess so its peak memory (ru_maxrss) is its own.
Writes docs/bench-store.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks import synthetic

from policygraph.vocab import sparql_prologue

PROLOGUE = sparql_prologue()
QUERIES = {
    "group-by-issuer": "SELECT ?issuer (COUNT(?s) AS ?n) WHERE { ?s a pg:PolicySignal ; "
    "pg:issuer ?issuer } GROUP BY ?issuer ORDER BY DESC(?n)",
    "two-hop-quotes": "SELECT ?s ?quote WHERE { ?s pg:evidence ?e . ?e oa:hasSelector ?x . "
    "?x oa:exact ?quote } LIMIT 1000",
    "posts-of-person": "SELECT ?org ?day WHERE { ?post org:member "
    "<https://w3id.org/policygraph/id/person-1> ; org:organization ?org ; pg:observedOn ?day }",
    "label-lookup": 'SELECT ?x WHERE { ?x skos:prefLabel "Official 7"@en }',
}
REPEAT = 5
SLOW = 2.0
ROOT = Path(__file__).resolve().parents[2]


def _named_queries() -> dict[str, str]:
    """The packaged named queries, parameters left unbound (every match)."""
    folder = ROOT / "src" / "policygraph" / "queries"
    return {f"named:{f.stem}": f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.rq"))}


QUERIES.update(_named_queries())


def _median(run: object) -> float:
    """Median of up to ``REPEAT`` runs; a query slower than ``SLOW`` seconds runs once."""
    times: list[float] = []
    while len(times) < REPEAT:
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
        if times[-1] > SLOW:
            break
    return statistics.median(times)


def _paired(ours: object, bare: object) -> tuple[float, float]:
    """Medians of ``ours`` and ``bare`` run alternately, so both see the same machine load."""
    times: tuple[list[float], list[float]] = ([], [])
    while len(times[0]) < REPEAT:
        for run, kept in ((ours, times[0]), (bare, times[1])):
            start = time.perf_counter()
            run()  # type: ignore[operator]
            kept.append(time.perf_counter() - start)
        if times[0][-1] > SLOW:
            break
    return statistics.median(times[0]), statistics.median(times[1])


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(engine: str, data: Path, work: Path, export_lookup: bool = False) -> dict[str, object]:
    """One engine on one file: load, queries, Turtle export, peak memory."""
    out: dict[str, object] = {}
    start = time.perf_counter()
    if engine == "rdflib":
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(data, format="nquads")
        out["load_s"] = time.perf_counter() - start
        out["load_peak_mb"] = _peak_mb()
        for name, q in QUERIES.items():
            out[f"q:{name}"] = _median(lambda q=q: list(ds.query(PROLOGUE + q)))
        start = time.perf_counter()
        ds.serialize(format="turtle")
        out["turtle_s"] = time.perf_counter() - start
    else:
        import pyoxigraph as ox

        if engine == "pyoxigraph":
            inner = ox.Store(str(work / "bare"))
            inner.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            out["load_s"] = time.perf_counter() - start
            out["load_peak_mb"] = _peak_mb()

            def ask(q: str) -> object:
                return list(inner.query(PROLOGUE + q, use_default_graph_as_union=True))
        else:
            from policygraph.loading import load_files
            from policygraph.stores.disk import open_reader

            load_files(work / "store", [data])
            out["load_s"] = time.perf_counter() - start
            out["load_peak_mb"] = _peak_mb()
            store = open_reader(work / "store")
            inner = store.inner

            def ask(q: str) -> object:
                return list(store.query(PROLOGUE + q))

            def bare(q: str) -> object:  # the same store: its default graph is the union
                return list(inner.query(PROLOGUE + q))

        for name, q in QUERIES.items():
            if engine == "pyoxigraph":
                out[f"q:{name}"] = _median(lambda q=q: ask(q))
            else:
                out[f"q:{name}"], out[f"same:{name}"] = _paired(
                    lambda q=q: ask(q), lambda q=q: bare(q)
                )
        if engine == "policygraph" and export_lookup:
            from tests.benchmarks.bench_export_lookup import measure_all

            store.close()
            out["export_lookup"] = measure_all(work / "store")
        start = time.perf_counter()
        inner.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        ).serialize(format=ox.RdfFormat.TURTLE)
        out["turtle_s"] = time.perf_counter() - start
    out["peak_mb"] = _peak_mb()
    return out


def run_child(engine: str, data: Path, export_lookup: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work:
        text = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.benchmarks.bench_store",
                "--child",
                engine,
                str(data),
                work,
                *(["--export-lookup"] if export_lookup else []),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
    result: dict[str, object] = json.loads(text)
    return result


def _f(result: dict[str, object], key: str) -> float:
    return float(result[key])  # type: ignore[arg-type]


def report(results: dict[tuple[int, str], dict[str, object]]) -> str:
    sizes = sorted({size for size, _ in results})
    lines = [
        "# Store benchmark",
        "",
        "`make bench` (`python -m tests.benchmarks.bench_store`): a synthetic policy graph "
        "(tests/benchmarks/synthetic.py, N-Quads), each engine in its own process. Engines: "
        "`policygraph` = `policygraph load` into the embedded store, then queries through "
        "`Store.query` (rdflib results); `pyoxigraph` = bare `bulk_load` and `query`; `rdflib` = "
        "rdflib's in-memory Dataset. Query times are medians of 5 runs (one run when slower "
        "than 2 s), in ms; named queries run "
        "with their parameters unbound. `policygraph / bare` divides times taken in two "
        "processes run one after the other; `same process` divides times taken in the "
        "policygraph process, each query run alternately through `Store.query` and bare "
        "`pyoxigraph` on the same store, so both see the same machine load. Turtle = "
        "CONSTRUCT of the union graph serialized by Oxigraph (rdflib: `serialize`).",
        "",
        "## Load, export, memory",
        "",
        "| triples | engine | load s | triples/s | Turtle s | peak MB after load | peak MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for (_size, engine), r in sorted(results.items()):
        load = _f(r, "load_s")
        lines.append(
            f"| {int(_f(r, 'triples')):,} | {engine} | {load:.2f} | {_f(r, 'triples') / load:,.0f} "
            f"| {_f(r, 'turtle_s'):.2f} | {_f(r, 'load_peak_mb'):.0f} | {_f(r, 'peak_mb'):.0f} |"
        )
    for size in sizes:
        engines = [e for e in ("policygraph", "pyoxigraph", "rdflib") if (size, e) in results]
        lines += ["", f"## Queries at {size:,} triples (ms)", ""]
        lines.append("| query | " + " | ".join(engines) + " | policygraph / bare | same process |")
        lines.append("|---|" + "---|" * (len(engines) + 2))
        for name in QUERIES:
            cells = [f"{1000 * _f(results[(size, e)], f'q:{name}'):.1f}" for e in engines]
            ours = results[(size, "policygraph")]
            bare = _f(results[(size, "pyoxigraph")], f"q:{name}")
            lines.append(
                f"| {name} | "
                + " | ".join(cells)
                + f" | {_f(ours, f'q:{name}') / bare:.2f}"
                + f" | {_f(ours, f'q:{name}') / _f(ours, f'same:{name}'):.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rdflib-max", type=int, default=100_000)
    parser.add_argument("--child", nargs=3)
    parser.add_argument(
        "--export-lookup",
        action="store_true",
        help="also time export and show/search on the policygraph store (bench_export_lookup)",
    )
    parser.add_argument("--output", default=str(ROOT / "docs" / "bench-store.md"))
    args = parser.parse_args()
    if args.child:
        engine, data, work = args.child
        print(json.dumps(measure(engine, Path(data), Path(work), args.export_lookup)))
        return
    results: dict[tuple[int, str], dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            data = Path(tmp) / f"synthetic-{size}.nq"
            triples = synthetic.write(data, size)
            for engine in ("policygraph", "pyoxigraph", "rdflib"):
                if engine == "rdflib" and size > args.rdflib_max:
                    continue
                result = run_child(engine, data, args.export_lookup)
                result["triples"] = triples
                results[(size, engine)] = result
                print(size, engine, json.dumps(result), flush=True)
    Path(args.output).write_text(report(results), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
