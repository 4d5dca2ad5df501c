"""Start the dashboard in a background `streamlit run` and drive it with Debian's chromium through
Playwright (no browser download): shared by tests/test_browser.py and scripts/screenshot.py."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def chromium_path() -> str | None:
    for candidate in (os.environ.get("RASD_CHROMIUM", ""), *CHROMIUM_CANDIDATES):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dashboard_server(db_path: str | os.PathLike, port: int | None = None, log_path: str | os.PathLike | None = None,
                     timeout: float = 60.0) -> Iterator[str]:
    """Run `streamlit run dashboard.py` on the given database; yields its URL once it answers."""
    port = port or free_port()
    env = dict(os.environ, RASD_DB=str(db_path))
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py"),
           "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {proc.returncode} (log: {log_path})")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer on {url} within {timeout:.0f} s")
            time.sleep(0.2)   # polling the health endpoint until it answers
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if log_path:
            log.close()


# JavaScript run inside the map's iframe: how many events the map shows (cluster labels count events;
# single markers count one each; '12k' labels only appear above 10,000 and are read as thousands).
MAP_EVENT_COUNT_JS = """() => {
    if (!window.L || !document.querySelector('.leaflet-container')) { return -1; }
    let total = 0;
    document.querySelectorAll('.rasd-cluster span').forEach(s => {
        const t = s.textContent.trim();
        total += t.endsWith('k') ? parseFloat(t) * 1000 : parseInt(t, 10);
    });
    return total + document.querySelectorAll('path.rasd-marker').length;
}"""


def map_frame(page):
    """The Frame of the folium map (streamlit-folium renders it in an iframe), or None."""
    handle = page.query_selector(MAP_FRAME)
    return handle.content_frame() if handle else None


def map_event_count(page) -> int:
    frame = map_frame(page)
    if frame is None:
        return -1
    try:
        return int(frame.evaluate(MAP_EVENT_COUNT_JS))
    except Exception:  # the iframe is being replaced by a rerun
        return -1
