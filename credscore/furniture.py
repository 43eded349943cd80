"""Page furniture: the lines of a scraped page that are not the article's prose.

Real input is scraped pages. Around the article sit navigation and breadcrumbs ("Home >
Health > Cancer"), menus, related-article teasers ("Related: ...", a list of headlines),
bylines and author or speaker lists, share and subscribe prompts ("Share this article", "Sign
up for our newsletter"), captions and photo credits ("Photo: ...", "(Image credit: ...)") and
bare source tags ("[Source: The Lancet Neurology]", "Source: Reuters"). None of it is the
writer's prose: a teaser's "world's first" is another story's headline, a breadcrumb is not a
sentence, and a source tag is not a citation in the text.

:func:`page_lines` reads normalised text line by line and returns which whole lines are
furniture, with their kind, and where a heading-like line (short, no end punctuation) ends a
sentence. :class:`credscore.document.Document` blanks the furniture lines out of the text the
signals read (offsets, lines and columns are unchanged) and keeps their spans in
``Document.furniture``: they feed no sentence, readability formula or rate denominator, and no
finding is made on them.

A line that carries sales language ("Get your free quote", "Book now", a price) is never
furniture, even in a menu: on a sales page the menu is part of the pitch.

Examples
    Furniture: "Home > Health > Cancer", "Related: Tea cures all, says a new study",
    "Share this article", "Photo: a nurse in the ward (Getty Images)", "Source: Reuters".
    Prose: "Source of the funding was the National Institutes of Health.", a one-line section
    heading such as "What the study found", a list of symptoms ("Fever", "Dry cough").
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["FURNITURE_KINDS", "SITE_CHROME", "PageLines", "page_lines"]

FURNITURE_KINDS = ("navigation", "teaser", "byline", "prompt", "caption", "source")
"""The kinds of furniture line, as recorded in ``Document.furniture``: ``navigation``
(breadcrumbs, menus, page chrome such as "Advertisement" or "Updated at 9:20"), ``teaser``
(related-article headlines and their headers), ``byline`` (authors, speakers, reporter lines),
``prompt`` (share, subscribe, comment and legal lines), ``caption`` (captions and photo credits)
and ``source`` (bare source tags and "originally published" lines)."""


# The publication's own furniture words: its newsletter, subscriptions, letters address and
# legal lines. Whole lines of its prompts are furniture (``prompt``, see _PROMPT); inside a
# prose paragraph the commercial signal reads these words per sentence, where a call to action
# or a contact sells the publication, not a treatment ("Click the link to confirm your
# subscription", "Contact us at editors@time.com", "Subscribe to support our journalism.").
SITE_CHROME = re.compile(  # run on Document.lower
    r"newsletter|\bsubscri(?:be|bers?|ption)|confirmation e-?mail|terms of (?:use|service)"
    r"|privacy policy|all rights reserved|copyright|our journalism"
    r"|\b(?:editors?|letters|newsroom|news|tips|feedback|corrections)@"
)


class PageLines(NamedTuple):
    """What :func:`page_lines` found: furniture lines and sentence breaks."""

    furniture: tuple[tuple[int, int, str], ...]
    """``(start, end, kind)`` of each furniture line (stripped of surrounding spaces)."""
    breaks: tuple[int, ...]
    """Offsets just after a heading-like line where a sentence ends."""


# Lines longer than this are prose paragraphs: no furniture rule reads them.
_MAX_FURNITURE_CHARS = 400

# Every alternative starts with a literal character, so a search skips in C to the next
# candidate (a leading \b would make it try every position).
_SALES = re.compile(
    r"free (?:quote|consult|trial|sample|shipping|gift|e-?book|bonus|estimate|evaluation)"
    r"|book (?:now|today|online|your|an? )|order (?:now|today|yours|online)"
    r"|buy (?:now|today|online)|call (?:now|today|us)|shop now"
    r"|\$ ?\d|\u20ac ?\d|\u00a3 ?\d|%(?<=\d%) off|% off(?<=\d % off)|money-back|risk-free"
    r"|limited[- ]time|discount|promo code|get (?:a|your) (?:free )?quote"
    r"|request (?:a|your) (?:quote|consultation|call)|schedule (?:a|an|your) |appointment"
    r"|consultation"
)

# One rule per kind, each run on the stripped, lower-cased line (with the line's word count).
_PROMPT = re.compile(
    r"(?:share (?:this|the|on|via|your thoughts)\b|share$|shares?:|click to (?:share|e-?mail|print"
    r"|tweet)|tweet (?:this|it)\b|e-?mail (?:this|a friend|to a friend)|print (?:this|article|page)"
    r"|(?:click here to )?(?:sign up|subscribe|register) (?:for|to|now|today|here)\b.{0,80}"
    r"\b(?:newsletters?|news\b|updates|alerts|inbox|e-?mails?|podcast|channel|magazine|digest"
    r"|briefing)"
    r"|subscribe(?: now| today| here)?$|follow us\b|like us on|join (?:us on|our (?:mailing"
    r"|newsletter|community))|get (?:our|the) .{0,40}newsletter|.{0,60}delivered (?:to|straight"
    r" to|right to) your inbox|enter your e-?mail|(?:leave|post|add|view|show|read|see|load)"
    r" (?:a |all |the |\d+ )?comments?\b|\d+ comments?$|comments?$|ad$"
    r"|sponsored(?: content| links?)?$|continue reading\b|skip to (?:main )?content|back to top"
    r"|advertisement(?:$| continue| - | [|])"
    r"|back to previous page|(?:this (?:site|website)|we) uses? cookies|by (?:clicking"
    r"|signing up|subscribing)|we respect your privacy|all rights reserved|copyright\b|\u00a9"
    r"|terms (?:of|and) (?:use|service|conditions)|privacy policy|download (?:our|the) app"
    r"|listen to (?:this|the) (?:article|story)|en espa\u00f1ol|toggle (?:navigation|caption)"
    r"|enlarge this image|write to .{1,40} at \S+@)"
)
# A dateline ("Updated at 9:20 p.m. ET", "Published: 3 May 2020"), on a short line with no full
# stop and no sentence inside ("Published on Monday. The study found ..." is prose).
_DATELINE = re.compile(
    r"(?:updated|posted|published|last (?:updated|modified|reviewed))(?: at| on)?:? (?:\d|jan"
    r"|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today)"
)
_PROMPT_ANYWHERE = re.compile(r"all rights reserved|\u00a9 ?\d{4}|copyright \u00a9?\d{4}")
_CAPTION = re.compile(
    r"(?:\(|\[)?(?:photo|photograph|image|picture|pic|caption|credit|illustration|graphic"
    r"|video|file photo|photo credit|image credit|image copyright|image caption|image source"
    r"|media caption|top image|featured image|header image|stock photo|slideshow)s?"
    r"(?: \(\d+\))?(?:\s*[:|]| - | by | courtesy\b|\)?$| \(\d+ images?\)$)"
)
_CREDIT_ENDINGS = (
    "getty images",
    "shutterstock",
    "istock",
    "istockphoto",
    "ap photo",
    "associated press",
    "afp",
    "reuters",
    "epa",
    "alamy",
    "science photo library",
    "corbis",
    "bloomberg",
    "pa wire",
    "pa images",
    "nurphoto",
    "sipa",
    "zuma",
    "wikimedia commons",
    "flickr",
    "unsplash",
    "pixabay",
    "screen grab",
    "screengrab",
    "screenshot",
    "screen shot",
    "stock photo",
)
# A credit inside brackets: "(Image credit: NASA)", "(Jane Doe/The Daily Post)"; not a DOI or
# a link ("(doi:10.1001/jama.2018.1100)").
_CREDIT_MARK = re.compile(
    r"[A-Za-z.]/[A-Z]|(?i:photo|image|credit|getty|courtesy|screen ?(?:grab|shot))"
)
# An agency's credit ending a caption: "... in a file photo. REUTERS/Jane Doe".
_AGENCY_CREDIT = re.compile(
    r"(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|Bloomberg|Shutterstock|Alamy)"
    r"(?: Photo)?/[A-Z][\w.' -]{1,40}$"
)
_CAPTION_INSIDE = re.compile(
    r"\b(?:photograph|photo|image|illustration|picture|credit)s?: [^.!?]{1,80}$"
)
_SOURCE = re.compile(
    r"\[?\(?(?:sources?|via|h/t|hat tip)\s*[:|]|(?:this (?:article|story|post|piece) (?:was |is )?"
    r"(?:originally |first )?|originally )(?:published|appeared|posted) (?:on|in|at|by)\b"
    r"|(?:republished|reprinted|adapted) (?:with permission )?(?:from|with permission)\b"
)
_BYLINE = re.compile(
    r"(?i:by|written by|reported by|reporting by|words by|story by|posted by|edited by"
    r"|compiled by|interview by|(?:medically )?reviewed by|fact[- ]checked by) [A-Z]"
)
# A reporter's line: "HealthDay Reporter", "Senior Health Correspondent".
_BYLINE_ENDINGS = tuple(
    f"{role}{plural}"
    for role in (
        "reporter",
        "correspondent",
        "staff writer",
        "contributor",
        "contributing writer",
        "columnist",
        "senior writer",
        "health writer",
        "news editor",
        "health editor",
        "science editor",
    )
    for plural in ("", "s")
)
# A signed name: "- Jane Smith" (a reader's signature with an age, "- Mary, 54", is a
# testimonial and stays prose for the commercial signal).
_SIGNED = re.compile(r"[-~] ?[A-Z][a-z][\w.'-]*(?: [A-Z][\w.'-]*){1,2}")
# A degree after a comma: "Jane Smith, MD; John Doe, PhD".
_DEGREE = re.compile(
    r"[,;] ?(?:M\.?D|Ph\.?D|M\.?P\.?H|R\.?N|D\.?O|MBBS|MSc|DPhil|FRCP|FACS|FACC|DrPH|PharmD"
    r"|MBA|DDS)\b"
)
_NAME = r"[A-Z][\w.'-]*(?: (?:[A-Z][\w.'-]*|van|von|de|da|del|le|la|bin)){1,3}"
# Three or more names: "Jane Smith, John Doe and Mary Major".
_NAME_LIST = re.compile(rf"{_NAME}(?:(?:, {_NAME}){{2,}}|(?:, {_NAME})+,? (?:and|&) {_NAME})")
_TEASER_HEADER = re.compile(
    r"(?:related(?: [a-z]+){0,2}|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|more (?:from|on|about|in) [^.!?]{0,40}|more (?:stories|news|like this)"
    r"|most (?:read|popular|viewed|shared|emailed)(?: [a-z]+)?"
    r"|recommended(?: for you| stories| reading| articles| videos)?"
    r"|top stories|latest (?:news|stories|articles|headlines|videos)|trending(?: now| stories)?"
    r"|popular (?:now|stories|articles|posts)|editor'?s'? picks?|in other news"
    r"|what to read next|read (?:more|next|this next)|see (?:also|more)|also (?:read|see|on)"
    r"|don't miss|around the web|from the web|(?:promoted|sponsored) stories"
    r"|you might have missed|keep reading|further coverage)\s*:?$"
)
_TEASER_PREFIX = re.compile(
    r"(?:related(?: [a-z]+){0,2}|read more|more|see also|also read|read next|also see"
    r"|recommended|read|watch|listen|don't miss|trending|must read|click here)\s*[:>\u00bb|]"
    r"|read more (?:about|on|from|at)\b|more on this\b"
)
_NAV_WORDS = frozenset(
    "home menu search login log in sign register account subscribe share tweet email e-mail "
    "print facebook twitter x reddit linkedin pinterest whatsapp instagram youtube tiktok "
    "flipboard pocket messenger telegram copy link comments comment advertisement ad "
    "sponsored next previous prev close more related tags topics categories skip to content "
    "main back top newsletter newsletters rss feed about us contact sitemap".split()
)
_NAV_MARK = re.compile("[|/\u2022\u00b7>\u00bb\u203a]")
_NAV_SEPARATOR = re.compile(r"\s+[|/\u2022\u00b7]\s+|\s*[>\u00bb\u203a]\s*")
_END_PUNCT = re.compile(r"[.!?:;,]['\")\]]*$")
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as that which who whose than "
    "is are was were be been has have had its their his her our your my this these those "
    "into onto over under about after before between said says told".split()
)
_WORDS = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*")
_HAS_WORD = re.compile(r"[^\W_]")
_PUNCTUATION = ".,;:!?\"'()[]"
_LINE = re.compile(r"[^\n]+")
# A sentence ending inside a line ("newsletter. Questions", not "Dr. Smith" or "p.m. ET").
_INNER_END = re.compile(r"[.!?](?<=[a-z]{2}[.!?])['\")\]]* +[A-Z0-9\"']")
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.? \d", re.I
)
_DIGITS = re.compile(r"\d{3}")
_DIGIT = re.compile(r"\d")
# Not a headline: an address, a link, or a labelled list ("Dairy: milk, cheese, yogurt").
_NOT_TITLE = re.compile(r"@|https?:|www\.")
_LABELLED_LIST = re.compile(r"[^:]{1,40}: .*,")
_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")


def page_lines(text: str) -> PageLines:
    """Find the furniture lines of normalised ``text`` and the heading-like lines that end a
    sentence. Linear in the text: a line that ends a sentence with a full stop or a closing
    quote is prose unless :func:`_cued` sees a furniture rule's first word or a credit at its
    end; only the other lines (headings, lists, furniture) are read by the patterns below."""
    lines = [m.span() for m in _LINE.finditer(text)]
    kinds: list[str | None] = []
    headline: list[bool] = []
    shapes: list[str | None] = []
    read = []  # indices of the lines read in full: only they can be headings or teasers
    for k, (start, end) in enumerate(lines):
        if text[end - 1] in _SENTENCE_END and not _cued(text, start, end):
            # Prose: a paragraph (about 25 words or more), a blurb, or a short sentence.
            kinds.append(None)
            headline.append(False)
            size = end - start
            shapes.append(
                "prose" if size > _PROSE_LINE else "blurb" if size > _BLURB_LINE else None
            )
        else:
            kind, is_headline, shape = _read_line(text[start:end].strip())
            kinds.append(kind)
            headline.append(is_headline)
            shapes.append(shape)
            read.append(k)
    if read:
        _mark_teasers(text, lines, kinds, headline, shapes)
    furniture = []
    for (start, end), kind in zip(lines, kinds):
        if kind is not None:  # a line read in full, or a blurb in a teaser section
            chunk = text[start:end]
            left = start + len(chunk) - len(chunk.lstrip())
            furniture.append((left, left + len(chunk.strip()), kind))
    return PageLines(tuple(furniture), _heading_breaks(text, lines, kinds, read))


def _read_line(line: str) -> tuple[str | None, bool, str | None]:
    """One stripped line: its furniture kind (None for prose), whether it reads as a
    headline (for title-case teaser runs) and its :func:`_shape`."""
    if not line:
        return None, False, None
    words = line.split() if _HAS_WORD.search(line) else []  # "\u2022 \u2022 \u2022" has none
    kind, is_headline = _line_kind(line, len(words))
    shape = _shape(line, words)
    if (kind is not None or is_headline or shape is not None) and _SALES.search(line.lower()):
        return None, False, None  # a sales page's menu and buttons are part of its pitch
    return kind, is_headline, shape


# A line that ends with one of _SENTENCE_END is prose unless _cued: its shape "prose" beyond
# _PROSE_LINE characters (about 25 words), "blurb" beyond _BLURB_LINE (about 8 words).
_PROSE_LINE = 160
_BLURB_LINE = 45
_SENTENCE_END = frozenset(".\"'")
# The first words of the furniture lines that can end a sentence (captions, source tags,
# "originally published" notes, prompts, teasers, bylines), and the credits and legal words
# that end a caption or legal line.
_CUED_HEAD = frozenset(
    "photo photos photograph image images picture caption credit illustration graphic video "
    "file stock slideshow source sources originally this republished reprinted adapted share "
    "click sign subscribe follow get related read more by written reported reporting leave "
    "comments advertisement continue skip back like join enter download listen write terms "
    "privacy we updated published posted you most recommended trending don't keep en toggle "
    "enlarge".split()
)
# Each alternative starts with a literal character, so a search skips in C to the next
# candidate (a leading character class would make it try every alternative at every position).
_CUED_TAIL = re.compile(
    r":|\u00a9|Getty|GETTY|Reuters|REUTERS|AFP|/AP\b|Rights [Rr]eserved|rights [Rr]eserved"
)


def _cued(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` opens with a furniture rule's first word
    (:data:`_CUED_HEAD`) or, if short enough to be furniture, holds a caption's credit or a
    legal line's words in its last 100 characters."""
    if text[start : start + 24].lstrip(" ([").split(" ", 1)[0].lower() in _CUED_HEAD:
        return True
    return end - start <= _MAX_FURNITURE_CHARS and bool(
        _CUED_TAIL.search(text, max(start, end - 100), end)
    )


def _line_kind(line: str, n_words: int) -> tuple[str | None, bool]:
    """The furniture kind of one stripped line of ``n_words`` words (None for prose) and
    whether it reads as a headline."""
    if len(line) > _MAX_FURNITURE_CHARS:
        return None, False
    lower = line.lower()
    if n_words == 0:
        # A row of separators ("\u2022 \u2022 \u2022", "| |"); not "###", a release's end mark.
        return (
            "navigation"
            if not line.strip("\u2022\u00b7|/*=_~<>\u00ab\u00bb\u2039\u203a- ")
            else None
        ), False
    if (
        n_words <= 30
        and ("\u00a9" in lower or "rights" in lower or "copyright" in lower)
        and _PROMPT_ANYWHERE.search(lower)
    ):
        return "prompt", False  # "Copyright 2024 The Daily Example. All rights reserved."
    if n_words <= 25 and _SOURCE.match(lower) or n_words <= 10 and line.startswith("SOURCE "):
        return "source", False
    if n_words <= 60 and _caption(line, lower, n_words):
        return "caption", False
    if n_words > 40:
        return None, False
    if _INNER_END.search(line):
        # Two sentences are prose ("Get our newsletter. Questions? Call us."), unless each is
        # a prompt ("Sign up for our newsletter! Click here to subscribe today.").
        return ("prompt" if n_words <= 30 and _all_prompts(line, lower) else None), False
    if n_words <= 30 and _PROMPT.match(lower):
        return "prompt", False
    if n_words <= 12 and _DATELINE.match(lower) and not line.endswith("."):
        return "navigation", False
    if n_words <= 25 and (_TEASER_HEADER.match(lower) or _TEASER_PREFIX.match(lower)):
        return "teaser", False
    if _navigation(line, lower, n_words):
        return "navigation", False
    if _byline(line, lower, n_words):
        return "byline", False
    return None, _headline(line, n_words)


def _all_prompts(line: str, lower: str) -> bool:
    """Whether every sentence of ``line`` (split where :data:`_INNER_END` matches) is a
    prompt."""
    if len(lower) != len(line):
        return False  # lower-casing changed the length ("\u0130"): offsets would not agree
    start = 0
    for m in _INNER_END.finditer(line):
        if not _PROMPT.match(lower, start, m.start() + 1):
            return False
        start = m.end() - 1  # the next sentence opens with the character matched last
    return bool(_PROMPT.match(lower, start))


def _caption(line: str, lower: str, n_words: int) -> bool:
    if _CAPTION.match(lower):
        # "Video shows the ward" is prose; "Video: the ward" and "Photo" alone are captions.
        return True
    if ": " in line and _CAPTION_INSIDE.search(lower):
        return True
    if line[0] in "([" and line[-1] in ")]" and n_words <= 30 and _CREDIT_MARK.search(line):
        return True  # "(Image credit: NASA)", "(Michael Smith/The Daily Post)"
    if lower.rstrip(")] ").endswith(_CREDIT_ENDINGS) and not _END_PUNCT.search(line[-8:]):
        return _CREDIT_MARK.search(line) is not None or "/" in line or n_words <= 6
    if "/" in line and _AGENCY_CREDIT.search(line):
        return True
    return False


def _navigation(line: str, lower: str, n_words: int) -> bool:
    if n_words <= 8 and line[-1] != ":" and _nav_words_only(lower):
        return True  # "Facebook Twitter Email", "Skip to content"; not "Contact:" (a press contact)
    if line[0] == "|" or n_words > 40 or not _NAV_MARK.search(line):
        return False  # a Markdown table row holds data
    parts = [p.strip() for p in _NAV_SEPARATOR.split(line)]
    if len(parts) < 2:
        return False
    pointed = bool(re.search("[>\u00bb\u203a]", line))
    if len(parts) < 3 and not pointed:
        return False  # "Cancer drug shows promise | Reuters" may be a headline
    for part in parts:
        words = _WORDS.findall(part)
        if (
            not words
            or len(words) > 5
            or _END_PUNCT.search(part)
            or part.replace(" ", "").isdigit()
        ):
            return False
    return True


def _nav_words_only(lower: str) -> bool:
    """Whether every word of ``lower`` is a navigation word (:data:`_NAV_WORDS`); the first
    word settles most lines without reading the others."""
    first = _WORDS.search(lower)
    if first is not None and first.group() not in _NAV_WORDS:
        return False
    return all(w in _NAV_WORDS for w in _WORDS.findall(lower))


def _byline(line: str, lower: str, n_words: int) -> bool:
    if (
        n_words <= 15
        and not line.endswith(".")
        and (_BYLINE.match(line) or (n_words <= 8 and lower.endswith(_BYLINE_ENDINGS)))
    ):
        return True
    if n_words <= 4 and _SIGNED.fullmatch(line):
        return True
    if _DEGREE.search(line) and _capitalised_share(line) >= 0.6:
        return True
    return _NAME_LIST.fullmatch(line.rstrip(".")) is not None


def _capitalised_share(line: str) -> float:
    words = [w for w in _WORDS.findall(line) if w[0].isalpha()]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


def _headline(line: str, n_words: int) -> bool:
    """A headline-like line: 3-20 words, no end punctuation but "?" or "!", opening with a
    capital, a digit or a quote, and in title case (most longer words capitalised)."""
    if not 3 <= n_words <= 20 or _END_PUNCT.search(line.rstrip("?!")) or line[-1] in ".:;,":
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'"):
        return False
    if _YEAR.search(line):
        return False  # "New Scientist, June 29, 1996": a reference list is sourcing
    long_words = [w for w in line.split()[1:] if len(w) >= 4 and w[0].isalpha()]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _mark_teasers(
    text: str,
    lines: list[tuple[int, int]],
    kinds: list[str | None],
    headline: list[bool],
    shapes: list[str | None],
) -> None:
    """Mark teaser lists: the section after a teaser header ("Related stories", "You may also
    like": its headlines, date lines and one-paragraph blurbs), runs of three or more
    title-case headlines, and runs of two or more headlines above the article's first prose
    paragraph or below its last (a site's menus and headline lists)."""
    n = len(lines)
    i = 0 if "teaser" in kinds or True in headline else n  # else the loop finds nothing
    while i < n:
        start, end = lines[i]
        if kinds[i] == "teaser" and _TEASER_HEADER.match(text[start:end].strip().lower()):
            j = i + 1
            while j < n and _in_teaser_section(shapes, kinds, j):
                if kinds[j] is None and _SALES.search(text[lines[j][0] : lines[j][1]].lower()):
                    break  # "Read more ... Get your bottle now at 50% off!" still sells
                kinds[j] = kinds[j] or "teaser"
                j += 1
            i = j
            continue
        if headline[i] and kinds[i] is None:
            j = i
            while j < n and (headline[j] or kinds[j] is not None):
                j += 1
            run = [k for k in range(i, j) if headline[k] and kinds[k] is None]
            if len(run) >= 3:
                for k in run:
                    kinds[k] = "teaser"
            i = max(j, i + 1)
            continue
        i += 1
    if "title" not in shapes:
        return  # no headline-shaped line to mark at the edges
    prose = [k for k in range(n) if shapes[k] == "prose" and kinds[k] is None]
    if prose:
        _mark_edge_runs(shapes, kinds, range(prose[0]))
        _mark_edge_runs(shapes, kinds, range(prose[-1] + 1, n))


def _in_teaser_section(shapes: list[str | None], kinds: list[str | None], j: int) -> bool:
    """Whether line ``j`` still belongs to a teaser section: a headline, a date line, other
    furniture, or a short blurb followed by another headline or date line (or the end)."""
    if kinds[j] is not None or shapes[j] in ("title", "dated"):
        return True
    if shapes[j] == "blurb":
        return j + 1 == len(shapes) or shapes[j + 1] in ("title", "dated")
    return False


def _mark_edge_runs(shapes: list[str | None], kinds: list[str | None], indices: range) -> None:
    """Mark runs of two or more headline-shaped lines among ``indices`` (lines above the first
    prose paragraph or below the last) as teasers; other furniture does not break a run."""
    run: list[int] = []
    for k in [*indices, None]:
        if k is not None and kinds[k] is not None:
            continue
        if k is not None and shapes[k] == "title":
            run.append(k)
            continue
        if len(run) >= 2:
            for r in run:
                kinds[r] = "teaser"
        run = []


def _shape(line: str, words: list[str]) -> str | None:
    """How a line reads on a page: ``"prose"`` (a paragraph that ends a sentence), ``"title"``
    (a headline in title or sentence case), ``"dated"`` (a short line with a date), ``"blurb"``
    (a short paragraph) or None."""
    n_words = len(words)
    if not n_words:
        return None
    if n_words > 45:
        return "prose"
    # A headline may end with "?" or "!"; a sentence of a paragraph ends with anything.
    if _END_PUNCT.search(line[-8:]) and (n_words >= 8 or line.rstrip("\"')]")[-1] not in "?!"):
        if line[-1] in ":;,":
            return None
        return "prose" if n_words >= 25 else "blurb" if n_words >= 8 else None
    digit = n_words <= 20 and _DIGIT.search(line) is not None  # a year needs digits
    if n_words <= 12 and digit and (_YEAR.search(line) or _MONTH.search(line)):
        return "dated"
    if (
        3 <= n_words <= 20
        and (line[0].isupper() or line[0] in "\"'")
        and words[-1].strip(_PUNCTUATION).lower() not in _FUNCTION_WORDS
        and not (digit and (_YEAR.search(line) or _DIGITS.search(line)))
        and not _NOT_TITLE.search(line)
        and not _LABELLED_LIST.match(line)
    ):
        return "title"
    return None


def _heading_breaks(
    text: str, lines: list[tuple[int, int]], kinds: list[str | None], read: list[int]
) -> tuple[int, ...]:
    """Ends of prose lines that read as headings: no end punctuation, not ending on a function
    word, followed by a line that opens with a capital, digit, quote or bullet, and either
    title case or too short to be a hard-wrapped line (the line and the next word fit in 64
    characters, so the break was not made by wrapping)."""
    breaks = []
    for k in read:
        if kinds[k] is not None or k + 1 == len(lines):
            continue
        start, end = lines[k]
        if end - start > 200:
            continue  # a heading has at most 20 words
        line = text[start:end].strip()
        if not line or _END_PUNCT.search(line[-8:]) or line[-1] in "-(&/":
            continue
        last = line.rsplit(None, 1)[-1].lower()
        if last in _FUNCTION_WORDS:
            continue
        nxt = text[lines[k + 1][0] : lines[k + 1][1]].lstrip()
        if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'(\u2022*-"):
            continue
        n_words = len(_WORDS.findall(line))
        first = nxt.split(None, 1)[0]
        if len(line) + 1 + len(first) <= 64 or (n_words <= 20 and _headline(line, n_words)):
            breaks.append(end)
    return tuple(breaks)
