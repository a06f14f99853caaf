"""How the tests and benchmarks start Debian's headless Chromium (never a downloaded browser)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
#: Headless, no sandbox (CI runs as root), and no background traffic on a closed network.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
