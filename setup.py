"""Only what pyproject.toml cannot say: the wheel carries the starter files `ruangaman init`
copies into a new site (mkdocs.yml, overrides/, the guides, the taxonomy, the national
hotlines, the editor guide, the GitHub files). They live at the top of the repository, where
this site uses them; the build copies them into the package as `ruangaman/starter/`
(`STARTER` below), so a checkout never holds two copies. MANIFEST.in puts them in the sdist."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# What `ruangaman.editor.init_site` reads from the starter (keep both lists in step:
# tests/test_package.py builds the wheel and checks it carries each one).
STARTER = (
    "mkdocs.yml",
    "overrides",
    "docs/panduan",
    "content/taxonomy.yml",
    "content/hotlines",
    "editor-guide",
    ".github/workflows/publish.yml",
    ".github/pull_request_template.md",
    "constraints.txt",
)
SKIP = ("__pycache__", ".DS_Store")


class BuildWithStarter(build_py):
    """build_py, then the starter files into build/lib/ruangaman/starter/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout itself
        target = Path(self.build_lib) / "ruangaman" / "starter"
        for rel in STARTER:
            source = HERE / rel
            files = [source] if source.is_file() else sorted(source.rglob("*"))
            for path in files:
                if path.is_file() and not any(part in SKIP for part in path.parts):
                    dest = target / path.relative_to(HERE)
                    self.mkpath(str(dest.parent))
                    self.copy_file(str(path), str(dest))


setup(cmdclass={"build_py": BuildWithStarter})
