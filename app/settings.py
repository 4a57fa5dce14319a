"""The user's settings: language, theme, default turn length, data folder and the folder of the
last export, in a TOML file in the config folder. A broken file is reported and the defaults
are used; it is never overwritten until the facilitator saves new settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app import locations
from cards import parsed_cache
from cards.frozen import frozen
from cards.i18n import LANGUAGES, t
from sessions.atomic import write_atomically
from sessions.meta import TURN_SECONDS

FILE_NAME = "settings.toml"


@frozen
class Settings:
    language: str = "nl"
    theme: str = "dialoog-dark"
    turn_seconds: int = 120
    data_dir: str = ""  # empty: the standard folder
    export_dir: str = ""  # the folder exported to last; empty: the standard folder


def settings_path() -> Path:
    return locations.config_dir() / FILE_NAME


def load_settings(themes: tuple[str, ...]) -> tuple[Settings, list[str]]:
    """The settings and the problems found (each a message in the UI language)."""
    path = settings_path()
    if not path.exists():
        return Settings(), []
    try:
        data = parsed_cache.loads(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError, parsed_cache.TOMLError) as error:
        return Settings(), [t("settings.broken", path=path, detail=str(error))]
    settings, problems = Settings(), []
    language = data.get("language", settings.language)
    if language in LANGUAGES:
        settings = replace(settings, language=language)
    else:
        problems.append(t("settings.bad_value", path=path, key="language", value=language))
    theme = data.get("theme", settings.theme)
    # our themes, or one of Textual's own picked in the palette (checked when applied)
    if isinstance(theme, str) and (theme in themes or theme.strip()):
        settings = replace(settings, theme=theme)
    else:
        problems.append(t("settings.bad_value", path=path, key="theme", value=theme))
    turn = data.get("turn_seconds", settings.turn_seconds)
    low, high = TURN_SECONDS
    if isinstance(turn, int) and not isinstance(turn, bool) and low <= turn <= high:
        settings = replace(settings, turn_seconds=turn)
    else:
        problems.append(t("settings.bad_value", path=path, key="turn_seconds", value=turn))
    folders = {key: data.get(key, "") for key in ("data_dir", "export_dir")}
    for key, folder in folders.items():
        if not isinstance(folder, str):
            problems.append(t("settings.bad_value", path=path, key=key, value=folder))
    settings = replace(
        settings,
        data_dir=_text_or(folders["data_dir"], ""),
        export_dir=_text_or(folders["export_dir"], ""),
    )
    unknown = sorted(set(data) - {"language", "theme", "turn_seconds", "data_dir", "export_dir"})
    if unknown:
        problems.append(t("settings.unknown", path=path, keys=", ".join(unknown)))
    return settings, problems


def _text_or(value: object, default: str) -> str:
    return value if isinstance(value, str) else default


def save_settings(settings: Settings) -> Path:
    """Write the settings atomically (TOML); OSError when the folder cannot be written."""
    import json  # a JSON string is a TOML basic string; not needed to start the app

    path = locations.ensure(locations.config_dir()) / FILE_NAME
    lines = [
        f"# dialoog settings; edit here or in the app ({t('settings.title')})",
        f"language = {json.dumps(settings.language)}",
        f"theme = {json.dumps(settings.theme)}",
        f"turn_seconds = {settings.turn_seconds}",
        f"data_dir = {json.dumps(settings.data_dir, ensure_ascii=False)}",
        f"export_dir = {json.dumps(settings.export_dir, ensure_ascii=False)}",
    ]
    write_atomically(path, "\n".join(lines) + "\n")
    return path
