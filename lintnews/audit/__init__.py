"""``lintnews audit``: lint a whole archive into Parquet, JSON Lines and an HTML report.

Files stream through in batches (serially, in a process pool, or on a Dask cluster); each
finished batch is committed to a SQLite state file in the output folder, so an interrupted
audit resumes where it stopped and a re-run lints only the files that changed. The outputs
are exported from that state at the end of a complete run.
"""
