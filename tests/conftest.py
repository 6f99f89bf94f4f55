"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
#: Read-only material beside the checkout (real export samples); tests skip when absent.
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _private_user_data(tmp_path_factory):
    """Never touch the real user's database or match cache: every test session gets its own folder."""
    folder = tmp_path_factory.mktemp("user-data")
    private = {"MINERALOG_DATA_DIR": str(folder), "MINERALOG_MATCH_CACHE": str(folder / "match-cache.sqlite"),
               "MINERALOG_MATCHER_CACHE": str(folder / "matcher")}
    previous = {name: os.environ.get(name) for name in private}
    os.environ.update(private)
    yield folder
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def food_table():
    """The real food table built from SR28 (``make test`` builds it before the suite)."""
    import food_db

    food_db.ensure_built()
    return food_db.load()


@pytest.fixture
def shared_samples() -> Path:
    folder = SHARED / "samples"
    if not folder.is_dir():
        pytest.skip("../shared/samples is not present on this machine")
    return folder


# --- a real browser against a real server (tests/test_browser.py, tests/test_load.py) ------------------

CHROMIUM = Path("/usr/bin/chromium")
#: Debian's chromium, never a browser downloaded by a test tool; the background-networking flags
#: keep it from calling out (this machine has no network and would refuse it anyway).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


#: Screenshots of the browser tests, for a person to look at (git-ignored).
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def full_page_shot(page, name: str) -> None:
    """Save a full-page screenshot ``test-artifacts/<name>.png``.

    Streamlit scrolls inside its main section (and the sidebar), so the window is grown to
    the tallest of them for the shot, then set back.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    size = dict(page.viewport_size)
    height = page.evaluate("() => Math.max(document.body.scrollHeight, ...Array.from(document.querySelectorAll("
                           "'[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stSidebarContent]'),"
                           " e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 16_000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI installs Debian's chromium (make browser).")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 120) -> bool:
    """Poll Streamlit's health endpoint until it answers; False if the server died or took too long."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


class ServerUrl(str):
    """The server's URL, with the server's process id (``pid``) for :func:`server_cpu_seconds`.

    ``run_times`` is the file where the app writes each script run's wall and CPU seconds
    (``app_pages/_timing.py``); :func:`script_runs` reads it.
    """

    pid: int = 0
    run_times: Path | None = None


def script_runs(url: ServerUrl, after: int = 0) -> list[tuple[str, float, float]]:
    """The script runs the server has finished, from the ``after``-th on: (page, wall s, CPU s of its thread)."""
    if url.run_times is None or not url.run_times.exists():
        return []
    lines = url.run_times.read_text(encoding="utf-8").splitlines()[after:]
    return [(page, float(wall), float(cpu)) for page, wall, cpu in (line.split("\t") for line in lines)]


def server_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) the process ``pid`` has used so far (Linux ``/proc``; 0.0 elsewhere).

    A browser test subtracts two readings to tell the server's work from the browser's drawing.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def browser_cpu_seconds() -> float:
    """CPU seconds used so far by the Chromium renderer and GPU processes this test process started.

    Their drawing (script, layout, paint, raster) counted as CPU, which the machine's other work
    does not inflate as it does wall times.  Linux ``/proc`` only (0.0 elsewhere).
    """
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    mine, total, grown = {os.getpid()}, 0.0, True
    while grown:  # descendants: children of the processes found so far, until no more are found
        found = {pid for pid, parent in parents.items() if parent in mine}
        grown = not found <= mine
        mine |= found
    for pid in mine - {os.getpid()}:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"--type=renderer" in command or b"--type=gpu-process" in command:
            total += server_cpu_seconds(pid)
    return total


@pytest.fixture(scope="module")
def streamlit_server(tmp_path_factory) -> str:
    """``streamlit run app.py`` on a free loopback port, with its own user-data folder; yields its URL."""
    port = _free_port()
    data_dir = tmp_path_factory.mktemp("browser-user-data")
    logs = tmp_path_factory.mktemp("browser-log")
    log = (logs / "streamlit.log").open("w")
    env = {**os.environ, "MINERALOG_DATA_DIR": str(data_dir), "MINERALOG_RUN_TIMES": str(logs / "runs.tsv")}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = ServerUrl(f"http://127.0.0.1:{port}")
    url.pid = process.pid
    url.run_times = logs / "runs.tsv"
    if not wait_until_healthy(url, process):
        process.kill()
        pytest.fail(f"streamlit did not start (log: {log.name})")
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
