"""`ruangaman serve` never leaves the browser waiting: a rebuild that stops on a content error
shows that error, in the browser, on every page, until the next rebuild succeeds.

MkDocs' LiveReloadServer, when a rebuild raises, keeps the previous epoch and answers no page
request until a rebuild succeeds ("the server will appear stuck"). Here the server's builder is
wrapped (`show_errors`, from the plugin's `on_serve`): a rebuild that fails is caught, its
message kept, and the build counted as done, so the browsers reload; every HTML request then
gets a page with the message (escaped: it quotes content) and MkDocs' livereload script, so the
page comes back by itself once the editor fixes the file. Also prints the address and "ready"
when the server starts listening (`make serve`)."""

from __future__ import annotations

import html
import logging
import sys
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import MkDocsException

from ruangaman.text import t


@dataclass
class PreviewErrors:
    """The last rebuild's error, if it failed (None: the site as built is shown)."""

    lang: str = "id"
    error: str | None = None

    def page(self) -> bytes:
        title = html.escape(t("commands", "serve.error_title", self.lang))
        fix = html.escape(t("commands", "serve.error_fix", self.lang))
        body = html.escape(self.error or "")
        return (
            f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><h1>{title}</h1><p>{fix}</p>"
            f'<pre style="white-space:pre-wrap">{body}</pre></body></html>'
        ).encode()


class _Collect(logging.Handler):
    """The error messages MkDocs logs during one rebuild."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def show_errors(server: Any, lang: str) -> PreviewErrors:  # noqa: ANN401 - MkDocs' server
    """Wrap `server`'s rebuild and page serving as the module says; print that it is ready."""
    state = PreviewErrors(lang)
    rebuild = server.builder
    serve_request = server._serve_request

    def rebuild_showing_errors() -> None:
        # MkDocs logs a build error's message (a PluginError: the checker's report) and then
        # raises Abort("Aborted with a BuildError!"): the message is taken from the log.
        told = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(told)
        try:
            rebuild()
        except (MkDocsException, SystemExit) as err:
            state.error = "\n".join(told.messages).strip() or str(err).strip()
            print(t("commands", "serve.error_shown", lang), file=sys.stderr, flush=True)
        else:
            state.error = None
        finally:
            logger.removeHandler(told)

    def serve_showing_errors(environ: dict, start_response: Any) -> Any:  # noqa: ANN401
        path = environ.get("PATH_INFO", "")
        if state.error is not None and not path.startswith("/livereload/"):
            if path.endswith("/") or path.endswith(".html"):
                epoch = server._visible_epoch
                content = server._inject_js_into_html(state.page(), epoch)
                start_response(
                    "500 Internal Server Error",
                    [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                )
                return [content]
        return serve_request(environ, start_response)

    server.builder = rebuild_showing_errors
    server._serve_request = serve_showing_errors
    print(t("commands", "serve.ready", lang, url=server.url), flush=True)
    return state
