"""Package manifests and lock files read as plain data, for every detector that needs them.

Manifests are parsed as data (never executed, so setup.py and build scripts are read as text or
not at all); lock files are scanned for package names only, because they are often too large to
parse and names are all a match needs. One module per ecosystem family holds its dependency
parsers, ``kinds`` says which parser reads which file, and ``inventory`` lists a tree's
dependencies once per check. ``licences`` and ``links`` read the licence fields and the
documentation addresses that manifests state, as written: what they mean is for the detectors.
"""
