"""Write the outputs from the state file: findings.parquet, findings.jsonl, report.html.

Rows stream from SQLite in batches, so memory stays flat whatever the archive's size. Each
file is written beside its final name and renamed into place: a reader never sees half a
file, and an export interrupted midway is simply redone by the next run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from .state import State

PARQUET_NAME = "findings.parquet"
JSONL_NAME = "findings.jsonl"
REPORT_NAME = "report.html"
ROWS_PER_BATCH = 5_000  # rows held at once while writing: memory stays flat


def parquet_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("path", pa.string()),
            ("line", pa.int32()),
            ("column", pa.int32()),
            ("end_line", pa.int32()),
            ("end_column", pa.int32()),
            ("rule", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
            ("fix", pa.string()),  # the JSON object check prints, as text (its keys may grow)
            ("date", pa.date32()),
            ("author", pa.string()),
            ("section", pa.string()),
            ("tags", pa.list_(pa.string())),
        ]
    )


def export(state: State, folder: Path, link_base: str | None = None) -> None:
    write_jsonl(state, folder / JSONL_NAME)
    write_parquet(state, folder / PARQUET_NAME)
    from .report import collect, render

    with _replacing(folder / REPORT_NAME) as partial, partial.open("w", encoding="utf-8") as out:
        out.writelines(render(collect(state, link_base, folder)))


def write_jsonl(state: State, path: Path) -> None:
    with _replacing(path) as partial, partial.open("w", encoding="utf-8") as out:
        for row in state.rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_parquet(state: State, path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    with _replacing(path) as partial:
        with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
            for chunk in _chunks(state.rows(), ROWS_PER_BATCH):
                for row in chunk:
                    row["fix"] = None if row["fix"] is None else json.dumps(row["fix"])
                    row["date"] = (
                        None if row["date"] is None else dt.date.fromisoformat(row["date"])
                    )
                writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=schema))


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
