"""Reports: baselines, changed-lines filters and the output formats."""
