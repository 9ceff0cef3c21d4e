"""Running the registry: ``dpg migrate``, ``dpg serve``, ``dpg snapshot``, ``dpg backup`` and ``dpg restore``.

The top floor: it may use every app below it (the bundled data's import, the ecosystem's seed, the
snapshot of the public pages), and nothing imports it.
"""
