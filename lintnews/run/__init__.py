"""The run: settings, linting each file (in processes), inline suppressions, the results cache."""
