"""Run by tests/js/cli.test.mjs through `isthmus -m unittest` and `isthmus -m pytest`."""
import sys
import unittest


class SampleTest(unittest.TestCase):
    def test_arithmetic(self):
        self.assertEqual(sum(range(5)), 10)

    def test_runs_inside_wasm(self):
        self.assertEqual(sys.platform, "emscripten")


def test_plain_function():
    # pytest collects it; unittest does not.
    assert "isthmus"[::-1] == "sumhtsi"
