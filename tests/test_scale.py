"""Large runs: worker processes, resuming, the Dask engine, Parquet output and ``load``.

Each path must store the same items as the default one (one process, straight into the
database). The Dask tests start a real LocalCluster (in-process workers, so the session's
spaCy pipeline is reused); the PostgreSQL comparison needs ``COUNTERPOINT_TEST_PG`` (see
tests/test_store_postgres.py).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from spacy.language import Language

from counterpoint.errors import CounterpointError
from counterpoint.ingest import iter_documents
from counterpoint.pipeline import analyze
from counterpoint.records import Extraction
from counterpoint.scale.dask_engine import run_dask
from counterpoint.scale.inputs import count_inputs
from counterpoint.scale.load import load_parquet
from counterpoint.scale.parquet import read_part, written_keys
from counterpoint.store import Store

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
CLI = Path(sys.executable).parent / "counterpoint"


def _all(store: Store) -> dict[str, Extraction]:
    return {d.sha256: store.load_extraction(d.id) for d in store.list_documents()}


def _shuffled_corpus(directory: Path, *, documents: int, sentences: int, seed: int = 7) -> Path:
    """Documents of example sentences drawn at random (generated, never committed)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    pool = [s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4]
    rng = random.Random(seed)
    directory.mkdir(parents=True)
    for i in range(documents):
        body = ". ".join(rng.choice(pool) for _ in range(sentences))
        (directory / f"doc-{i:03d}.txt").write_text(f"Article {i}\n\n{body}.\n", encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def default_run(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Extraction]:
    path = tmp_path_factory.mktemp("default") / "default.db"
    with Store.open(str(path)) as store:
        analyze([EXAMPLES], store=store, nlp=nlp)
        return _all(store)


def test_count_inputs_counts_what_ingest_yields(tmp_path: Path) -> None:
    corpus = _shuffled_corpus(tmp_path / "c", documents=3, sentences=3)
    (corpus / "README.md").write_text("skipped\n", encoding="utf-8")
    (corpus / "more.jsonl").write_text(
        '{"text": "One.", "name": "a"}\n\n{"text": "Two.", "name": "b"}\n', encoding="utf-8"
    )
    assert count_inputs([corpus, EXAMPLES]) == len(list(iter_documents([corpus, EXAMPLES])))


def test_two_workers_store_what_one_process_stores(
    default_run: dict[str, Extraction], tmp_path: Path
) -> None:
    ticks: list[object] = []
    with Store.open(str(tmp_path / "w.db")) as store:
        result = analyze([EXAMPLES], store=store, workers=2, progress=ticks.append)
        assert result.stored == len(default_run) == len(ticks)
        assert _all(store) == default_run
        again = analyze([EXAMPLES], store=store, workers=2, keep_extractions=False)
    assert (again.stored, again.unchanged, again.extractions) == (0, len(default_run), ())


def test_dask_parquet_and_load_store_what_the_default_path_stores(
    default_run: dict[str, Extraction], tmp_path: Path
) -> None:
    from distributed import LocalCluster

    out = tmp_path / "parquet"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False) as cluster:
        ran = run_dask(
            [EXAMPLES],
            directory=out,
            scheduler=cluster.scheduler_address,
            workers=1,
            batch_documents=1,
        )
        assert len(ran.written) == ran.parts == len(default_run)
        with pytest.raises(CounterpointError, match="already holds Parquet output"):
            run_dask([EXAMPLES], directory=out, scheduler=cluster.scheduler_address, workers=1)
        resumed = run_dask(
            [EXAMPLES], directory=out, scheduler=cluster.scheduler_address, workers=1, resume=True
        )
        assert (resumed.written, resumed.skipped) == ((), len(default_run))
    # Readable as one table per dataset by any Parquet reader.
    events = ds.dataset(out / "events", format="parquet").to_table()
    assert events.num_rows == sum(len(e.events) for e in default_run.values())
    assert set(events.column("sha256").to_pylist()) <= set(default_run)
    assert {sha for sha, _ in written_keys(out)} == set(default_run)
    with Store.open(str(tmp_path / "loaded.db")) as store:
        loaded = load_parquet(out, store)
        assert (loaded.stored, loaded.unchanged, loaded.errors) == (len(default_run), 0, ())
        assert _all(store) == default_run
        assert load_parquet(out, store).unchanged == len(default_run)


def test_load_refuses_a_directory_without_parquet(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "x.db")) as store, pytest.raises(CounterpointError):
        load_parquet(tmp_path, store)


def test_postgresql_path_stores_what_the_default_path_stores(
    default_run: dict[str, Extraction], nlp: Language
) -> None:
    from test_store_postgres import postgres_schema

    with postgres_schema() as url, Store.open(url) as store:
        analyze([EXAMPLES], store=store, nlp=nlp)
        assert _all(store) == default_run


def test_interrupted_cli_run_resumes_without_losing_anything(tmp_path: Path) -> None:
    corpus = _shuffled_corpus(tmp_path / "corpus", documents=12, sentences=30)
    db = tmp_path / "resume.db"
    command = [str(CLI), "analyze", str(corpus), "--db", str(db), "--workers", "1"]
    process = subprocess.Popen([*command, "--format", "json"], stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with Store.open(str(db)) as store:
                    stored = len(store.list_documents())
            except CounterpointError:
                stored = 0
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 130
    first = json.loads(output)
    assert first["interrupted"] and 0 < first["stored"] < 12
    resumed = subprocess.run(
        [*command, "--resume", "--format", "json"], capture_output=True, text=True, check=True
    )
    second = json.loads(resumed.stdout)
    assert second["unchanged"] == first["stored"]
    assert second["stored"] + second["unchanged"] == 12
    with Store.open(str(db)) as store:
        names = sorted(d.name for d in store.list_documents())
    assert names == sorted(p.name for p in corpus.iterdir())


def test_cli_load_reads_dask_output(tmp_path: Path, default_run: dict[str, Extraction]) -> None:
    from distributed import LocalCluster

    out = tmp_path / "pq"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False) as cluster:
        run_dask([EXAMPLES], directory=out, scheduler=cluster.scheduler_address, workers=1)
    assert sum(len(read_part(out, p.stem)) for p in (out / "documents").glob("*.parquet")) == 2
    db = tmp_path / "cli.db"
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [str(CLI), "load", str(out), "--db", str(db), "--format", "json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert json.loads(done.stdout)["stored"] == len(default_run)
    with Store.open(str(db)) as store:
        assert _all(store) == default_run


def _group(pgid: int) -> set[int]:
    """The live processes of process group ``pgid`` (from /proc; Linux)."""
    members = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.add(int(stat.parent.name))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_the_parent_is_killed_alone(tmp_path: Path) -> None:
    corpus = _shuffled_corpus(tmp_path / "corpus", documents=40, sentences=40)
    command = [str(CLI), "analyze", str(corpus), "--db", str(tmp_path / "k.db"), "--workers", "2"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    # parent, forkserver, resource tracker and two workers: wait for the workers to exist
    while len(_group(process.pid)) < 5 and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before its workers started"
        time.sleep(0.05)
    helpers = _group(process.pid) - {process.pid}
    assert len(helpers) >= 4
    os.kill(process.pid, signal.SIGKILL)  # the parent only, as the OOM killer would
    process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _group(process.pid)
    if left:
        os.killpg(process.pid, signal.SIGKILL)
    assert not left, f"processes {sorted(left)} outlived the killed analyze"


def test_a_started_pool_is_shared_by_runs(
    default_run: dict[str, Extraction], tmp_path: Path
) -> None:
    from counterpoint.extract import ExtractOptions
    from counterpoint.scale.workers import WorkerPool

    with WorkerPool(2, fast=False, options=ExtractOptions()) as pool:
        assert pool.start() is pool
        for name in ("a.db", "b.db"):
            with Store.open(str(tmp_path / name)) as store:
                result = analyze([EXAMPLES], store=store, pool=pool, keep_extractions=False)
                assert result.stored == len(default_run)
                assert _all(store) == default_run
