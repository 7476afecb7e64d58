"""The rules: load and validate rule packs, select them, compile their patterns, run them."""
