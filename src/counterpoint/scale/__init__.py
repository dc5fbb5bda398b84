"""Analysing large corpora: worker processes on one machine, Dask across many, Parquet.

- :mod:`counterpoint.scale.workers`: ``analyze --workers N``, a process pool where each
  worker builds the spaCy pipeline once and extracts batches of documents; the parent
  ingests, skips what is stored, and writes each result in its own transaction.
- :mod:`counterpoint.scale.dask_engine`: ``analyze --engine dask``, the same batches as
  tasks on a dask.distributed cluster, each writing a Parquet part.
- :mod:`counterpoint.scale.parquet`: the Parquet layout (one dataset per item kind).
- :mod:`counterpoint.scale.load`: ``counterpoint load``, Parquet into the database.
"""
