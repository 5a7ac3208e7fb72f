"""Demo content for stories (added by the stories work)."""


def create_demo_content(stdout, options):
    return None
