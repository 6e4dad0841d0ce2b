"""The invoice register's storage: the SQLite database and the protocol that issues documents.

An edge like ``loading`` and ``rendering``: the only code that opens the register and
that moves issued files into place. The rules it applies live in the core
(:mod:`norrort_cost.invoicing.register`).
"""
