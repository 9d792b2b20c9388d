"""Beyond one machine: `vedette batch` writes Parquet tables with the local process pool or
on Apache Spark, and `vedette load` brings them into a store.

Both engines share the readers, the per-partition analysis and the output layout
(`layout`), and the provenance code (`bridge`); only scheduling differs. Entry points:
`run.run_batch` and `load.load_tables` (imported from their modules, so that importing this
package stays cheap for the CLI).
"""
