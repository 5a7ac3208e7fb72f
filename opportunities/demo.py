"""Demo content for the catalogue (added by the catalogue work)."""


def create_demo_content(stdout, options):
    return None
