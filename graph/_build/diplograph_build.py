"""The build backend: setuptools, with the extraction modules compiled to C by mypyc.

Extraction is plain, fully typed Python (``graph/extract/``). A wheel build (``pip install .``)
also compiles those modules with mypyc, the compiler mypy, black and charset-normalizer ship
with, next to their ``.py`` sources: the same code runs ~1.3x faster, and where nothing can be
compiled the pure-Python modules still work unchanged.

- Editable installs (``pip install -e .``) are never compiled, so an edited source takes
  effect at once (a compiled module would shadow it).
- ``DIPLOGRAPH_COMPILE=0 pip install .`` builds a pure-Python wheel.
- When mypyc or a C compiler is missing, or compiling fails, the build warns and the wheel is
  pure Python (``diplograph.graph.extract.COMPILED`` says which one is installed).

mypy reads a copy of the ``graph`` tree laid out as the installed package
(``diplograph/graph/...``) so its module names are the installed ones; imports outside the
project (rdflib, pyoxigraph...) are not needed to compile and are read as ``Any``.

Every hook is setuptools' own (re-exported below) except the two that decide about compiling.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the PEP 517 hooks this backend does not change)
from setuptools.command.build_ext import build_ext

#: Set to ``0`` to build a pure-Python wheel.
SWITCH = "DIPLOGRAPH_COMPILE"
#: The package folders (under ``graph/``) whose modules are compiled.
COMPILED = ("extract",)
#: What a wheel build needs besides setuptools' own requirements.
COMPILER_REQUIRES = ("mypy>=1.13",)
#: The shared library of the compiled group (a top-level module of the wheel).
GROUP = "diplograph_extract"
_MYPY_CONFIG = """\
[mypy]
follow_imports = silent
ignore_missing_imports = True
"""


def _enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    """setuptools' requirements, and mypy (which carries mypyc) unless compiling is switched off."""
    extra = list(COMPILER_REQUIRES) if _enabled() else []
    requires: list[str] = _setuptools.get_requires_for_build_wheel(config_settings)
    return [*requires, *extra]


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """A wheel with the compiled extraction modules (or a pure one, see the module docstring)."""
    name: str = _CompilingBackend().build_wheel(wheel_directory, config_settings, metadata_directory)
    return name


class _CompilingBackend(_setuptools._BuildMetaBackend):  # type: ignore[misc]
    """setuptools' backend, running ``setup()`` with the compiled extension modules."""

    def run_setup(self, setup_script: str = "setup.py") -> None:
        from setuptools import setup

        extensions: list[Any] = _extensions(Path.cwd())
        setup(ext_modules=extensions, cmdclass={"build_ext": _OptionalBuildExt} if extensions else {})


class _OptionalBuildExt(build_ext):  # type: ignore[misc]
    """Compiles the C modules; on any compiler error the wheel stays pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # noqa: BLE001  (any compiler or linker failure)
            _warn(f"could not compile the extraction modules ({error}); building pure Python")
            none: list[Any] = []
            self.extensions = none
            self.distribution.ext_modules = none


def _extensions(root: Path) -> list[Any]:
    """The mypyc extension modules, or none when compiling is off or impossible."""
    if not _enabled():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed; building pure Python")
        return []
    stage = root / "build" / "mypyc-stage"
    shutil.rmtree(stage, ignore_errors=True)
    package = stage / "diplograph"
    shutil.copytree(root / "graph", package / "graph", ignore=shutil.ignore_patterns("__pycache__", "_build"))
    (package / "__init__.py").write_text("")
    config = stage / "mypy.ini"
    config.write_text(_MYPY_CONFIG)
    sources = sorted(
        str(path)
        for folder in COMPILED
        for path in (package / "graph" / folder).glob("*.py")
        if path.name != "__init__.py"
    )
    try:
        return list(
            mypycify(
                ["--config-file", str(config), *sources],
                opt_level="3",
                group_name=GROUP,
                target_dir=str(root / "build" / "mypyc"),
            )
        )
    except (Exception, SystemExit) as error:  # mypyc exits on a type error
        _warn(f"mypyc could not compile the extraction modules ({error}); building pure Python")
        return []


def _warn(message: str) -> None:
    print(f"diplograph build: warning: {message}", file=sys.stderr)
