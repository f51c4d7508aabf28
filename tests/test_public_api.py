"""The curated public API stays honest: everything in __all__ exists, and nothing public hides."""

from __future__ import annotations

import inspect

import diplograph.graph as api


def test_all_names_exist() -> None:
    for name in api.__all__:
        assert hasattr(api, name), name


def test_all_is_sorted_and_unique() -> None:
    assert len(set(api.__all__)) == len(api.__all__)


def test_no_public_name_outside_all() -> None:
    public = {
        name
        for name, value in vars(api).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert public <= set(api.__all__), public - set(api.__all__)


def test_public_functions_have_docstrings() -> None:
    for name in api.__all__:
        value = getattr(api, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert value.__doc__, name
