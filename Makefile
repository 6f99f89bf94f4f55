# Two commands for a fresh machine (see README.md):
#   make run    set up, build the food database if needed, start the dashboard
#   make test   set up, build the food database if needed, run the whole test suite
# For development:
#   make check  ruff and mypy (CI runs it before make test)
#   make quick  the test suite without the slow tests (pytest -m "not slow"), about a minute
#   make lock   regenerate requirements-dev.lock from requirements*.txt
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Every package `make run` and `make test` install, pinned with sha256 hashes (see `lock`).
LOCK   := requirements-dev.lock

.PHONY: run test quick check setup db browser bench lint typecheck lock clean

# pip refuses any file whose hash is not in the lock (--require-hashes), so a fresh clone on a
# fresh machine installs exactly the versions CI tested.
$(STAMP): $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q --require-hashes -r $(LOCK)
	touch $(STAMP)

setup: $(STAMP)

db: $(STAMP)
	$(PY) -m food_db build --if-needed

# Browser tests drive Debian's chromium; never a browser downloaded by a test tool.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed: browser tests will be skipped (apt-get install chromium)"; fi; }

run: db
	$(VENV)/bin/streamlit run app.py

test: db browser
	$(PY) -m pytest

quick: db
	$(PY) -m pytest -m "not slow"

bench: db
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Settings for both live in pyproject.toml ([tool.ruff], [tool.mypy]).
typecheck: $(STAMP)
	$(PY) -m mypy

check: lint typecheck

# The lock is made by uv's pip-compatible resolver (`uv pip compile`), not pip-tools: it resolves
# for a named target (CPython 3.11 on x86_64 Linux) whatever machine runs it, writes a plain pip
# requirements file with the hash of every file of each pinned release (so installing needs only
# pip), and it takes seconds. Existing pins are kept unless the ranges force a change; to move
# every pin to the newest release the ranges allow: make lock LOCK_FLAGS=--upgrade
UV_VERSION ?= 0.13.9
LOCK_TOOL  := .venv-lock
LOCK_FLAGS ?=
lock:
	test -x $(LOCK_TOOL)/bin/uv || { $(PYTHON) -m venv $(LOCK_TOOL) && \
	  $(LOCK_TOOL)/bin/pip install --disable-pip-version-check -q uv==$(UV_VERSION); }
	$(LOCK_TOOL)/bin/uv pip compile --quiet requirements-dev.txt $(LOCK_FLAGS) --generate-hashes \
	  --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	  --custom-compile-command "make lock" --output-file $(LOCK)

clean:
	rm -rf $(VENV) $(LOCK_TOOL) .pytest_cache .mypy_cache
