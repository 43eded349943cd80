"""Markdown input: blank everything that is not prose, keep every offset.

:func:`mask_markdown` returns a copy of the source of exactly the same length in which every
character that is markup rather than prose is replaced by a space, and every line break
(``\\n``, ``\\r``, ``\\u2028`` ...) stays where it was. An offset, line or column in the masked
text is therefore the offset, line or column in the ``.md`` file, so findings point at the
source.

What is blanked
    YAML (``---``) and TOML (``+++``) front matter; fenced code blocks (an unterminated fence
    runs to the end of the file); indented code blocks (four spaces after a blank line or a
    heading, never inside a list, where indented lines are continuation prose); inline code
    spans; HTML comments and ``<script>``/``<style>``/``<pre>``/``<textarea>`` blocks; HTML
    tags (the text between tags is kept); heading, blockquote, list and task-box markers;
    thematic breaks and setext underlines; table pipes and delimiter rows; emphasis and
    strike-through markers; backslashes of escapes; images (alt text and source).

What is kept
    Prose, link text *and* link targets: ``[study](https://doi.org/10.1/x)`` becomes
    `` study  https://doi.org/10.1/x `` so that signals looking for sources still see the URL.
    Autolinks keep the URL without the angle brackets, reference definitions keep their URL
    (the label and title are blanked), footnote definitions keep their text, and
    ``<a href="https://...">`` keeps the address. HTML entities are decoded in place to one
    character followed by spaces (``&amp;`` becomes ``&`` and four spaces).

Headings and sentences
    Markers are replaced by spaces, never by punctuation, and text is never moved, so the
    masked text holds only characters of the source (plus decoded entities). A heading has no
    final full stop, so it ends a sentence only through the blank line after it, which the
    :class:`~credscore.document.Document` sentence splitter treats as a boundary. That is the
    usual style (markdownlint rule MD022 asks for blank lines around headings), and a setext
    underline (``===`` / ``---``) becomes a blank line too. An ATX heading written directly
    above its paragraph joins that paragraph's first sentence; adding a full stop would need
    a character that is not there without shifting the columns of the heading's words.

The masker is line-based and deliberately simpler than a full CommonMark parser; it errs on the
side of keeping text. Every pattern is linear-safe (no nested quantifiers, bounded repetition),
and the function never raises on any ``str``.

>>> masked, title = mask_markdown("---\\ntitle: Flu shots\\n---\\n# Results\\n\\nSee `x`.\\n")
>>> title
'Flu shots'
>>> masked
'   \\n                \\n   \\n  Results\\n\\nSee    .\\n'
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right

__all__ = ["block_breaks", "code_ranges", "front_matter_lines", "mask_markdown"]

_NEWLINE_CHARS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_NOT_NEWLINE = re.compile("[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_EOL = re.compile(r"\r\n|\r|\n")

# Block level (matched at a position inside one line).
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})([^\r\n]*)")
_LIST_MARKER = re.compile(r"[ \t]*([-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_TASK_BOX = re.compile(r"[ \t]{1,4}(\[[ xX]\])(?=[ \t]|$)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?=[ \t]|$)")
_REFDEF = re.compile(r"[ ]{0,3}\[([^\[\]\r\n]{1,999})\]:[ \t]{0,40}")
_TABLE_DELIMITER_CHARS = frozenset("|-: \t")

# Inline level (matched on the whole scan text).
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?=\r\n|\r|\n)")
_ESCAPE = re.compile(r"\\(?:[!-/:-@\[-`{-~]|(?=[\r\n]))")
_RAW_BLOCK = re.compile(r"<(script|style|pre|textarea)(?=[\s/>])", re.IGNORECASE)
_RAW_CLOSE = {
    name: re.compile(rf"</{name}[ \t]{{0,20}}>", re.IGNORECASE)
    for name in ("script", "style", "pre", "textarea")
}
_AUTOLINK = re.compile(
    r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]{1,2000}"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,64}@[A-Za-z0-9.\-]{1,255})>"
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]{0,30}(?:\s[^<>]{0,2000})?/?>|<[!?][^<>]{0,2000}>")
_HREF = re.compile(r"""\shref[ \t]{0,5}=[ \t]{0,5}["']?(https?://[^\s"'<>]{1,2000})""", re.I)
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,100}\]")
_IMAGE = re.compile(
    r"!\[[^\[\]]{0,1000}\](?:\([^()\r\n]{0,2000}\)|\[[^\[\]\r\n]{0,200}\])"
)
_LINK = re.compile(
    r"\[([^\[\]]{0,1000})\]"
    r"(?:\([ \t]{0,20}(?:<([^<>\r\n]{0,2000})>|([^\s()<>]{0,2000}))"
    r"(?:[ \t\r\n]{1,20}(?:\"[^\"\r\n]{0,500}\"|'[^'\r\n]{0,500}'|\([^()\r\n]{0,500}\)))?"
    r"[ \t]{0,20}\)"
    r"|\[[^\[\]\r\n]{0,200}\])"
)
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"'`]{1,2000}", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_EMPHASIS = re.compile(r"\*+|_+|~~+")

# Front matter titles.
_YAML_TITLE = re.compile(r"title[ \t]*:[ \t]*([^\r\n]*)")
_TOML_TITLE = re.compile(r"title[ \t]*=[ \t]*([^\r\n]*)")


class _Mask:
    """The output characters and a scan copy in which protected text is neutralised.

    Detection runs on ``scan`` (where URLs and escaped characters are replaced by ``x`` so they
    are never taken for markup); blanking writes spaces to both copies.
    """

    __slots__ = ("code_ranges", "out", "scan")

    def __init__(self, source: str) -> None:
        self.out = list(source)
        self.scan = list(source)
        self.code_ranges: list[tuple[int, int]] | None = None  # recorded by code_ranges()

    def code(self, start: int, end: int) -> None:
        """Blank code (or front matter), and record where it is when asked to."""
        self.blank(start, end)
        if self.code_ranges is not None and end > start:
            self.code_ranges.append((start, end))

    def blank(self, start: int, end: int) -> None:
        if end > start:
            seg = _NOT_NEWLINE.sub(" ", "".join(self.out[start:end]))
            self.out[start:end] = seg
            self.scan[start:end] = seg

    def protect(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.scan[i] not in _NEWLINE_CHARS:
                self.scan[i] = "x"

    def put(self, i: int, char: str) -> None:
        self.out[i] = char
        self.scan[i] = "x"

    def scan_text(self) -> str:
        return "".join(self.scan)


def mask_markdown(source: str) -> tuple[str, str | None]:
    """Blank the markup of a Markdown document, keeping its length and line breaks.

    Parameters
    ----------
    source : str
        The Markdown text, as read from the file.

    Returns
    -------
    masked : str
        ``source`` with everything that is not prose replaced by spaces; same length, same
        line-break characters at the same offsets.
    title : str or None
        The one-line ``title`` of YAML (``title: ...``) or TOML (``title = "..."``) front
        matter, if there is one.

    Examples
    --------
    >>> mask_markdown("Read [the study](https://doi.org/10.1/x).")[0]
    'Read  the study  https://doi.org/10.1/x .'
    """
    if not source:
        return source, None
    mask = _Mask(source)
    lines = _split_lines(source)
    first_body_line, title = _front_matter(source, lines, mask)
    _mask_blocks(source, lines, first_body_line, mask)
    _mask_inline(mask)
    return "".join(mask.out), title


def code_ranges(source: str) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` of what :func:`mask_markdown` takes for code: front matter,
    fenced and indented code blocks, and code spans. An HTML comment there is an example, not
    a comment (``credscore check`` reads no suppression comment in it).

    >>> code_ranges("Text\r```js\r<!-- x -->\r```js\r<!-- y -->\r")  # no closing fence
    [(5, 10), (11, 21), (22, 27), (28, 38)]
    """
    mask = _Mask(source)
    mask.code_ranges = []
    lines = _split_lines(source)
    first, _ = _front_matter(source, lines, mask)
    _mask_blocks(source, lines, first, mask)
    _mask_code_spans(mask)
    return sorted(mask.code_ranges)


def front_matter_lines(source: str) -> int:
    """The number of lines a leading YAML (``---``) or TOML (``+++``) front matter block takes
    (0 when there is none): the first body line's index.

    >>> front_matter_lines("---\ntitle: Hi\n---\nBody\n")
    3
    """
    return _front_matter(source, _split_lines(source), _Mask(source))[0] if source else 0


def block_breaks(source: str) -> list[int]:
    """Offsets where a Markdown block starts or a heading ends: list items, headings and table
    rows are separate sentences even though they carry no final full stop.

    >>> block_breaks("# Why\n- fast\n- safe\n")
    [0, 6, 13]
    """
    breaks: list[int] = []
    for start, end in _split_lines(source):
        line = source[start:end]
        if _ATX.match(line):
            breaks.append(start)
            if end < len(source):
                breaks.append(end + 1)
        elif _LIST_MARKER.match(line) or line.lstrip(" ").startswith("|"):
            breaks.append(start)
    return sorted(set(breaks))


# --------------------------------------------------------------------------- lines & front matter


def _split_lines(source: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the line break (\\n, \\r\\n or \\r)."""
    lines = []
    pos = 0
    for m in _EOL.finditer(source):
        lines.append((pos, m.start()))
        pos = m.end()
    if pos < len(source):
        lines.append((pos, len(source)))
    return lines


def _front_matter(source: str, lines: list[tuple[int, int]], mask: _Mask) -> tuple[int, str | None]:
    """Blank a leading ``---``/``+++`` block; return the first body line and the title."""
    if not lines:
        return 0, None
    start, end = lines[0]
    opener = source[start:end].lstrip("\ufeff").rstrip()
    if opener == "---":
        closers, title_re = ("---", "..."), _YAML_TITLE
    elif opener == "+++":
        closers, title_re = ("+++",), _TOML_TITLE
    else:
        return 0, None
    for k in range(1, len(lines)):
        s, e = lines[k]
        if source[s:e].rstrip() in closers:
            mask.code(0, e)
            title = None
            for s2, e2 in lines[1:k]:
                m = title_re.match(source, s2, e2)
                if m:
                    parse = _yaml_scalar if title_re is _YAML_TITLE else _toml_string
                    title = parse(m.group(1))
                    break
            return k + 1, title
    return 0, None  # no closing line: not front matter (a lone "---" is a thematic break)


def _yaml_scalar(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if value[0] == '"':
        close = value.rfind('"')
        if close <= 0:
            return None
        inner = value[1:close].replace('\\"', '"').replace("\\\\", "\\")
    elif value[0] == "'":
        close = value.rfind("'")
        if close <= 0:
            return None
        inner = value[1:close].replace("''", "'")
    elif value[0] in "|>[{&*!%@`":
        return None  # block scalars, flow collections, anchors, tags: not a one-line title
    else:
        inner = value.split(" #", 1)[0]
    inner = inner.strip()
    return inner or None


def _toml_string(value: str) -> str | None:
    value = value.strip()
    if len(value) < 2 or value[0] not in "\"'":
        return None
    quote = value[0]
    close = value.rfind(quote)
    if close <= 0:
        return None
    inner = value[1:close]
    if quote == '"':
        inner = inner.replace('\\"', '"').replace("\\\\", "\\")
    inner = inner.strip()
    return inner or None


# --------------------------------------------------------------------------------- block level


def _indent(text: str, pos: int = 0) -> int:
    """Width of the leading spaces and tabs of ``text[pos:]`` (tab stops every 4)."""
    width = 0
    for ch in text[pos:]:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _blockquote_end(text: str) -> int:
    """Index just after the blockquote markers (``>``, ``> >``) at the start of a line."""
    pos = 0
    n = len(text)
    while True:
        p = pos
        while p < n and p - pos < 4 and text[p] in " \t":
            p += 1
        if p < n and text[p] == ">":
            pos = p + 1
            if pos < n and text[pos] in " \t":
                pos += 1
        else:
            return pos


def _is_rule_line(stripped: str) -> bool:
    """Thematic break (``---``, ``* * *``) or setext underline (``===``, ``---``)."""
    chars = set(stripped) - {" ", "\t"}
    if len(chars) != 1:
        return False
    (char,) = chars
    if char in "-=":
        return True
    return char in "*_" and stripped.count(char) >= 3


def _is_fence_close(rest: str, char: str, length: int) -> bool:
    stripped = rest.strip(" \t")
    if len(stripped) < length:
        return False
    run = len(stripped) - len(stripped.lstrip(char))
    return run == len(stripped) and run >= length


def _mask_blocks(source: str, lines: list[tuple[int, int]], first: int, mask: _Mask) -> None:
    fence: tuple[str, int] | None = None
    in_indented_code = False
    in_list = False
    prev_blank = True
    prev_paragraph = False
    boundary = True  # an indented code block may start here
    for s, e in lines[first:]:
        text = source[s:e]
        if fence is not None:
            mask.code(s, e)
            if _is_fence_close(text[_blockquote_end(text) :], *fence):
                fence = None
                boundary, prev_blank, prev_paragraph = True, False, False
            continue
        if in_indented_code:
            if not text.strip() or _indent(text) >= 4:
                mask.code(s, e)
                continue
            in_indented_code = False

        bq = _blockquote_end(text)
        for i in range(bq):
            if text[i] == ">":
                mask.blank(s + i, s + i + 1)
        rest = text[bq:]
        stripped = rest.strip()
        if not stripped:
            prev_blank, prev_paragraph, boundary = True, False, True
            continue
        indent = _indent(rest)

        fm = _FENCE_OPEN.match(rest)
        if fm and (indent <= 3 or in_list):
            run = fm.group(1)
            if run[0] == "~" or "`" not in fm.group(2):
                mask.code(s, e)
                fence = (run[0], len(run))
                prev_blank = prev_paragraph = boundary = False
                continue

        if boundary and not in_list and indent >= 4 and bq == 0:
            mask.code(s, e)
            in_indented_code = True
            prev_blank = prev_paragraph = False
            continue

        if _is_rule_line(stripped):
            mask.blank(s, e)
            prev_blank, prev_paragraph, boundary = False, False, True
            continue

        if "|" in stripped and "-" in stripped and set(stripped) <= _TABLE_DELIMITER_CHARS:
            mask.blank(s, e)
            prev_blank = prev_paragraph = boundary = False
            continue
        if stripped[0] == "|":
            for i, ch in enumerate(rest):
                if ch == "|" and (i == 0 or rest[i - 1] != "\\"):
                    mask.blank(s + bq + i, s + bq + i + 1)

        rd = _REFDEF.match(rest)
        if rd and indent <= 3:
            _mask_definition(rest, rd, s + bq, mask)
            if indent == 0 and prev_blank:
                in_list = False
            prev_blank = prev_paragraph = boundary = False
            continue

        # List markers (possibly several: "- [ ] 1. item"), then an ATX heading.
        pos = 0
        is_item = False
        while True:
            lm = _LIST_MARKER.match(rest, pos)
            if not lm:
                break
            marker = lm.group(1)
            if marker[0].isdigit() and prev_paragraph and not in_list and marker[:-1] != "1":
                break  # only "1." may interrupt a paragraph: "in\n2019. The" is prose
            mask.blank(s + bq + lm.start(1), s + bq + lm.end(1))
            pos = lm.end(1)
            is_item = True
            tb = _TASK_BOX.match(rest, pos)
            if tb:
                mask.blank(s + bq + tb.start(1), s + bq + tb.end(1))
                pos = tb.end(1)
        heading = _ATX.match(rest, pos)
        if heading:
            mask.blank(s + bq + heading.start(1), s + bq + heading.end(1))
            tail = rest.rstrip()
            k = len(tail)
            while k > heading.end(1) and tail[k - 1] == "#":
                k -= 1
            if k < len(tail) and (k == heading.end(1) or tail[k - 1] in " \t"):
                mask.blank(s + bq + k, s + bq + len(tail))

        if is_item:
            in_list = True
        elif indent == 0 and prev_blank:
            in_list = False
        prev_paragraph = not is_item and not heading and not in_list
        prev_blank = False
        boundary = bool(heading)


def _mask_definition(rest: str, rd: re.Match[str], offset: int, mask: _Mask) -> None:
    """``[id]: url "title"`` keeps the URL; ``[^1]: text`` (a footnote) keeps the text."""
    mask.blank(offset + rd.start(), offset + rd.end())
    if rd.group(1).startswith("^"):
        return
    pos = rd.end()
    if rest.startswith("<", pos):
        close = rest.find(">", pos)
        if close < 0:
            return
        mask.blank(offset + pos, offset + pos + 1)
        mask.blank(offset + close, offset + close + 1)
        mask.protect(offset + pos + 1, offset + close)
        pos = close + 1
    else:
        stop = pos
        while stop < len(rest) and not rest[stop].isspace():
            stop += 1
        mask.protect(offset + pos, offset + stop)
        pos = stop
    mask.blank(offset + pos, offset + len(rest))  # the optional title


# -------------------------------------------------------------------------------- inline level


def _mask_inline(mask: _Mask) -> None:
    _mask_code_spans(mask)
    scan = mask.scan_text()
    for m in _ESCAPE.finditer(scan):
        mask.blank(m.start(), m.start() + 1)
        if m.end() > m.start() + 1:
            mask.protect(m.start() + 1, m.end())
    _mask_html(mask)

    scan = mask.scan_text()
    for m in _AUTOLINK.finditer(scan):
        mask.blank(m.start(), m.start() + 1)
        mask.blank(m.end() - 1, m.end())
        mask.protect(m.start(1), m.end(1))
    scan = mask.scan_text()
    for m in _TAG.finditer(scan):
        is_anchor = scan[m.start() + 1 : m.start() + 2] in "aA"
        href = _HREF.search(scan, m.start(), m.end()) if is_anchor else None
        mask.blank(m.start(), m.end())
        if href:
            a, b = href.span(1)
            mask.out[a:b] = list(scan[a:b])
            mask.protect(a, b)

    scan = mask.scan_text()
    for m in _FOOTNOTE_REF.finditer(scan):
        mask.blank(m.start(), m.end())
    scan = mask.scan_text()
    for m in _IMAGE.finditer(scan):
        mask.blank(m.start(), m.end())
    scan = mask.scan_text()
    for m in _LINK.finditer(scan):
        text_end = m.end(1)
        mask.blank(m.start(), m.start() + 1)  # "["
        url = 2 if m.start(2) >= 0 else 3
        if m.start(url) >= 0:
            mask.blank(text_end, m.start(url))  # "](" or "](<"
            mask.protect(m.start(url), m.end(url))
            mask.blank(m.end(url), m.end())  # ">", title and ")"
        else:
            mask.blank(text_end, m.end())  # "][id]"

    scan = mask.scan_text()
    for m in _BARE_URL.finditer(scan):
        mask.protect(m.start(), m.end())
    scan = mask.scan_text()
    for m in _ENTITY.finditer(scan):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue  # not a known entity: leave the text alone
        char = decoded if len(decoded) == 1 else " "
        if char in _NEWLINE_CHARS or not (char.isprintable() or char == "\xa0"):
            char = " "
        mask.blank(m.start() + 1, m.end())
        mask.put(m.start(), char)

    scan = mask.scan_text()
    n = len(scan)
    for m in _EMPHASIS.finditer(scan):
        before = scan[m.start() - 1] if m.start() > 0 else " "
        after = scan[m.end()] if m.end() < n else " "
        if before.isspace() and after.isspace():
            continue  # "5 * 3", a lone "~~"
        if m.group()[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case and intraword underscores are not emphasis
        mask.blank(m.start(), m.end())


def _mask_code_spans(mask: _Mask) -> None:
    """Blank `code` spans: a backtick run closed by the next run of the same length."""
    scan = mask.scan_text()
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(scan)]
    if len(runs) < 2:
        return
    blank_lines = [m.start() for m in _BLANK_LINE.finditer(scan)]
    by_length: dict[int, list[int]] = {}
    rank = []
    for i, (s, e) in enumerate(runs):
        same = by_length.setdefault(e - s, [])
        rank.append(len(same))
        same.append(i)
    consumed_until = 0
    for i, (s, e) in enumerate(runs):
        if s < consumed_until:
            continue
        same = by_length[e - s]
        if rank[i] + 1 >= len(same):
            continue
        close_start, close_end = runs[same[rank[i] + 1]]
        k = bisect_right(blank_lines, s)
        if k < len(blank_lines) and blank_lines[k] < close_start:
            continue  # a code span does not cross a blank line
        mask.code(s, close_end)
        consumed_until = close_end


def _mask_html(mask: _Mask) -> None:
    """Blank HTML comments and raw-text blocks (script, style, pre, textarea)."""
    scan = mask.scan_text()
    pos = 0
    while True:
        start = scan.find("<!--", pos)
        if start < 0:
            break
        end = scan.find("-->", start + 4)
        if end < 0:
            break  # unterminated: later openers cannot be closed either; leave them as text
        mask.blank(start, end + 3)
        pos = end + 3

    scan = mask.scan_text()
    unclosed: set[str] = set()
    pos = 0
    while True:
        m = _RAW_BLOCK.search(scan, pos)
        if not m:
            break
        name = m.group(1).lower()
        close = None if name in unclosed else _RAW_CLOSE[name].search(scan, m.end())
        if close is None:
            unclosed.add(name)
            pos = m.end()
            continue
        mask.blank(m.start(), close.end())
        pos = close.end()
