"""Vale compatibility: Vale styles, ``.vale.ini`` projects and Vale's output shapes.

Vale rule files load unchanged and run with Vale's semantics (scopes, ``\\b`` word edges,
quoted text not skipped), on the engine's ordinary extension point: each Vale rule is a
``Rule`` whose ``check`` reads a Vale-style view of the Document (``view.py``) built once per
file. Nothing here is threaded through the core.
"""
