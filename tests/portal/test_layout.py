"""How the code is laid out: portal/ is the ground, the apps stand on it, and the tooling
(benchmarks/, tests/factories/) stays out of the product."""

import ast
import fnmatch
import tomllib
from pathlib import Path

import pytest

from .fresh_settings import settings_values
from .test_settings import PRODUCTION_ENV

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCT = ("portal", "opportunities", "stories")
TOOLING = ("benchmarks", "tests", "factory", "wagtail_factories", "locust")


def imported_packages(package):
    """Top-level packages each module of ``package`` imports: {module path: {names}}."""
    found = {}
    for path in sorted((BASE_DIR / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(BASE_DIR))] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("portal", {"opportunities", "stories"}),
        ("opportunities", {"stories"}),
        *[(package, set(TOOLING)) for package in PRODUCT],
    ],
)
def test_each_package_imports_only_what_stands_below_it(package, forbidden):
    wrong = {
        module: sorted(names & forbidden)
        for module, names in imported_packages(package).items()
        if names & forbidden
    }
    assert wrong == {}


def test_the_benchmark_command_is_installed_in_development_and_tests_only():
    production = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    check = "'benchmarks' in s.INSTALLED_APPS"
    assert settings_values(check, env=production) == ["False"]
    assert settings_values(check, env={}) == ["True"]  # portal.settings.dev
    assert settings_values(check, env={"DJANGO_SETTINGS_MODULE": "portal.settings.test"}) == [
        "True"
    ]


def test_the_installed_product_leaves_the_tooling_out():
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())
    packages = project["tool"]["setuptools"]["packages"]["find"]["include"]
    for tooling in ("benchmarks", "tests"):
        assert not any(fnmatch.fnmatch(tooling, pattern) for pattern in packages), tooling
    for product in PRODUCT:
        assert any(fnmatch.fnmatch(product, pattern) for pattern in packages), product
    runtime = " ".join(project["project"]["dependencies"]).lower()
    for tool in ("wagtail-factories", "factory-boy", "factory_boy", "locust", "pytest"):
        assert tool not in runtime, tool
    dev = " ".join(project["project"]["optional-dependencies"]["dev"]).lower()
    assert "wagtail-factories" in dev
    assert "factory-boy" in dev
