from hypothesis import HealthCheck, settings

# The suite's fuzzing is bounded and reproducible: the same examples on every run and machine, no
# example database. bench/fuzz/run.py runs the same targets with many more random examples.
settings.register_profile("suite", max_examples=120, derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("suite")
