from tests.conftest import CliRunner

from ino_desk import __version__


def test_version_prints_the_package_version(run_cli: CliRunner) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ino-desk {__version__}"
