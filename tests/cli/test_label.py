"""`ino-desk label sections|show|search`, run through the real entry point: `label sections` in
a child process (the installed `ino-desk`), the rest through `app.main` in this process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.cli.inprocess import cli, run_cli_in_process

if TYPE_CHECKING:
    from tests.conftest import CliRunner

__all__ = ["cli", "run_cli_in_process"]


def test_sections_lists_number_and_title_per_line(run_cli: CliRunner) -> None:
    result = run_cli("label", "sections")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "BW\tBoxed warning"
    assert "2.1\tRecommended dosing regimen" in lines
    assert "4\tContraindications" in lines
    assert lines[-1] == "changes\tWhat changed in 3/2024"
    numbers = [line.split("\t")[0] for line in lines]
    for key in ("1", "2", "2.1", "2.2", "2.3", "2.4", "3", "5", "6", "7", "8", "12", "14", "16"):
        assert key in numbers


def test_show_prints_the_section_as_plain_text_with_the_header(
    run_cli_in_process: CliRunner,
) -> None:
    result = run_cli_in_process("label", "show", "2.1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("BESPONSA (inotuzumab ozogamicin) - US prescribing information, ")
    assert "revision 3/2024" in out.splitlines()[0]
    assert "2.1 Recommended dosing regimen\n==============================\n" in out
    for row in (
        "Cycle 1, every patient",
        "Cycles 2 and later, CR or CRi achieved",
        "Cycles 2 and later, no CR or CRi",
    ):
        assert row in out
    assert "<" not in out  # plain text, no HTML


def test_show_accepts_a_key_in_any_case(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label", "show", "bw")
    assert result.returncode == 0
    assert "Boxed warning\n=============" in result.stdout


def test_show_unknown_section_is_a_usage_error(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label", "show", "9.9")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "'9.9' is not a section; use one of BW, 1, 2, 2.1" in result.stderr


def test_search_prints_ranked_hits_with_section_and_snippet(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label", "search", "nylon filter")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0].split("\t")
    assert first[:2] == ["2.4", "Preparation and administration"]
    assert "[nylon]" in first[2]
    assert "[filter]" in first[2]


def test_search_orders_several_hits_best_first(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label", "search", "CD22")
    assert result.returncode == 0
    keys = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert set(keys[:2]) == {"1", "12"}


def test_search_without_a_match_exits_1(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label", "search", "zebra")
    assert result.returncode == 1
    assert result.stdout == "no section mentions 'zebra'\n"


def test_search_bad_input_is_a_usage_error(run_cli_in_process: CliRunner) -> None:
    empty = run_cli_in_process("label", "search", "  ")
    assert empty.returncode == 2
    assert "QUERY:" in empty.stderr
    limit = run_cli_in_process("label", "search", "vod", "--limit", "0")
    assert limit.returncode == 2
    assert "--limit: '0' must be a whole number from 1 to 100" in limit.stderr


def test_search_limit_caps_the_hits(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label", "search", "vod", "--limit", "2")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2


def test_label_without_an_action_is_a_usage_error(run_cli_in_process: CliRunner) -> None:
    result = run_cli_in_process("label")
    assert result.returncode == 2
    assert "ACTION" in result.stderr
