#!/usr/bin/env python3
"""Small spec helpers for run.sh.

  spec_tool.py to-json IN OUT     YAML or JSON spec -> JSON (progenitor's macro input)
  spec_tool.py edit FILE N        a harmless edit that changes the file's bytes:
                                  JSON gets info.description rewritten, YAML gets a
                                  trailing comment line
  spec_tool.py ops FILE           number of operations
"""

import json
import sys

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        import yaml  # PyYAML; run.sh installs it when missing

        return yaml.safe_load(text)


def to_json(src, dst):
    with open(dst, "w", encoding="utf-8") as out:
        # default=str: YAML timestamps (e.g. example dates) stay strings in JSON.
        json.dump(load(src), out, indent=2, default=str)
        out.write("\n")


def edit(path, n):
    marker = f"compile-cost edit {n}"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        doc = json.loads(text)
        doc.setdefault("info", {})["description"] = marker
        with open(path, "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=2)
            out.write("\n")
        return
    # YAML: a trailing comment keeps the author's formatting (a YAML round trip would not)
    # and still changes the bytes the macro reads.
    lines = [line for line in text.rstrip("\n").split("\n") if not line.startswith("# compile-cost edit ")]
    lines.append(f"# {marker}")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def ops(path):
    doc = load(path)
    return sum(
        1
        for item in (doc.get("paths") or {}).values()
        for key in item
        if key in METHODS
    )


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "to-json" and len(sys.argv) == 4:
        to_json(sys.argv[2], sys.argv[3])
    elif cmd == "edit" and len(sys.argv) == 4:
        edit(sys.argv[2], sys.argv[3])
    elif cmd == "ops" and len(sys.argv) == 3:
        print(ops(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
