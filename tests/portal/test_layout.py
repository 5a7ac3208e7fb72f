"""How the code is laid out: portal/ is the ground, the apps stand on it, and the tooling
(benchmarks/, tests/factories/) stays out of the product. Inside the product the modules
form layers: each imports what it needs at the top, and no import goes round in a circle."""

import ast
import fnmatch
import tomllib
from pathlib import Path

import pytest
from django.utils.module_loading import import_string

from .fresh_settings import run_manage
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


# Imports of the product's own modules made inside a function, outside apps.py (where
# Django requires them, in ready()) and migrations. Each needs a reason here; a circle
# between modules is not one: move the shared piece down a layer instead.
FUNCTION_LEVEL_IMPORTS_ALLOWED = {
    # "app/module.py": {"app.imported_module": "why it cannot be at the top"},
}


def product_modules():
    """{dotted name: path} for every module of the product, migrations left out."""
    modules = {}
    for package in PRODUCT:
        for path in sorted((BASE_DIR / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(BASE_DIR).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def imported_modules(node, module, path, modules):
    """The product modules an import statement in ``module`` loads, relative imports
    resolved. Loading ``a.b.c`` runs ``a/__init__.py`` and ``a/b/__init__.py`` first."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, *([node.module] if node.module else [])])
        names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
    found = set()
    for name in names:
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            if ".".join(parts[:end]) in modules:
                found.add(".".join(parts[:end]))
    return found - {module} - {p for p in found if module.startswith(p + ".")}


def import_graph():
    """``(graph, inside_functions)``: the product modules each module imports when it is
    loaded, and the imports each makes inside a function or method instead."""
    modules = product_modules()
    graph = {name: set() for name in modules}
    inside_functions = {}

    def visit(node, module, path, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found = imported_modules(child, module, path, modules)
                if not in_function:
                    graph[module] |= found
                elif found and path.name != "apps.py":
                    where = str(path.relative_to(BASE_DIR))
                    inside_functions.setdefault(where, set()).update(found)
            function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, module, path, in_function or function)

    for module, path in modules.items():
        visit(ast.parse(path.read_text(), filename=str(path)), module, path, False)
    return graph, inside_functions


def import_circles(graph):
    """Groups of modules that import one another, directly or round a longer path
    (Tarjan's strongly connected components, more than one module each)."""
    index, lowest, stack, on_stack, circles = {}, {}, [], set(), []

    def connect(module):
        index[module] = lowest[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                connect(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in on_stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            connect(module)
    return circles


def test_the_import_graph_sees_relative_imports_and_packages():
    graph, _ = import_graph()
    assert "opportunities.phones" in graph["opportunities.models.signups"]
    assert "opportunities.models" in graph["opportunities.tasks"]
    # Loading opportunities.models.signups runs opportunities/models/__init__.py first.
    assert {"opportunities.models", "opportunities.models.signups"} <= graph[
        "opportunities.signup_forms"
    ]
    assert "portal.models" in graph["opportunities.models.pages"]


def test_the_circle_finder_finds_a_circle_through_a_package():
    graph = {"a": {"a.b"}, "a.b": {"c"}, "c": {"a"}, "d": {"c"}}
    assert import_circles(graph) == [["a", "a.b", "c"]]


def test_no_module_of_the_product_imports_itself_round_a_circle():
    graph, _ = import_graph()
    assert import_circles(graph) == []


def test_imports_inside_functions_are_only_those_allowed():
    _, inside_functions = import_graph()
    allowed = {where: set(imports) for where, imports in FUNCTION_LEVEL_IMPORTS_ALLOWED.items()}
    assert inside_functions == allowed


@pytest.mark.parametrize(
    ("owner", "attribute"),
    [
        ("opportunities.models.OpportunityIndexPage", "filter_form_class"),
        ("opportunities.models.OpportunityIndexPage", "chooser_form_class"),
        ("opportunities.models.EventIndexPage", "listing_view"),
        ("opportunities.models.OpportunityPage", "sign_up_form_class"),
        ("opportunities.models.EventPage", "sign_up_form_class"),
        ("opportunities.models.signup_mixin", "SIGN_UP_EMAILS"),
    ],
)
def test_what_the_models_name_by_dotted_path_exists(owner, attribute):
    """Page models name the forms, views and tasks that stand above them by dotted path."""
    assert callable(import_string(getattr(import_string(owner), attribute)))


def test_the_benchmark_command_runs_in_development_and_is_unknown_in_production():
    production = run_manage(
        "benchmark",
        "--help",
        env={**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"},
    )
    assert production.returncode != 0
    assert "Unknown command: 'benchmark'" in production.stderr

    development = run_manage("benchmark", "--help", env={})  # manage.py's default: dev
    assert development.returncode == 0, development.stderr
    assert "--opportunities" in development.stdout


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
