# The papergraph API image (see docker-compose.yml). torch comes first from the CPU wheel index:
# the default torch wheel pulls several GB of CUDA libraries this service never uses.
# The browser assets (cytoscape.js, GraphiQL, Swagger UI) come from the npm registry at build time; see api/assets.py.
FROM node:20-slim AS assets
WORKDIR /assets
COPY api/web_assets/package.json api/web_assets/package-lock.json ./
RUN npm install --no-audit --no-fund

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1

RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

WORKDIR /app
COPY pyproject.toml README.md cli.py ./
COPY graph ./graph
COPY api ./api
COPY ingest ./ingest
COPY ontology ./ontology
RUN pip install .
# The ONNX embedding models, exported once from the packaged weights (see graph/onnx_embedding.py).
ENV PAPERGRAPH_MODEL_CACHE_DIR=/opt/papergraph/models
RUN python -m graph.onnx_embedding /opt/papergraph/models
COPY --from=assets /assets/node_modules /opt/papergraph/assets
ENV PAPERGRAPH_ASSETS_DIR=/opt/papergraph/assets

RUN useradd --create-home --uid 10001 papergraph \
    && mkdir -p /data/papergraph /data/reports \
    && chown -R papergraph /data/papergraph
USER papergraph

ENV PAPERGRAPH_HOST=0.0.0.0 \
    PAPERGRAPH_PORT=8000 \
    PAPERGRAPH_DATA_DIR=/data/papergraph
EXPOSE 8000
CMD ["papergraph", "serve"]
