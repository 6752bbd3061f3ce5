"""A folder of plans may hold the organisation tree beside them: budgetbalans.yaml is never read as a plan."""

from __future__ import annotations

from pathlib import Path

from budgetbalans.read.loader import plan_files
from tests.paths import EXAMPLES


def test_the_tree_file_in_a_folder_of_plans_is_no_plan(tmp_path: Path) -> None:
    (tmp_path / "omsorg.yaml").write_text((EXAMPLES / "vard-och-social-2024-2026.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    (tmp_path / "budgetbalans.yaml").write_text("organisation: Kommunen\ntarget: 100\n", encoding="utf-8")
    (tmp_path / "del").mkdir()
    (tmp_path / "del" / "budgetbalans.yaml").write_text("organisation: Del\n", encoding="utf-8")
    files, problems = plan_files(tmp_path)
    assert [path.name for path in files] == ["omsorg.yaml"] and problems == []
    # named on the command line it is read as what it is named: a file the user chose
    assert plan_files(tmp_path / "budgetbalans.yaml") == ([tmp_path / "budgetbalans.yaml"], [])
