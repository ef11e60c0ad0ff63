"""The harness's import graph, read from its source with `ast` (every import statement, also the
ones inside functions, which is how a cycle hides): no cycle between modules, and no `_private`
name imported from another module. The tests run the check on a tmp copy with a planted cycle and
a planted private import, so the check is seen catching both.

    python -m pytest harness/tests/test_imports.py
"""

import ast
import os
import shutil

from harness.tests.conftest import REPO

PACKAGE = "harness"


def modules(root: str) -> dict[str, str]:
    """Dotted module name → file, for every .py under `root`/harness except the tests."""
    found = {}
    base = os.path.join(root, PACKAGE)
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d not in ("tests", "__pycache__")]
        for name in files:
            if name.endswith(".py"):
                rel = os.path.relpath(os.path.join(folder, name), root)[:-3].replace(os.sep, ".")
                found[rel.removesuffix(".__init__")] = os.path.join(folder, name)
    return found


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports(root: str) -> tuple[dict[str, set[str]], list[str]]:
    """(module → the harness modules it imports, the `_private` names imported across modules)."""
    known = modules(root)
    graph: dict[str, set[str]] = {m: set() for m in known}
    private = []
    for module, path in known.items():
        tree = ast.parse(open(path, encoding="utf-8").read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in known and alias.name != module:
                        graph[module].add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                source = _resolve(module, node, path.endswith("__init__.py"))
                for alias in node.names:
                    target = f"{source}.{alias.name}"
                    if target in known:  # `from harness.features import vllm_oracles`: the submodule
                        graph[module].add(target)
                    elif source in known and source != module:
                        graph[module].add(source)
                        if alias.name.startswith("_") and not alias.name.startswith("__"):
                            private.append(f"{module} imports {alias.name} from {source}")
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_harness_has_no_import_cycle():
    graph, _ = imports(REPO)
    assert len(graph) > 40  # the whole harness was read
    assert cycles(graph) == []


def test_no_private_name_crosses_modules():
    _, private = imports(REPO)
    assert private == []


def test_the_check_catches_a_planted_cycle_and_a_private_import(tmp_path):
    shutil.copytree(os.path.join(REPO, PACKAGE), tmp_path / PACKAGE,
                    ignore=shutil.ignore_patterns("__pycache__", "tests"))
    params = tmp_path / PACKAGE / "params.py"
    params.write_text(params.read_text() + "\n\ndef _late():\n    from harness.cell import RunContext\n")
    cell = tmp_path / PACKAGE / "cell.py"
    cell.write_text(cell.read_text() + "\n\ndef _late():\n    from harness.catalogue import _secret\n")
    graph, private = imports(str(tmp_path))
    assert any({"harness.cell", "harness.params"} <= set(group) for group in cycles(graph)), cycles(graph)
    assert private == ["harness.cell imports _secret from harness.catalogue"]
