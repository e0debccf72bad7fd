"""pyproject.toml follows the tree: every top-level package ships and is first-party to ruff."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Kept in the repository, out of the installed package and the image.
NOT_SHIPPED = {"tests", "bench"}


def top_level_packages() -> set[str]:
    return {init.parent.name for init in ROOT.glob("*/__init__.py")}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_app_of_the_tree_is_in_the_package():
    included = pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {pattern.removesuffix("*") for pattern in included} == (
        top_level_packages() - NOT_SHIPPED
    )


def test_ruff_sorts_every_package_of_the_tree_as_first_party():
    first_party = pyproject()["tool"]["ruff"]["lint"]["isort"]["known-first-party"]
    assert set(first_party) == top_level_packages()
