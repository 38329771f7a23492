"""``wenlint server``: a Language Server Protocol server over stdio (pygls).

| module | what |
|---|---|
| ``language_server`` | the server: open documents, debounced linting, diagnostics, code actions, hover |
| ``worker`` | the worker processes that run the document pipeline and place findings in the editor's coordinates |
| ``text`` | an open document's text as lines, cheap to change |
| ``positions`` | LSP positions: lines and UTF-16 (or UTF-8, UTF-32) columns of code-point offsets |
| ``actions`` | quick fixes and the comments that disable a rule for a line or a file |
| ``settings`` | each document's settings as the CLI resolves them, the client's options on top |

It needs the ``server`` extra (pygls, lsprotocol): ``pip install 'wenlint[server]'``.
"""

from __future__ import annotations


def serve() -> int:
    """Serve one client on standard input and output until it says exit:
    0 after a shutdown request, 1 without one (as LSP asks)."""
    from wenlint.server.language_server import server

    server.start_io()
    server.workers.close()
    return 0 if server.shut_down else 1
