"""Small, fast language helpers for the rule checks: words, names and attribution."""
