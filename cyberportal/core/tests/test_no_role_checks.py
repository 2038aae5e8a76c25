"""No view, admin hook or template decides by role: they ask core.policy's named checks.

A role test outside the policy (`is_secretariat(user)`, `role_of(user) == ...`, `Role.FOCAL_POINT`,
`user.role == "secretariat"` in a template) writes a rule a second time, where the policy and its
matrix test cannot see it. The walk reads every views.py and wagtail_hooks.py and every template of the
project; what it allows is listed below, each with its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # cyberportal/
ROLE_FUNCTIONS = {"role_of", "is_secretariat", "is_vetted"}
ROLE_VALUES = {"secretariat", "focal_point", "expert", "visitor"}

# (file relative to cyberportal/, enclosing function, name): why it may stay.
ALLOWED: set[tuple[str, str, str]] = set()  # none left: the label form asks `can_change_label`

TEMPLATE_ROLE_TEST = re.compile(
    r"""\buser\.role\b"""  # the signed-in user's role (another person's, shown in a list, is data)
    r"""|(?:==|!=)\s*["'](?:secretariat|focal_point|expert)["']"""
    r"""|\b(?:is_secretariat|user_role|is_focal(?:_point)?)\b"""
)


def _request_modules() -> list[Path]:
    return sorted(
        path
        for name in ("views.py", "wagtail_hooks.py")
        for path in PACKAGE.rglob(name)
        if "tests" not in path.parts
    )


def _templates() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.html") if "templates" in path.parts)


def role_checks_in(source: str) -> list[tuple[str, str, int]]:
    """(enclosing function, what, line) for each role test in a module's source."""
    found = []

    class Walker(ast.NodeVisitor):
        def __init__(self):
            self.function = "<module>"

        def visit_FunctionDef(self, node):
            outer, self.function = self.function, node.name
            self.generic_visit(node)
            self.function = outer

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Call(self, node):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in ROLE_FUNCTIONS:
                found.append((self.function, name, node.lineno))
            self.generic_visit(node)

        def visit_Attribute(self, node):
            if isinstance(node.value, ast.Name) and node.value.id == "Role":
                found.append((self.function, f"Role.{node.attr}", node.lineno))
            self.generic_visit(node)

        def visit_Compare(self, node):
            operands = [node.left, *node.comparators]
            for operand in operands:
                if isinstance(operand, ast.Constant) and operand.value in ROLE_VALUES:
                    found.append((self.function, repr(operand.value), node.lineno))
                if isinstance(operand, ast.Attribute) and operand.attr == "role":
                    found.append((self.function, ".role", node.lineno))
                if isinstance(operand, ast.Set | ast.List | ast.Tuple) and any(
                    isinstance(e, ast.Constant) and e.value in ROLE_VALUES for e in operand.elts
                ):
                    found.append((self.function, "a set of roles", node.lineno))
            self.generic_visit(node)

    Walker().visit(ast.parse(source))
    return found


@pytest.mark.parametrize("path", _request_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_views_and_admin_hooks_ask_the_policy_by_name(path):
    relative = str(path.relative_to(PACKAGE))
    offending = [
        f"{relative}:{line} {what} in {function}()"
        for function, what, line in role_checks_in(path.read_text())
        if (relative, function, what) not in ALLOWED
    ]
    assert not offending, "Ask a named check in core.policy instead:\n" + "\n".join(offending)


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_templates_ask_the_policy_by_name(path):
    offending = [
        f"{path.relative_to(PACKAGE)}:{number} {line.strip()[:120]}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if TEMPLATE_ROLE_TEST.search(line)
    ]
    assert not offending, "Use {% if can.<name> %} (core.policy's can_<name>) instead:\n" + "\n".join(
        offending
    )


@pytest.mark.parametrize(
    "source",
    [
        "def v(request):\n    if is_secretariat(request.user): pass",
        "def v(request):\n    if policy.role_of(request.user) == 'focal_point': pass",
        "def v(request):\n    return request.user.role == x",
        "def v(request):\n    return policy.role_of(u) in {'secretariat', 'focal_point'}",
        "def v(request):\n    return Role.SECRETARIAT",
    ],
)
def test_the_walk_sees_each_kind_of_role_test(source):
    assert role_checks_in(source)


def test_the_walk_lets_named_checks_pass():
    assert not role_checks_in("def v(request):\n    if policy.can_view_audit(request.user): pass")
