.PHONY: run test

run:
	bash scripts/run.sh

# Arguments for pytest, e.g. make test PYTEST_ARGS='-m "not slow"' or PYTEST_ARGS=tests/registry
test:
	bash scripts/test.sh $(PYTEST_ARGS)
