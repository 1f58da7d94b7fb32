"""The teacher's kit: `parley guide` turns a scenario file into a printable guide (HTML or Markdown)."""
