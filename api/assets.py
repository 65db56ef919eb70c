"""The browser assets the app serves itself, so the web explorer's graph view (/), GraphiQL (/graphql)
and Swagger UI (/docs) work on a machine without internet: every script and stylesheet comes from `api/web_assets/node_modules`,
installed at set-up (`make setup`: `npm install --prefix api/web_assets`, versions pinned in its
package.json and lock) from the npm registry, never from a CDN at run time.

| package | version | licence | used by |
|---|---|---|---|
| react, react-dom | 18.2.0 | MIT | GraphiQL |
| graphiql | 3.8.3 | MIT | /graphql |
| @graphiql/plugin-explorer | 1.0.2 | MIT | /graphql |
| js-cookie | 3.0.5 | MIT | /graphql |
| swagger-ui-dist | 5.17.14 | Apache-2.0 | /docs |
| cytoscape | 3.35.0 | MIT | the explorer's graph view (/paper/{id}, /entity/{id}) |

GraphiQL's page is strawberry's own, with each `https://unpkg.com/<package>@<version>/<file>` rewritten to
`/assets/<package>/<file>`; its subresource-integrity hashes stay and still match (the npm files are the
ones unpkg serves).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from strawberry.http.ides import get_graphql_ide_html

# Where `npm install --prefix api/web_assets` put them; an installed image names its own folder.
NODE_MODULES = Path(os.environ.get("PAPERGRAPH_ASSETS_DIR")
                    or Path(__file__).resolve().parent / "web_assets" / "node_modules")

# /assets/<name> -> the file under node_modules: only these are served.
ASSETS: dict[str, str] = {
    "react/umd/react.production.min.js": "react/umd/react.production.min.js",
    "react-dom/umd/react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
    "js-cookie/dist/js.cookie.min.js": "js-cookie/dist/js.cookie.min.js",
    "graphiql/graphiql.min.css": "graphiql/graphiql.min.css",
    "graphiql/graphiql.min.js": "graphiql/graphiql.min.js",
    "@graphiql/plugin-explorer/dist/style.css": "@graphiql/plugin-explorer/dist/style.css",
    "@graphiql/plugin-explorer/dist/index.umd.js": "@graphiql/plugin-explorer/dist/index.umd.js",
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "cytoscape/dist/cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
}
_MEDIA = {".js": "text/javascript", ".css": "text/css"}
_UNPKG = re.compile(r"https://unpkg\.com/((?:@[^/@\"]+/)?[^/@\"]+)@[^/\"]+/([^\"]+)")


@cache
def graphiql_html() -> str:
    """Strawberry's GraphiQL page with every CDN URL pointing at /assets (built once per process)."""
    html = _UNPKG.sub(lambda m: f"/assets/{m.group(1)}/{m.group(2)}", get_graphql_ide_html("graphiql"))
    missing = [url for url in re.findall(r'(?:src|href)="(/assets/[^"]+)"', html)
               if url.removeprefix("/assets/") not in ASSETS]
    if missing or "https://unpkg.com" in html:
        raise RuntimeError(f"GraphiQL's page asks for assets this app does not serve: {missing}")
    return html


def build_router(openapi_url: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/assets/{name:path}")
    async def asset(name: str) -> FileResponse:
        relative = ASSETS.get(name)
        path = NODE_MODULES / relative if relative else None
        if path is None or not path.is_file():
            raise HTTPException(404, f"no asset {name!r}" + ("" if relative is None else
                                                           ": run `make setup` to install the browser assets"))
        return FileResponse(path, media_type=_MEDIA.get(path.suffix, "application/octet-stream"),
                            headers={"Cache-Control": "public, max-age=86400"})

    @router.get("/favicon.ico")
    async def favicon() -> Response:
        return Response(status_code=204)  # pages carry their own icons; this only stops a 404 in the console

    @router.get("/docs")
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url, title="papergraph API",
            swagger_js_url="/assets/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url="/assets/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url="data:,")

    return router
