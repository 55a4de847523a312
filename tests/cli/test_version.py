from ino_desk import __version__
from tests.conftest import CliRunner


def test_version_prints_the_package_version(run_cli: CliRunner) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ino-desk {__version__}"
