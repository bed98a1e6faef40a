# The two set-up commands of the README: `make run` and `make test`.
# Both create .venv/ from the lock file first (uv is installed with pip when missing).

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
REPORT ?= ../shared/corpus/wuwei-2022-work-report.txt

.PHONY: run test lint venv bench

venv: .venv/.synced

.venv/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || test -x $(UV) || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

run: venv
	.venv/bin/luoshi read $(REPORT)
	.venv/bin/luoshi extract $(REPORT) --format table

lint: venv
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/mypy

test: lint
	.venv/bin/pytest -n 2 --doctest-modules src tests

bench: venv
	.venv/bin/python benchmarks/extract.py
