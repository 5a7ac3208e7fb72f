"""Test data built with wagtail-factories and factory_boy (development dependencies).

One module per app: ``portal`` (home and content pages), ``opportunities`` (the
catalogue and its taxonomies), ``events`` and ``stories``. The demo content
(``manage.py load_demo_content``) builds its pages with plain Wagtail instead, so the
product does not need these packages.
"""
