"""Commercial: calls to action, sales offers, guarantees, contact blocks and testimonials.

What it detects
    Sales language in health writing: calls to action ("book your appointment", "call now",
    "click here", "order today"), offers and urgency ("free consultation", "promo code",
    "20% off", "save $50", "limited-time offer", "while supplies last", "only 3 left", a price
    next to booking language: "$2,500 per session - book today"), guarantees ("money-back
    guarantee", "risk-free"), contact blocks (phone numbers, e-mail addresses, "contact us") and
    testimonials ("our patients say", "changed my life", "I was in a wheelchair and now ...",
    a signature line "- Mary, 54, Texas", five-star ratings). Every feature can only lower
    credibility: a sales pitch is never evidence.

    It stays quiet on look-alikes: "free" only counts before a sales item (quote, consultation,
    trial, sample, gift, shipping, e-book, bonus), so "smoke-free", "sugar-free" and "the vaccine
    is free at pharmacies" do not fire; "book" needs booking words ("her book on nutrition" does
    not fire), "order" needs "now/today/yours" ("in order to", "disorder" do not fire), "call"
    needs "now/today/us" ("so-called" does not fire), "save" needs a price or percentage ("save
    lives" does not fire); years, ranges and counts ("2019-2020", "1,200 patients") are not phone
    numbers; "we must act now" is not an imperative; negated or debunked phrases ("no treatment
    is risk-free", "beware of a money-back guarantee") and press-office contacts ("Media
    contact: ...") are skipped. So is the publication's own furniture scraped with a story: a
    call to action, offer or contact in a sentence (or after one in the same paragraph) about
    its newsletter, subscriptions, letters address or legal lines ("Click the link to confirm
    your subscription", "Contact us at editors@time.com"), unless that sentence names a
    treatment, appointment or product.

Sources of the rules
    FTC, "Health Products Compliance Guidance" (December 2022); FDA, "Health Fraud Scams"
    tip-offs (money-back guarantees, limited-time offers, personal testimonials); Cialdini,
    *Influence: Science and Practice* (4th ed., 2001), on scarcity and deadline tactics; the
    Credibility Coalition content indicator "calls to action" (Zhang et al., "A Structured
    Response to Misinformation", WWW'18 Companion); FTC Endorsement Guides, 16 CFR Part 255.

Examples
    Fires (commercial.call-to-action): "Book your appointment today!"
    Does not fire: "Her book on nutrition was published in order to help smoke-free families."
"""

from __future__ import annotations

import math
import re
from functools import cache, partial

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.furniture import SITE_CHROME
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, finditer_near, without_overlaps
from credscore.signals.context import debunking_sentences

__all__ = ["SIGNAL", "RULES", "FEATURES", "analyze"]

_FTC = "FTC, Health Products Compliance Guidance (2022)"
_FDA = "FDA, Health Fraud Scams tip-offs"
_CREDCO = "Credibility Coalition indicator 'calls to action' (Zhang et al., WWW'18 Companion)"

RULES = (
    Rule(
        "commercial.call-to-action",
        "error",
        "lowers",
        "An imperative sales phrase asks the reader to buy, book, call or click now.",
        f"{_CREDCO}; {_FTC}",
    ),
    Rule(
        "commercial.urgency",
        "error",
        "lowers",
        "Scarcity or deadline pressure: 'limited-time offer', 'while supplies last', "
        "'only 3 left'.",
        f"{_FDA}; Cialdini, Influence (2001), scarcity; {_FTC}",
    ),
    Rule(
        "commercial.offer",
        "error",
        "lowers",
        "A sales offer: discount, promo code, '% off', a free consultation or trial, or a "
        "price next to booking language.",
        f"{_FTC}; {_FDA}",
    ),
    Rule(
        "commercial.guarantee",
        "error",
        "lowers",
        "A guarantee that removes the buyer's risk: 'money-back guarantee', 'risk-free'.",
        f"{_FDA}; {_FTC}",
    ),
    Rule(
        "commercial.contact",
        "warning",
        "lowers",
        "A sales contact block: phone number, e-mail address or 'contact us'.",
        f"{_CREDCO}; {_FTC}",
    ),
    Rule(
        "commercial.testimonial",
        "warning",
        "lowers",
        "A customer testimonial or rating used as evidence: 'our patients say', 'changed my "
        "life', '- Mary, 54, Texas', five stars.",
        f"{_FDA}; FTC Endorsement Guides, 16 CFR Part 255; {_FTC}",
    ),
)

# Floors: no labelled row is a sales page, so the data cannot say how much these marks should
# cost; each floor is the least weight (logits per unit) the model must give them.
FEATURES = (
    Feature("cta_count", -1, "log1p of the number of calls to action."),
    Feature(
        "offer_count",
        -1,
        "log1p of the number of offers, urgency phrases and price pitches.",
        floor=0.8,
    ),
    Feature(
        "guarantee_count",
        -1,
        "log1p of the number of guarantees ('money-back', 'risk-free').",
        floor=0.8,
    ),
    Feature(
        "contact_count",
        -1,
        "log1p of the number of sales contact items (phone numbers, e-mail addresses, "
        "'contact us'), press-office contacts excluded.",
        floor=0.3,
    ),
    Feature("testimonial_count", -1, "log1p of the number of testimonial markers.", floor=0.5),
    Feature(
        "any_cta", -1, "1 when the text holds at least one call to action, else 0.", floor=1.0
    ),
)

# --------------------------------------------------------------------------- lexicons

_LISTS = {
    "cta": "commercial_cta",
    "guarantee": "commercial_guarantees",
    "offer": "commercial_offers",
    "testimonial": "commercial_testimonials",
    "contact": "commercial_contact",
}
_PHRASES = PhraseMatcher.from_lexicons(_LISTS)
_PHRASE_KIND = _PHRASES.kinds

_URGENCY = frozenset(
    p
    for p in load_lexicon("commercial_offers")
    if any(
        w in p
        for w in ("limited", "supplies", "stocks", "left", "only", "ends", "expires", "hurry",
                  "last chance", "miss", "act fast", "order before")
    )
)

# A call to action right after one of these words is not an imperative addressed to the reader
# ("we must act now", "they call us", "want to buy now").
_NOT_IMPERATIVE = frozenset(
    "must should need needs needed will would could can may might to we they he she it i who "
    "that which cannot can't won't wouldn't shouldn't people".split()
)

# --------------------------------------------------------------------------- patterns
# All patterns use bounded repetition only; none nests an unbounded quantifier.

_PRICE = r"[$£€] ?\d{1,3}(?:,\d{3}){0,3}(?:\.\d{2})?"
_LOWER_OFFERS = re.compile(  # run on Document.lower; "93% off its peak" is not an offer
    r"\b\d{1,2}(?:\.\d)? ?(?:%|percent|per cent) off\b(?! (?:its|their|the|from|a|an|his|her|"
    r"pre|last|year|peak|record|levels?|highs?|lows?)\b)"
    rf"|\bsave (?:up to |over |nearly |an extra |another )?(?:{_PRICE}|\d{{1,2}} ?(?:%|percent))"
    r"(?! ?(?:million|billion|trillion|bn|m)\b)"
    rf"|\b(?:starting at|starting from|from just|from only|for only|for just|now only|"
    rf"now just) {_PRICE}"
)
# After "and save N%": the words that make it a sales offer to the reader.
_SAVE_ON_YOURS = re.compile(r" (?:on (?:your|all|every|our|any)|today|now|when you)\b")
# Every match of _LOWER_OFFERS holds one of these; most texts hold none, and the substring
# checks cost less than one scan with the pattern, which is tried at every position.
_OFFER_CUES = (
    "% off", "percent off", "per cent off", "save ", "starting at ", "starting from ",
    "from just ", "from only ", "for only ", "for just ", "now only ", "now just ",
)  # fmt: skip
_SCARCITY = re.compile(  # run on Document.lower
    r"\bonly \d{1,4} (?:[a-z-]{2,15} ){0,2}?(?:left|remaining)\b"
    r"|\b\d{1,4} (?:spots|slots|bottles|units|places|seats|packs|kits) (?:left|remaining)\b"
)
_CALL_BEFORE = re.compile(  # run on the 25 lower-case characters before a phone number
    r"\b(?P<verb>call|text|dial|phone)(?: us)?(?: now| today| free| toll free)?(?: at| on)?:? ?$"
)
_ANY_PRICE = re.compile(rf"(?<![\w$£€]){_PRICE}(?![\d,])")

_PHONE = re.compile(r"(?<![\w.$/+-])[+(]?\d[\d ().-]{5,18}\d(?![\w/]|-\d)")
# Anchors for finditer_near (patterns that start with a look-behind or \b are tried at every
# position; these are found in C). _PHONE's digits: the run that holds them starts at most 19
# characters before the number and the number ends within 23 characters of it.
_DIGIT_RUN = re.compile(r"\d[\d ().-]{5,18}\d")
_DOTTED_PHONE = re.compile(r"(?:\+?\d{1,3}\.)?\d{3}\.\d{3}\.\d{4}")
_PHONE_CUE = re.compile(
    r"\b(?:call|phone|tel|telephone|fax|text|dial|contact|hotline|helpline|toll[ -]free|"
    r"number|mobile|whatsapp|ph)\b",
)
_EMAIL = re.compile(
    r"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}\b"
)
_PRESS_MARKERS = (
    "media contact", "press contact", "media inquiries", "media enquiries", "press inquiries",
    "press enquiries", "media relations", "press office", "news office", "public affairs",
    "public information officer", "for media", "communications office", "news release",
    "press release", "journalists", "reporters", "interview", "embargo", "spokesperson",
    "contacts:", "media:", "investors:", "investor relations", "write to", "letters to",
    "editor", "tips",
)
# An e-mail address counts as a sales contact only with a shop-front inbox or after "email us".
_SALES_INBOXES = frozenset(
    "info sales contact hello hi appointments appointment booking bookings book orders order "
    "support office admin enquiries enquiry inquiries inquiry frontdesk reception care help "
    "customerservice service team clinic shop store welcome consult consultations".split()
)
# ...unless the same sentence sells something health-related besides.
_SALES_OBJECTS = re.compile(  # run on Document.lower
    r"\b(?:appointment|consultation|treatment|session|clinic|product|supplement|dose|purchase"
    r"|buy|order)s?\b"
)
# "click here" sells only when a sales verb or "our/your" follows ("click here to order").
_CLICK_SALES = frozenset(
    "order buy book schedule claim get try shop start save purchase call request reserve our "
    "your".split()
)
_STRONG_NEGATORS = frozenset("no not never none nothing nobody neither nor without".split())
_HEALTH_STORY = re.compile(
    r"pain|wheelchair|bed|sick|ill\b|diabet|weight|pounds|depress|anxi|tired|fatigue|arthrit|"
    r"cancer|walk|sleep|insomnia|medication|pills|surgery|disease|symptom|migraine|headache|"
    r"cane|crutch|knee|back|joint|skin|acne|hair"
)

# "- Mary, 54, Texas" or "- John D., Ohio": an age, or a first name with an initial. Reader
# panels in news ("-Sasha, Maryland") and bylines ("- Todd Spangler, Detroit Free Press") carry
# neither.
_SIGNATURE = re.compile(
    r"(?:^|\"[ ]{0,3})[ ]{0,8}[-~][ ]{0,3}[A-Z][a-z]{1,20}"
    r"(?:(?: [A-Z][a-z]{1,20})?, \d{1,3}(?:, [A-Z][A-Za-z. ]{1,30})?"
    r"| [A-Z]\.(?:, [A-Z][A-Za-z. ]{1,30})?)[ ]{0,4}$",
    re.MULTILINE,
)
_BEFORE_AFTER = re.compile(
    r"\bI (?:was|had been|used to|couldn't|could not|suffered|struggled|was once)\b"
    r"[^.!?\n\"]{0,150}?\b(?:and|but) now\b"
)
_STARS = re.compile(r"[★⭐]{3,5}|\b[45](?:\.\d)? out of 5 stars\b|\b5/5 stars\b", re.IGNORECASE)
# _SIGNATURE: its dash at <= 12 characters into the match, which ends (with the line end that
# "$" reads) <= 90 characters after the dash.
_SIGNATURE_ANCHOR = re.compile("[-~] {0,3}[A-Z]")
_STARS_ANCHOR = re.compile("[5★⭐]")  # at most 11 characters into a match of at most 18
_BEFORE_AFTER_ANCHOR = re.compile("I ")  # its start; the match is at most 171 characters

_MESSAGES = {
    "cta": "'{t}' is a call to action: it asks the reader to buy, book or call rather than "
    "informing them. Cut it from health information, or keep it apart from the evidence.",
    "urgency": "'{t}' puts time or stock pressure on the reader, a classic health-fraud "
    "tip-off; remove the deadline or scarcity claim.",
    "offer": "'{t}' is a sales offer; health information should not come with deals. Cut it "
    "or move it to a clearly marked advertisement.",
    "guarantee": "'{t}' promises results or a refund; no treatment can guarantee an outcome. "
    "Remove the guarantee and state the real benefits and risks.",
    "contact": "'{t}' is a sales contact; an article that steers readers to call or write to a "
    "seller reads as an advertisement.",
    "testimonial": "'{t}' is a testimonial; personal stories are not evidence that a treatment "
    "works. Support the claim with studies, or label the story as one person's experience.",
}
_RULE = {
    "cta": "commercial.call-to-action",
    "urgency": "commercial.urgency",
    "offer": "commercial.offer",
    "guarantee": "commercial.guarantee",
    "contact": "commercial.contact",
    "testimonial": "commercial.testimonial",
}
_SEVERITY = {"cta": "error", "urgency": "error", "offer": "error", "guarantee": "error",
             "contact": "warning", "testimonial": "warning"}


# --------------------------------------------------------------------------- detection


def _is_phone(doc: Document, start: int, end: int) -> bool:
    cand = doc.text[start:end]
    groups = [g for g in re.split(r"[ ().-]+", cand) if g]
    if len(groups) < 2 or any(len(g) > 4 for g in groups[1:]) or len(groups[0]) > 4:
        return False
    if "." in cand and not _DOTTED_PHONE.fullmatch(cand):
        return False  # decimals and confidence intervals: "1.23 (0.95-1.60)"
    if cand.count("(") != cand.count(")"):
        return False
    if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
        return False  # years: "1998 2004 2019"
    digits = sum(len(g) for g in groups)
    if digits > 15:
        return False
    if any(len(g) < 2 for g in groups[2:]):
        return False  # "567 2023-24 0 680" is a table row
    if cand.startswith("+"):
        return digits >= 8
    # Without "+", a long number must look like a North American (1-)3-3-4 number or start
    # with a trunk "0" (0800 123 4567, 020 7946 0958); "2020 3224 1454" in a table does not.
    sizes = [len(g) for g in groups]
    if sizes in ([3, 3, 4], [1, 3, 3, 4]) or (10 <= digits <= 11 and cand.lstrip("(")[0] == "0"):
        return True
    cue = doc.lower[max(start - 30, 0) : start]
    return digits >= 7 and _PHONE_CUE.search(cue) is not None


def _negated_in_sentence(doc: Document, first: int, window: int = 8) -> bool:
    """True when a negator precedes token ``first`` within ``window`` words of the same clause
    ("no treatment is risk-free"); a comma or semicolon ends the clause ("Don't delay, act
    now!" is not negated)."""
    sent = doc.token_sentence[first]
    words, starts, ends = doc.words, doc.token_starts, doc.token_ends
    for j in range(first - 1, max(first - window, 0) - 1, -1):
        between = doc.text[ends[j] : starts[j + 1]]
        if doc.token_sentence[j] != sent or any(c in between for c in ",;:"):
            break
        word = words[j]
        if word in _STRONG_NEGATORS or word.endswith("n't"):
            return True
    return False


def _site_chrome(doc: Document, sent: int) -> bool:
    """True when sentence ``sent``, or the one before it in the same paragraph, is the
    publication's furniture (:data:`credscore.furniture.SITE_CHROME`) and ``sent`` names
    nothing it sells."""
    start = own_start = doc.sentences[sent][0]
    end = doc.sentences[sent][1]
    if sent > 0:
        before_start = doc.sentences[sent - 1][0]
        if doc.paragraph_start(own_start) <= before_start:
            start = before_start
    if SITE_CHROME.search(doc.lower, start, end) is None:
        return False
    return _SALES_OBJECTS.search(doc.lower, own_start, end) is None


def _press_contact(doc: Document, start: int) -> bool:
    window = doc.lower[max(start - 300, 0) : start]
    return any(marker in window for marker in _PRESS_MARKERS)


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Return the commercial features and findings for ``doc``."""
    text, lower = doc.text, doc.lower
    words, starts, ends = doc.words, doc.token_starts, doc.token_ends
    hits: list[tuple[int, int, str]] = []  # (start, end, kind)
    phrase_hits: list[tuple[int, int, str, int]] = []  # with first token, checked below

    for m in _PHRASES.finditer(doc):
        kind = _PHRASE_KIND[m.phrase]
        start, end = starts[m.first], ends[m.stop - 1]
        first_word = words[m.first]
        if first_word == "free" and start > 0 and text[start - 1] == "-":
            continue  # "sugar-free sample" is a sugar-free thing, not a free one
        if m.stop - m.first > 1 and any(c in text[start:end] for c in ",.;:!?"):
            continue  # "Today, Only 4,100": the words belong to different phrases
        if m.phrase == "click here":
            after = set(words[m.stop : m.stop + 6])
            if not after & _CLICK_SALES:
                continue  # "click here to read the full story" is navigation, not a sale
        if kind == "cta" and m.first > 0:
            prev = m.first - 1
            same_sentence = doc.token_sentence[prev] == doc.token_sentence[m.first]
            if same_sentence and words[prev] in _NOT_IMPERATIVE:
                continue
        if kind == "offer" and m.phrase in _URGENCY:
            kind = "urgency"
        phrase_hits.append((start, end, kind, m.first))

    offers = _LOWER_OFFERS.finditer(lower) if any(c in lower for c in _OFFER_CUES) else ()
    for m in offers:
        if m.group().startswith("save"):
            before = lower[max(m.start() - 12, 0) : m.start()].split()
            if before and before[-1] in _NOT_IMPERATIVE | {"would", "could", "and", "help"}:
                if not (before[-1] == "and" and _SAVE_ON_YOURS.match(lower, m.end())):
                    continue  # "the hospital would save $1 million"; "and save 30% on
                    # your first session" is still an offer
        hits.append((m.start(), m.end(), "offer"))
    if " left" in lower or " remaining" in lower:
        for m in _SCARCITY.finditer(lower):
            hits.append((m.start(), m.end(), "urgency"))

    # Phrases: drop negated, debunked and scare-quoted ones.
    debunked = debunking_sentences(doc) if phrase_hits or hits else frozenset()
    cta_sentences: set[int] = set()
    for start, end, kind, first in phrase_hits:
        sent = doc.token_sentence[first]
        if kind == "testimonial" and (sent in debunked or _negated_in_sentence(doc, first)):
            continue  # "testimonials are not scientific proof"
        if kind != "testimonial":
            # "there can be no such thing as a risk-free return": guarantees look further back.
            window = 8 if kind == "guarantee" else 3
            if sent in debunked or _negated_in_sentence(doc, first, window):
                continue
            if start > 0 and end < len(text) and text[start - 1] == '"' and text[end] == '"':
                continue  # a quoted phrase ("risk-free") is being talked about, not used
        if kind == "contact" and _press_contact(doc, start):
            continue
        if kind == "cta":
            cta_sentences.add(sent)
        hits.append((start, end, kind))
    hits = [
        h
        for h in hits
        if h[2] not in ("offer", "urgency") or doc.sentence_at(h[0]) not in debunked
    ]

    # A price in a sentence that also holds a call to action: "$2,500 per session - book today".
    if cta_sentences and ("$" in text or "£" in text or "€" in text):
        for m in _ANY_PRICE.finditer(text):
            if doc.sentence_at(m.start()) in cta_sentences:
                hits.append((m.start(), m.end(), "offer"))

    # Contacts: phone numbers and e-mail addresses outside press-office blocks. "Call 0800 ..."
    # is also a call to action.
    for m in finditer_near(_PHONE, text, _DIGIT_RUN, 10, 60):
        # The run may swallow the next sentence ("555-123-4567. 50% off"): cut at ". ".
        start, end = m.start(), m.end()
        cut = text.find(". ", start, end)
        if cut != -1:
            end = cut
        end = start + len(text[start:end].rstrip(" .-("))
        if _is_phone(doc, start, end) and not _press_contact(doc, start):
            hits.append((start, end, "contact"))
            lead = max(start - 25, 0)
            call = _CALL_BEFORE.search(lower, lead, start)
            if call is not None:
                before = lower[max(call.start() - 12, 0) : call.start()].split()
                if not before or before[-1] not in _NOT_IMPERATIVE:
                    hits.append((call.start(), call.start() + len(call.group("verb")), "cta"))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            local = m.group().partition("@")[0].lower()
            asked = "us" in lower[max(m.start() - 25, 0) : m.start()].split()
            if (local in _SALES_INBOXES or asked) and not _press_contact(doc, m.start()):
                hits.append((m.start(), m.end(), "contact"))

    # Testimonials in code: signature lines, before/after stories, star ratings.
    if "-" in text or "~" in text:
        for m in finditer_near(_SIGNATURE, text, _SIGNATURE_ANCHOR, 20, 120):
            s = m.start() + len(m.group()) - len(m.group().lstrip('" '))
            hits.append((s, m.end(), "testimonial"))
    if "now" in lower:
        for m in finditer_near(_BEFORE_AFTER, text, _BEFORE_AFTER_ANCHOR, 2, 200):
            if _HEALTH_STORY.search(m.group().lower()):
                hits.append((m.start(), m.end(), "testimonial"))
    if "star" in lower or "★" in text or "⭐" in text:
        for m in finditer_near(_STARS, text, _STARS_ANCHOR, 25, 30):
            hits.append((m.start(), m.end(), "testimonial"))

    # Drop what sells the publication itself, then overlaps (the earlier, then the longer,
    # match wins), and count.
    if hits and SITE_CHROME.search(lower):
        chrome = cache(partial(_site_chrome, doc))  # once per sentence, however many hits
        hits = [
            h
            for h in hits
            if h[2] in ("guarantee", "testimonial") or not chrome(doc.sentence_at(h[0]))
        ]
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    counts = dict.fromkeys(_RULE, 0)
    findings: list[Finding] = []
    for start, end, kind in without_overlaps(hits):
        counts[kind] += 1
        shown = text[start:end]
        message = _MESSAGES[kind].format(t=shown if len(shown) <= 60 else shown[:57] + "...")
        findings.append(doc.finding(_RULE[kind], start, end, message, _SEVERITY[kind]))

    features = {
        "cta_count": math.log1p(counts["cta"]),
        "offer_count": math.log1p(counts["offer"] + counts["urgency"]),
        "guarantee_count": math.log1p(counts["guarantee"]),
        "contact_count": math.log1p(counts["contact"]),
        "testimonial_count": math.log1p(counts["testimonial"]),
        "any_cta": 1.0 if counts["cta"] else 0.0,
    }
    return features, findings


SIGNAL = Signal(name="commercial", features=FEATURES, rules=RULES, analyze=analyze)
