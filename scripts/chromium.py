"""The headless Chromium that the browser tests and the HTML scripts drive: Debian's, offline.

Playwright never downloads a browser here; it launches ``/usr/bin/chromium``
(``apt-get install chromium``) with the flags below. One place for both, so the tests
and the scripts (screenshot, HTML benchmark) run the same browser the same way.
"""

CHROMIUM = "/usr/bin/chromium"
#: No sandbox (CI runs as root in a container), no GPU, nothing that reaches the network by itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """Launch headless Chromium with :data:`CHROMIUM_ARGS` from a ``sync_playwright()`` instance."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
