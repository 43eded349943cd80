"""The checker process: documents are scored in a child process, never in the server's.

The server's event loop only reads and writes messages, so it answers ``initialize``, hovers
and code actions at once whatever a document holds. The child loads the model once, at start,
and then checks one :class:`~credscore.lsp.results.Job` at a time. A check that runs longer
than :data:`TIMEOUT` seconds, or a child that dies, is reported on the document as one
diagnostic and the child is started again for the next job.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection

from credscore.lsp.results import Analysis, Job

__all__ = ["TIMEOUT", "Checker"]

TIMEOUT = 120.0
"""Seconds a document may take to check (the documented size limit takes far less)."""


def _serve(conn: Connection) -> None:
    """The child's loop: load the model, then answer jobs until the pipe closes."""
    import os
    import sys

    # Standard output is the editor's channel: whatever the child might print goes to stderr.
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from credscore.lsp.analysis import analyse
    from credscore.lsp.project import Project
    from credscore.scorer import default_scorer

    default_scorer()  # the model, loaded once, before the first document arrives
    project = Project()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = analyse(job, project)
        except Exception as exc:  # noqa: BLE001 - a bug must cost one document, not the session
            result = Analysis.failed(
                f"credscore could not check this document ({type(exc).__name__}: {exc})"
            )
        conn.send(result)


class Checker:
    """The child process, started on first use (or by :meth:`start`) and again after it
    stops. :meth:`check` blocks; call it from one thread at a time."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the child (it loads the model while the server answers the editor)."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                context = multiprocessing.get_context("spawn")
                parent, child = context.Pipe()
                process = context.Process(
                    target=_serve, args=(child,), name="credscore-lsp-checker", daemon=True
                )
                process.start()
                child.close()
                self._process, self._conn = process, parent

    def check(self, job: Job) -> Analysis:
        """Check one document; a timeout or a dead child gives an Analysis that says so."""
        self.start()
        conn = self._conn
        assert conn is not None
        try:
            conn.send(job)
            if conn.poll(self.timeout):
                return conn.recv()
            why = f"checking this document took more than {self.timeout:g} seconds; stopped"
        except (EOFError, OSError, BrokenPipeError):
            why = "the checker process stopped while checking this document"
        self.stop()
        return Analysis.failed(f"credscore: {why}")

    def stop(self) -> None:
        """Stop the child (it is started again by the next check)."""
        with self._lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
        if conn is not None:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
            conn.close()
        if process is not None:
            process.join(0.5)
            if process.is_alive():
                process.kill()
                process.join(2)
