"""Measure the portal under load: ``manage.py benchmark`` and the reliability tests.

Development tooling, not part of the product: the dev and test settings add this app
to ``INSTALLED_APPS`` (for the command); production settings never do, and the
package is left out of what ``pip install .`` installs. It drops databases and
empties Redis, so it stays off servers.

- ``database``: a throwaway database (an SQLite file or a PostgreSQL database of its own).
- ``server``: gunicorn on loopback with production settings, and its workers' memory.
- ``data``: bulk data at scale, the URLs to measure and the SQL query counts (runs
  inside a Django process pointed at the throwaway database).
- ``load``: locust in headless mode, one short run per page.
- ``report``: the Markdown table and the JSON file.
- ``runner``: puts them together.
"""
