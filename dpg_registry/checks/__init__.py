"""`dpg check`: an offline first pass over a repository against the DPG Standard.

It reads files and never runs anything from the repository. Each detector (one module in
``detectors/``) looks for one kind of signal and returns findings with their evidence; ``run``
walks the tree within fixed limits, calls the detectors and sums their findings up per indicator.
Nothing here needs the database, so the command works on any machine with the package installed.
"""
