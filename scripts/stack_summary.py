"""Print each stack of a cloud assembly with its resource count."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(assembly: Path) -> int:
    manifest = json.loads((assembly / "manifest.json").read_text())
    stacks = {
        name: artifact
        for name, artifact in manifest["artifacts"].items()
        if artifact["type"] == "aws:cloudformation:stack"
    }
    if not stacks:
        print(f"No stacks in {assembly}", file=sys.stderr)
        return 1
    for name, artifact in sorted(stacks.items()):
        template = json.loads((assembly / artifact["properties"]["templateFile"]).read_text())
        count = len(template.get("Resources", {}))
        print(f"{name}: {count} resources ({assembly / artifact['properties']['templateFile']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "cdk.out")))
