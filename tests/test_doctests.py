"""Every ``>>>`` example in the package runs, imported under its real name (``diplograph.*``)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import diplograph.graph
import diplograph.viz


def _modules() -> list[str]:
    names = []
    for package in (diplograph.graph, diplograph.viz):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
