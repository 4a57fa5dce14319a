"""The core (cards/, sessions/) never imports Textual: every rule is testable without a UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ("cards", "sessions")


def test_core_sources_do_not_import_textual() -> None:
    offenders = []
    for package in CORE:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n == "textual" or n.startswith(("textual.", "app")) for n in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_cards_does_not_import_sessions() -> None:
    for path in (ROOT / "cards").rglob("*.py"):
        assert "sessions" not in {
            (node.module or "").split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
        }, path


def test_importing_the_core_loads_no_textual() -> None:
    modules = [
        f"{package}.{path.stem}"
        for package in CORE
        for path in sorted((ROOT / package).glob("*.py"))
        if path.stem != "__init__"
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_is_created_at_import(tmp_path: Path) -> None:
    env = {
        "DIALOOG_DATA_DIR": str(tmp_path / "d"),
        "DIALOOG_CONFIG_DIR": str(tmp_path / "c"),
        "PATH": "",
        "HOME": str(tmp_path),
    }
    code = "import app.cli, app.main, cards.loader, cards.dealer"
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    assert list(tmp_path.iterdir()) == []
