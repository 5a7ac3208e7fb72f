"""gunicorn hooks for the benchmark and load-test servers (see ``server.GunicornServer``).

``BENCHMARK_READY_DIR``: each worker writes a file named after its process id there
once the app is loaded, so the launcher knows when every worker is ready.
``BENCHMARK_REQUEST_LOG_DIR``: each worker appends "METHOD PATH STATUS" per request to
``requests-<pid>.log`` there (load tests only: it shows which worker served what).
"""

import os
from pathlib import Path


def post_worker_init(worker):
    ready_dir = os.environ.get("BENCHMARK_READY_DIR")
    if ready_dir:
        Path(ready_dir, str(worker.pid)).touch()


def post_request(worker, req, environ, resp):
    log_dir = os.environ.get("BENCHMARK_REQUEST_LOG_DIR")
    if log_dir:
        with open(Path(log_dir, f"requests-{worker.pid}.log"), "a") as log:
            log.write(f"{req.method} {req.path} {str(resp.status).split()[0]}\n")
