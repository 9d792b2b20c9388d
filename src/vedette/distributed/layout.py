"""Where the batch output lives: one folder per table, part files, markers and a manifest.

Paths are local folders or any URI pyarrow opens (file://, hdfs://, s3:// or s3a://), so the
driver, the executors and the local engine all write through the same calls.
"""

from __future__ import annotations

import posixpath
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

TABLES = ("articles", "quotes", "claims", "events", "places", "rejections", "families")
MANIFEST = "manifest.json"
WORK = "_work"  # intermediate data and markers; not part of the output contract


@dataclass(frozen=True, slots=True)
class Layout:
    """The output folder `uri` (as given) and how to reach it."""

    uri: str

    @property
    def fs(self) -> pafs.FileSystem:
        return _filesystem(self.uri)[0]

    @property
    def root(self) -> str:
        return _filesystem(self.uri)[1]

    @property
    def spark_uri(self) -> str:
        """The folder as Spark names it (a local folder becomes file:///abs/path)."""
        if "://" in self.uri:
            return self.uri.rstrip("/")
        return Path(self.uri).resolve().as_uri()

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def spark_path(self, *parts: str) -> str:
        return posixpath.join(self.spark_uri, *parts)

    def part(self, table: str, name: str) -> str:
        return self.path(table, f"part-{name}.parquet")

    def marker(self, stage: str, name: str) -> str:
        return self.path(WORK, "markers", stage, f"{name}.done")

    def done(self, stage: str) -> set[str]:
        """Names of the units of `stage` that finished (their marker exists)."""
        return {posixpath.basename(p)[: -len(".done")]
                for p in self.files(self.path(WORK, "markers", stage)) if p.endswith(".done")}

    def mark(self, stage: str, name: str) -> None:
        self.write_bytes(self.marker(stage, name), b"")

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def files(self, folder: str) -> list[str]:
        if not self.exists(folder):
            return []
        infos = self.fs.get_file_info(pafs.FileSelector(folder, recursive=False))
        return sorted(i.path for i in infos if i.type == pafs.FileType.File)

    def write_bytes(self, path: str, data: bytes) -> None:
        """Written under a temporary name and renamed: a reader never sees half a file."""
        tmp = _tmp_name(path)
        self.fs.create_dir(posixpath.dirname(path), recursive=True)
        with self.fs.open_output_stream(tmp) as out:
            out.write(data)
        self.fs.move(tmp, path)

    def write_table(self, path: str, table: pa.Table) -> None:
        tmp = _tmp_name(path)
        self.fs.create_dir(posixpath.dirname(path), recursive=True)
        pq.write_table(table, tmp, filesystem=self.fs)
        self.fs.move(tmp, path)

    def read_bytes(self, path: str) -> bytes:
        with self.fs.open_input_stream(path) as src:
            return bytes(src.read())

    def remove(self, path: str) -> None:
        info = self.fs.get_file_info(path)
        if info.type == pafs.FileType.Directory:
            self.fs.delete_dir(path)
        elif info.type == pafs.FileType.File:
            self.fs.delete_file(path)

    def parts(self, table: str) -> list[str]:
        return [p for p in self.files(self.path(table))
                if posixpath.basename(p).startswith("part-") and p.endswith(".parquet")]


def _filesystem(uri: str) -> tuple[pafs.FileSystem, str]:
    if "://" not in uri:
        return pafs.LocalFileSystem(), str(Path(uri).resolve())
    if uri.startswith("s3a://"):  # Hadoop's name for the same bucket
        uri = "s3://" + uri[len("s3a://"):]
    fs, root = pafs.FileSystem.from_uri(uri)
    return fs, root.rstrip("/")


def _tmp_name(path: str) -> str:
    folder, name = posixpath.split(path)
    return posixpath.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
