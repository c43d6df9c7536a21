"""Hostile and awkward cell values: each must be shown literally, none may run or include.

Every payload is valid data (no leading/trailing whitespace, no formula start, no control
character), so it passes validation and reaches the pages; ``tests/test_escape.py`` checks each
against the escaping boundary, ``tests/test_payload_matrix.py`` against a built book.
"""

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "<svg onload=alert(4)></svg>",
    "```{raw} html\n<script>alert(5)</script>\n```",
    "```{eval-rst}\n.. raw:: html\n\n   <script>alert(6)</script>\n```",
    "```{include} ../../../../../../../../../etc/os-release\n```",
    "```{literalinclude} ../../../../../../../../../etc/os-release\n```",
    "{raw}`html <b>role</b>`",
    "$5 and $10",
    "$$\nx^2\n$$",
    "indent\n    {cite}`ref001` code block",
    "target\n(p-target)=\n# heading",
    "% a MyST comment",
    "a | b | c",
    "`code` and ``double``",
    "*emphasis* and **strong**",
    "_under_ and __dunder__",
    "x < y & z > w",
    "&lt;b&gt; &amp; &#60;",
    "[link](javascript:alert(21)) and [^1]",
    ":::{note}\nadmonition\n:::",
    "{{ substitution }} and {term}`BMSC`",
    "back\\slash \\* and \\",
    "quotes \"double\" 'single' -- dash ... dots",
    "p < 0.05 & $5 *not*",
]
