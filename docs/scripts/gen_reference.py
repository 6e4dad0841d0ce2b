"""Write the generated reference pages into the site (run by mkdocs-gen-files)."""

from __future__ import annotations

import sys
from pathlib import Path

import mkdocs_gen_files

sys.path.insert(0, str(Path(__file__).parent))
from reference_pages import pages  # found beside this script

for path, text in pages().items():
    with mkdocs_gen_files.open(path, "w") as page:
        page.write(text)
