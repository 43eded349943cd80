"""``credscore lsp``: a Language Server Protocol server over standard input and output.

Editors show credscore's findings under the words while the writer types, with the score on
the first line. Needs the optional ``lsp`` extra (pygls): ``pip install 'credscore[lsp]'``.

Modules: :mod:`~credscore.lsp.server` (the LSP side, pygls), :mod:`~credscore.lsp.worker`
(the checker process), :mod:`~credscore.lsp.analysis` (one document checked as ``check``
would), :mod:`~credscore.lsp.edits` (code actions), :mod:`~credscore.lsp.describe` (hover
text and ``credscore/RULES.md``), :mod:`~credscore.lsp.positions` (UTF-16 positions),
:mod:`~credscore.lsp.options` (editor settings), :mod:`~credscore.lsp.project`
(configuration files and models).
"""

from __future__ import annotations

import sys

__all__ = ["serve"]

MISSING_EXTRA = (
    "credscore: error: `credscore lsp` needs the optional 'lsp' extra: pip install 'credscore[lsp]'"
)


def serve() -> int:
    """Run the server on standard input and output until the editor ends the session;
    returns the exit code: 0 after ``shutdown``, 1 when the session ended without it, 2 when
    the ``lsp`` extra is not installed."""
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError as exc:
        print(f"{MISSING_EXTRA} ({' '.join(str(exc).split())})", file=sys.stderr)
        return 2
    import logging

    from credscore.lsp.server import build_server

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    server = build_server()
    server.start_io()
    return 0 if server.shut_down else 1  # as LSP asks: 1 when the editor left without shutdown
