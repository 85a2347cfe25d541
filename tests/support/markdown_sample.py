"""A Markdown body with one of each block the parser knows: the unit tests' common input."""

from __future__ import annotations

SAMPLE = """\
# First heading

A paragraph with **bold**, *italic*, `code`, ~~struck~~ and a [link](https://a.org/one).

## Second heading

- one
- two
  - nested
3. three
4. four

> quoted
> text

```
code  line
```

---

| name | value |
|---|---|
| alpha | 1 |
"""
