r"""Read a JSON-lines rule file: one object a line, ``#`` comments and blank lines skipped.

The event lexicon, the event frames and the reference chronology share this reader; each
validates its own objects. A line that is not JSON is an error naming the file and line.

>>> [(n, obj) for n, _, obj in json_lines('# c\n{"a": 1}\n', source="x", error=ValueError)]
[(2, {'a': 1})]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def json_lines(
    text: str, *, source: str, error: type[Exception]
) -> Iterator[tuple[int, str, Any]]:
    """``(line number, "source, line N", object)`` for each JSON line of ``text``.

    Raises:
        error: ``"<source>, line N: invalid JSON (...)"`` for a line that does not parse.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}, line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise error(f"{where}: invalid JSON ({e.msg})") from e
        yield number, where, obj
