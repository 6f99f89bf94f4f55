# Two commands for a fresh machine (see README.md):
#   make run    set up, build the food database if needed, start the dashboard
#   make test   set up, build the food database if needed, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test setup db browser bench lint clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
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

bench: db
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache
