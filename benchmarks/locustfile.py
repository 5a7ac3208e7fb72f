"""The load for one page: locust runs this file headless (see ``load.run_locust``).

``BENCHMARK_URLS``: a JSON list of URLs; each request picks one at random.
``BENCHMARK_MISS``: ``1`` makes every GET miss a page cache (see ``MISS``).
``BENCHMARK_KIND``: ``get`` (a plain GET) or ``sign_up`` (GET the form for its CSRF
token, then POST the answers; only the POST is the measured row).
Users wait for nothing between requests, so the server is kept busy.
"""

import json
import os
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, constant, task

URLS = json.loads(os.environ.get("BENCHMARK_URLS", '["/"]'))
KIND = os.environ.get("BENCHMARK_KIND", "get")
FORM = json.loads(os.environ.get("BENCHMARK_FORM", "{}"))
# Cold pass: a parameter no page reads, different on every request, so that every
# request misses a page cache keyed on the full URL and the page is rendered afresh.
MISS = os.environ.get("BENCHMARK_MISS") == "1"
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class PortalVisitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def visit(self):
        url = random.choice(URLS)  # noqa: S311 - not for security
        if KIND == "sign_up":
            self.sign_up(url)
        elif MISS:
            separator = "&" if "?" in url else "?"
            miss = random.getrandbits(48)
            self.client.get(f"{url}{separator}benchmark-miss={miss}", name="page")
        else:
            self.client.get(url, name="page")

    def sign_up(self, url):
        # Each sign-up is a new visitor. Cookies are passed by hand: the production
        # cookies are Secure and __Host- prefixed, which a cookie jar keeps from plain
        # HTTP on 127.0.0.1.
        self.client.cookiejar.clear()
        form = self.client.get(url, name="form")
        match = TOKEN.search(form.content or b"")
        if match is None:
            return
        cookies = "; ".join(_cookie_pairs(form.headers))
        with self.client.post(
            url,
            data=urlencode({**FORM, "csrfmiddlewaretoken": match.group(1).decode()}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.host + url,
                "Cookie": cookies,
            },
            name="page",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            else:
                title = TITLE.search(response.content or b"")
                response.failure(
                    f"status {response.status_code}"
                    + (f": {title.group(1).decode(errors='replace').strip()}" if title else "")
                )


def _cookie_pairs(headers):
    """The "name=value" of every Set-Cookie header in a response."""
    values = headers.getlist("set-cookie") if hasattr(headers, "getlist") else []
    if not values and headers.get("set-cookie"):
        values = [headers.get("set-cookie")]
    return [value.split(";", 1)[0].strip() for value in values]
