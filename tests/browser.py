"""Headless Chromium for the browser tests, with the network closed and every request logged.

Debian's `chromium` and `chromium-driver` packages (/usr/bin/chromium, /usr/bin/chromedriver).
Without them the tests skip with the command that installs them; with CI=true they fail instead,
because CI (.ci/run) installs them and a skip there would hide a broken view.
"""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

INSTALL = "apt-get install -y chromium chromium-driver"
# Flags a closed network needs (no background calls home, no QUIC), plus a proxy on a dead port and
# a resolver that finds nothing, so a request to any other host fails instead of leaving the machine.
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--window-size=1400,900", "--allow-file-access-from-files")
# chrome:// and chrome-untrusted:// are the browser's own pages (its start page loads them), not hosts.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:", "devtools:", "chrome:", "chrome-untrusted:")


def find_chromium():
    """Return (chromium, chromedriver) paths, or skip (fail under CI=true) saying how to install them."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    message = f"Chromium and ChromeDriver are needed for the browser tests: install them with `{INSTALL}`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def start_chromium(profile_dir):
    """Start headless Chromium with a fresh profile; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = find_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


class Page:
    """One page opened in the shared browser, with what it logged and requested while loading."""

    def __init__(self, driver, path, timeout=30):
        self.driver = driver
        driver.get_log("browser")
        driver.get_log("performance")
        started = time.monotonic()
        driver.get(Path(path).resolve().as_uri())
        self.wait(lambda d: d.execute_script("return window.kgReady === true"), timeout)
        self.seconds = time.monotonic() - started
        self.console = driver.get_log("browser")
        self.requests = requests(driver.get_log("performance"))

    def wait(self, condition, timeout=10):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(condition)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def errors(self):
        return [entry for entry in self.console if entry["level"] == "SEVERE"]

    def remote_requests(self):
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    def node_spot(self, node_id):
        return self.js("var v = window.kgView.network; var p = v.canvasToDOM(v.getPosition(arguments[0]));"
                       "return [p.x, p.y];", node_id)

    def click_node(self, node_id):
        """Click the node where it is drawn on the canvas."""
        self.click_at(*self.node_spot(node_id))

    def hover_node(self, node_id):
        self._pointer(*self.node_spot(node_id)).perform()

    def click_at(self, x, y):
        """Click at (x, y) pixels from the top left corner of the network's canvas."""
        self._pointer(x, y).click().perform()

    def _pointer(self, x, y):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By

        canvas = self.driver.find_element(By.CSS_SELECTOR, "#network canvas")
        width, height = canvas.size["width"], canvas.size["height"]
        return ActionChains(self.driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2))

    def details(self):
        return self.js("return document.getElementById('details').textContent")


def requests(performance_log):
    """Return every URL the page asked for, from Chromium's DevTools network events."""
    urls = []
    for entry in performance_log:
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
