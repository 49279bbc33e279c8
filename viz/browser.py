"""Headless Chromium for the view tests and benchmarks, driven by Playwright for Python.

Playwright drives the system's Chromium (Debian's `chromium` package) through
`executable_path`; `playwright install` is never needed, which matters here because
downloading a browser build is impossible. Each launch gets a fresh temporary profile
(Playwright passes its own --user-data-dir) and every request the page makes is checked:
anything not on this machine is aborted and recorded, so a view that reached for a CDN
fails its test.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class NoBrowser(RuntimeError):
    """No Chromium (or no Playwright) here; the message says what to install."""


def chromium_path() -> str:
    for cand in (os.environ.get("REKG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if cand and (path := shutil.which(cand)):
            return path
    raise NoBrowser("no Chromium found: install Debian's `chromium` (apt-get install -y chromium) "
                    "or set REKG_CHROMIUM to a Chromium binary")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS or (parts.hostname or "").startswith("127.")


@contextmanager
def launch() -> Iterator[object]:
    """A Playwright Browser on the system Chromium, headless."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise NoBrowser(f"Playwright for Python is missing ({exc}): pip install playwright") from None
    exe = chromium_path()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page whose console errors, page errors and non-local requests are collected."""

    def __init__(self, browser, width: int = 1280, height: int = 800, bypass_csp: bool = False):
        # bypass_csp: to prove that escaping alone stops injected markup, not just the page's CSP
        self.context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.errors.append(f"console.error: {msg.text}")
        elif msg.type == "warning":
            self.warnings.append(msg.text)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def wait_stable(self, timeout_ms: int = 120_000) -> None:
        """Until the view says it is drawn and its layout has settled."""
        self.page.wait_for_selector("html[data-rekg=stable]", state="attached", timeout=timeout_ms)

    def close(self) -> None:
        self.context.close()
