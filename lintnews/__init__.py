"""lintnews: a linter for news and blog drafts."""

__version__ = "0.1.0"
