"""Where dialoog keeps its files: one place, resolved lazily, never created at import.

Order of precedence: a value set with `configure` (the CLI's `--data-dir`), then the
environment (`DIALOOG_DATA_DIR`, `DIALOOG_CONFIG_DIR`, `DIALOOG_EXPORT_DIR`,
`DIALOOG_CACHE_DIR`), then platformdirs' folders for the user.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from sessions.atomic import write_atomically

if TYPE_CHECKING:
    from cards.parsed_cache import KeptParses

APP_NAME = "dialoog"
_overrides: dict[str, Path] = {}
_fallbacks: dict[str, Path] = {}


def configure(*, data_dir: Path | str | None = None, config_dir: Path | str | None = None) -> None:
    """Point dialoog at other folders (from the command line or a test)."""
    if data_dir is not None:
        _overrides["data"] = Path(data_dir).expanduser()
    if config_dir is not None:
        _overrides["config"] = Path(config_dir).expanduser()


def configure_fallback(
    *, data_dir: Path | str | None = None, export_dir: Path | str | None = None
) -> None:
    """Folders from the settings file: used when neither the command line nor the
    environment names one."""
    if data_dir:
        _fallbacks["data"] = Path(data_dir).expanduser()
    if export_dir:
        _fallbacks["export"] = Path(export_dir).expanduser()


def reset() -> None:
    """Forget `configure` overrides (tests)."""
    _overrides.clear()
    _fallbacks.clear()


def _resolve(kind: str, env: str, default: str, *, settings: bool = True) -> Path:
    if kind in _overrides:
        return _overrides[kind]
    if value := os.environ.get(env):
        return Path(value).expanduser()
    if settings and kind in _fallbacks:
        return _fallbacks[kind]
    return Path(default)


def data_dir() -> Path:
    """Folder that holds the session files."""
    return _resolve("data", "DIALOOG_DATA_DIR", _system_data_dir())


def standard_data_dir() -> Path:
    """The session files' folder while the settings name none: the command line's or the
    environment's, else the system's place for it."""
    return _resolve("data", "DIALOOG_DATA_DIR", _system_data_dir(), settings=False)


def _system_data_dir() -> str:
    return platformdirs.user_data_dir(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Folder for settings and the user's own decks."""
    return _resolve(
        "config", "DIALOOG_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, appauthor=False)
    )


def cache_dir() -> Path:
    """Folder for what can be made again (parsed decks, text files and stylesheets)."""
    return _resolve(
        "cache", "DIALOOG_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    )


def user_decks_dir() -> Path:
    """Folder whose `*.toml` files are loaded as decks beside the built-in ones."""
    return config_dir() / "decks"


def export_dir() -> Path:
    """Default folder for exported session notes."""
    return _resolve(
        "export", "DIALOOG_EXPORT_DIR", str(Path(platformdirs.user_documents_dir()) / APP_NAME)
    )


def typed_folder(text: str) -> Path | None:
    """A folder as a facilitator types it in a dialog: `~` is the home folder, and so is the
    start of a relative path ("Bureaublad/notities"), not the folder dialoog happened to be
    started from; None when nothing is typed."""
    text = text.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_absolute() else Path.home() / path


def ensure(path: Path) -> Path:
    """Create `path` (and parents) when first needed; return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_cache(cache: KeptParses) -> None:
    """Write what `cache` parsed anew to its file and let go of its entries."""
    data = cache.pending()
    if data is not None and cache.file is not None:
        write_cache(cache.file, data)
    cache.release()


def write_cache(file: Path, data: bytes) -> None:
    """A cache file that cannot be written only makes the next start slower."""
    with contextlib.suppress(OSError):
        write_atomically(ensure(file.parent) / file.name, data)
