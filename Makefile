# The two set-up commands of the README: `make run` and `make test`.
# Both create .venv/ from the lock file first (uv is installed with pip when missing).

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
DEMO_REPORT := ../shared/corpus/wuwei-2022-work-report.txt
# The State Council's two years, published as they are: the demo's 成绩单.
DEMO_EXTRA := --demo-extra 国务院=../shared/corpus/national/national-2022-work-report.txt \
	--demo-extra 国务院=../shared/corpus/national/national-2023-work-report.txt

.PHONY: run test lint venv bytecode bench wheel compiled test-compiled browser

venv: .venv/.synced

.venv/.synced: pyproject.toml uv.lock Makefile
	@command -v uv >/dev/null 2>&1 || test -x $(UV) || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

# Bytecode compiled at install: the dependencies by uv (--compile-bytecode), luoshi's own source
# here. Where .pyc files are never written (PYTHONDONTWRITEBYTECODE, a read-only install), every
# command would otherwise compile every module it imports again: ~2 s of start-up instead of ~0.1 s.
bytecode: venv
	@.venv/bin/python -m compileall -q src >/dev/null
	@.venv/bin/python -m luoshi.compiled >/dev/null

# `make run`: the portal over a demo ledger of the shared 武威 report (演示数据), at the address it
# prints. `make run REPORT=path`: read one report and extract its figures, on the terminal.
run: bytecode
ifdef REPORT
	.venv/bin/luoshi read $(REPORT)
	.venv/bin/luoshi extract $(REPORT) --format table
else
	.venv/bin/luoshi serve --demo $(DEMO_REPORT) $(DEMO_EXTRA)
endif

# The browser tests drive Debian's Chromium (Playwright with executable_path; no browser download).
# Installed here when missing and this user may; without it the browser tests fail and say so.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] \
		&& (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
		|| echo "make browser: could not install chromium; the browser tests will fail"; }

lint: venv
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/mypy

test: lint browser
	.venv/bin/pytest -n 2 --doctest-modules src tests
	$(MAKE) --no-print-directory test-compiled

# The wheel researchers install: the extraction hot path compiled with mypyc (see pyproject.toml).
# Built from a copy of the sources, so no compiled module lands in src/ to shadow the code you edit.
wheel: dist/.built

dist/.built: pyproject.toml $(shell find src -name '*.py' -o -name '*.toml')
	rm -rf dist && mkdir -p dist
	tmp=$$(mktemp -d) && cp -r src pyproject.toml README.md $$tmp/ \
		&& find $$tmp -name '__pycache__' -prune -exec rm -rf {} + \
		&& HATCH_BUILD_HOOK_ENABLE_MYPYC=1 $(UV) build --wheel --out-dir dist $$tmp \
		&& rm -rf $$tmp
	@touch $@

# A second environment with that wheel installed (same locked dependencies as .venv/).
compiled: .venv-compiled/.synced

.venv-compiled/.synced: dist/.built uv.lock
	rm -rf .venv-compiled
	$(UV) venv --quiet --python $(PYTHON) .venv-compiled
	$(UV) export --frozen --no-emit-project --no-hashes --quiet > dist/requirements.txt
	$(UV) pip install --quiet --compile-bytecode --python .venv-compiled -r dist/requirements.txt dist/luoshi-*.whl
	@touch $@

# The whole suite once more against the compiled wheel (mypyc checks types at run time, and its
# classes have no __slots__ or __dict__ to poke at).
test-compiled: compiled
	.venv-compiled/bin/python -c "import sys, luoshi.extraction.extractor as m; \
		sys.exit(None if m.__file__.endswith('.so') else 'not compiled: ' + m.__file__)"
	cd tests && ../.venv-compiled/bin/python -m pytest -n 2 -p no:cacheprovider --rootdir=.. \
		-c ../pyproject.toml .

bench: bytecode compiled
	.venv/bin/python benchmarks/extract.py
	.venv-compiled/bin/python benchmarks/extract.py
