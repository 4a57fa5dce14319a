"""The dialoog command without the UI: listing and checking decks, help, bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def test_help_explains_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "decks" in out and "--data-dir" in out and "--lang" in out and "--theme" in out


def test_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "decks", "--help"])
    assert "List every deck" in capsys.readouterr().out


def test_decks_lists_builtin_decks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decks"]) == 0
    out = capsys.readouterr().out
    for deck_id in ("dialoogkaarten", "leiderschapspraktijken", "persoonlijke-kwaliteiten"):
        assert deck_id in out
    assert "22" in out and "54" in out and "26" in out


def test_decks_json_with_user_deck_and_broken_one(
    capsys: pytest.CaptureFixture[str], isolated: Path
) -> None:
    user = isolated / "config" / "decks"
    user.mkdir(parents=True)
    (user / "eigen.toml").write_text(
        'title = "Eigen"\n[[cards]]\nid = "e1"\ntext = "Wat neem je mee?"\n', encoding="utf-8"
    )
    (user / "kapot.toml").write_text('title = "Kapot"\n[[cards]\n', encoding="utf-8")
    assert main(["decks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {deck["id"]: deck for deck in data["decks"]}
    assert by_id["eigen"]["cards"] == 1 and not by_id["eigen"]["builtin"]
    assert by_id["dialoogkaarten"]["cards"] == 22
    assert [error["file"].endswith("kapot.toml") for error in data["errors"]] == [True]
    assert ":2:" in data["errors"][0]["problems"][0]


def test_check_reports_file_line_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "X"\n\n[[cards]]\nid = "a"\ntext = ""\n', encoding="utf-8")
    assert main(["decks", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:5: ")
    assert "lege tekst" in out


def test_check_ok_summary(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[1] / "cards" / "decks"
    assert main(["decks", "check", str(root / "dialoogkaarten.toml")]) == 0
    assert capsys.readouterr().out.strip() == "In orde: 1 bestand, 22 kaarten."


def test_new_deals_a_translation_asked_for_by_its_id(isolated: Path) -> None:
    """`--deck reflectie-en` was refused as an unknown deck, though `dialoog decks` lists it."""
    from app import cli

    started: list[object] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "_run", lambda app: started.append(app.start))  # no app run
        code = main(["new", "--title", "T", "--participants", "Ann", "--deck", "reflectie-en"])
    assert code == 0
    (live,) = started
    assert live.session.state.started.decks == ("reflectie-en",)  # type: ignore[attr-defined]


def test_unknown_theme_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--theme", "nope"]) == 2
    err = capsys.readouterr().err
    assert "dialoog-contrast" in err and "nord" in err  # Textual's too, as Settings offers


def test_a_textual_theme_that_settings_offers_is_taken_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Settings lists Textual's themes beside dialoog's, and saves one; `--theme nord` was
    refused with a list of dialoog's four."""
    from app import cli

    themes: list[str] = []
    monkeypatch.setattr(cli, "_run", lambda app: themes.append(app.theme))
    assert main(["--theme", "nord"]) == 0
    assert themes == ["nord"]


def test_bad_language_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "fr", "decks"])
    assert exit_info.value.code == 2


def test_new_with_a_folder_that_cannot_be_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(blocker / "sessies"))
    assert main(["new", "--title", "T", "--participants", "Ann, Bram"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dialoog: ") and "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "geen map"


def test_the_parser_builds_the_commands_a_line_names() -> None:
    """Only the commands a command line names are built (each costs start-up time), and
    a value that happens to be a command's name does not confuse it."""
    from app.cli import COMMANDS, build_parser

    def built(argv: list[str]) -> set[str]:
        parser = build_parser(argv=argv)
        actions = [a for a in parser._actions if a.dest == "command"]
        return set(actions[0].choices)  # type: ignore[arg-type]

    assert built([]) == set()
    assert built(["new", "--title", "T"]) == {"new"}
    assert built(["--help"]) == set(COMMANDS)
    assert built(["--he"]) == set(COMMANDS)  # argparse takes it for --help
    assert built(["nonsense"]) == set(COMMANDS)  # so the error lists them
    argv = ["--data-dir", "resume", "new", "--title", "resume"]
    args = build_parser(argv=argv).parse_args(argv)
    assert (args.command, args.title, str(args.data_dir)) == ("new", "resume", "resume")


def test_an_unknown_command_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["nieuw"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "nieuw" in err and "resume" in err and "mirror" in err


ARGPARSE_ENGLISH = ("usage:", "options:", "show this help", "positional arguments", "error:")


@pytest.mark.parametrize("command", [["--help"], ["new", "--help"], ["decks", "--help"]])
def test_help_is_dutch_throughout(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    with pytest.raises(SystemExit):
        main(command)
    out = capsys.readouterr().out
    assert out.startswith("gebruik: dialoog") and "opties:" in out
    assert "toon deze hulp en stop" in out
    assert not [word for word in ARGPARSE_ENGLISH if word in out]


@pytest.mark.parametrize(
    ("command", "dutch", "english"),
    [
        (["new"], "dialoog new: fout: dit ontbreekt nog: --title", "required: --title"),
        (
            ["new", "--title", "x", "--turn", "lang"],
            "fout: --turn: 'lang' is geen geldige waarde",
            "--turn: 'lang' is not a valid value",
        ),
        (["new", "--title"], "fout: --title: hier hoort een waarde achter", "expected one"),
        (["decks", "--kleur"], "fout: onbekend: --kleur", "unrecognized arguments: --kleur"),
        (
            ["new", "--title", "x", "--format", "vrij"],
            "fout: --format kan niet 'vrij' zijn; kies uit 'kgotla'",
            "--format cannot be 'vrij'; choose from 'kgotla'",
        ),
    ],
)
def test_errors_in_the_command_line_are_in_the_ui_language(
    capsys: pytest.CaptureFixture[str], command: list[str], dutch: str, english: str
) -> None:
    for language, expected in (("nl", dutch), ("en", english)):
        with pytest.raises(SystemExit) as exit_info:
            main(["--lang", language, *command])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert expected in err, err
        if language == "nl":
            assert err.startswith("gebruik: ") and "error" not in err
