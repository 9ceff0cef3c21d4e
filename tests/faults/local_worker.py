"""`dpg worker` as the fault tests run it: allowed to clone from the test's own git server on 127.0.0.1.

The worker clones only https addresses of public hosts (see dpg_registry/checks/remote.py). This lifts that
one rule, as the ``local_repositories`` fixture does in the tests' own process, and changes nothing else.
Run it as ``python -m tests.faults.local_worker worker [OPTIONS]``.
"""

import sys

from dpg_registry import cli
from dpg_registry.checks import run

run.public_clone_options = lambda url: []

if __name__ == "__main__":
    cli.main(sys.argv[1:])
