"""runPython's dedent (python/_isthmus/code_runner.py) is textwrap.dedent's,
without importing re at start-up."""
import textwrap

from _isthmus.code_runner import dedent_text

CASES = [
    "",
    "x = 1",
    "\n    x = 1\n    x + 1",
    "    a\n      b\n    c\n",
    "  a\n\tb\n",
    "\ta\n\t  b\n\t\tc",
    "    a\n  \n      b",
    "    a\n   \t\n    b\n",
    "  s = '''\n  line\n   \n  '''\n",
    "   \n   \n",
    "  a\r\n  b\r\n",
    " \t a\n \t b\n \t\tc",
    "no\n  indent",
    "\n\n        deep\n        block\n\n",
]


def test_dedent_is_textwrap_dedent():
    for text in CASES:
        assert dedent_text(text) == textwrap.dedent(text), repr(text)

