"""The dataset's records: validated models of municipalities, memberships, population
figures, budget lines and settings (``models``), the field parsers they share (``fields``) and
look-ups of members by code or name (``lookup``). Pure: no I/O.
"""
