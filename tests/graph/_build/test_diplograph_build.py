"""The build backend: a wheel compiles the extraction modules with mypyc, and they extract exactly
what the Python sources extract; with compiling switched off the wheel is pure Python.

Both builds run pip for real (an isolated build, as ``pip install .`` does), so this module takes
about two minutes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]
SEED = ROOT / ".." / "shared" / "seeds" / "000_ecc8ff7a22250e4f.txt"
MODULES = sorted(p.stem for p in (ROOT / "graph" / "extract").glob("*.py") if p.name != "__init__.py")

#: Run with the package under test first on the path: extracts every gold sample, the sentence
#: cases, the seed and synthetic articles, and prints everything extracted as JSON.
EXTRACT_ALL = """
import dataclasses, json, sys
from pathlib import Path
import yaml
root, seed = Path(sys.argv[1]), Path(sys.argv[2])
sys.path.append(str(root))  # the benchmarks' article generator
from benchmarks.ingest_bench import synthetic_articles
import diplograph.graph.extract as extract
from diplograph.graph.date import PartialDate
from diplograph.graph.evaluation import evaluate
from diplograph.graph.model import Article
out = {"compiled": extract.COMPILED, "from": extract.extraction.__file__}
for folder in (root / "data" / "samples", root / "data" / "samples" / "heldout"):
    out[folder.name] = dataclasses.asdict(evaluate(folder))
cases = yaml.safe_load((root / "tests/graph/extract/cases/sentences.yaml").read_text(encoding="utf-8"))
articles = [
    Article.from_text(c["text"], published=PartialDate.parse(str(c["published"])), lang=c.get("lang", "en"))
    for c in cases
]
if seed.exists():
    articles.append(Article.from_text(seed.read_text(encoding="utf-8"), published=PartialDate(2026, 2, 5), lang="id"))
articles += synthetic_articles(200, 3)
articles += [Article.from_text(t, lang="en") for t in ("", " \\n ", "Xi.", "\\u200b\\u00a0Putin met Xi on 4/2/2026")]
out["articles"] = [extract.to_contract(extract.extract_article(a)) for a in articles]
print(json.dumps(out, sort_keys=True, default=str))
"""


def _build(tmp: Path, compile_: bool, **env_vars: str) -> Path:
    """Build a wheel from a copy of the project (so no earlier in-tree build is reused)."""
    project = tmp / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    for name in ("graph", "viz", "data", "ontology"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "DIPLOGRAPH_COMPILE": "1" if compile_ else "0", **env_vars}
    out = tmp / "wheel"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = out.glob("diplograph-*.whl")
    return wheel


def _install(wheel: Path, target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        timeout=300,
        check=True,
    )


def _extract_all(path: Path | None) -> dict[str, object]:
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    done = subprocess.run(
        [sys.executable, "-c", EXTRACT_ALL, str(ROOT), str(SEED)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=path or ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def source() -> dict[str, object]:
    """What the Python sources (this checkout) extract."""
    result = _extract_all(None)
    assert result["compiled"] is False
    return result


def test_compiled_wheel_extracts_what_the_sources_do(
    tmp_path_factory: pytest.TempPathFactory, source: dict[str, object]
) -> None:
    tmp = tmp_path_factory.mktemp("compiled")
    wheel = _build(tmp, compile_=True)
    names = zipfile.ZipFile(wheel).namelist()
    for module in MODULES:  # each compiled module ships beside its source
        assert any(n.startswith(f"diplograph/graph/extract/{module}.") and n.endswith(".so") for n in names)
        assert f"diplograph/graph/extract/{module}.py" in names
    assert any(n.startswith("diplograph_extract__mypyc.") for n in names)
    _install(wheel, tmp / "site")
    compiled = _extract_all(tmp / "site")
    assert compiled["compiled"] is True
    assert str(compiled["from"]).startswith(str(tmp / "site"))
    for key in ("samples", "heldout", "articles"):
        assert compiled[key] == source[key], key


def test_switched_off_builds_pure_python(tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("pure")
    wheel = _build(tmp, compile_=False)
    assert wheel.name.endswith("-py3-none-any.whl")
    assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".so")]


def test_without_a_c_compiler_the_wheel_is_pure_python(tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("no-compiler")
    wheel = _build(tmp, compile_=True, CC="false")  # every compiler and linker call fails
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith(".so")]
    assert any(n.endswith("diplograph/graph/extract/token.py") for n in names)
    _install(wheel, tmp / "site")
    assert _extract_all(tmp / "site")["compiled"] is False
