"""A failing test: the runner's exit status must say so (tests/js/cli.test.mjs)."""
import unittest


class FailingTest(unittest.TestCase):
    def test_fails(self):
        print("printed by the failing test")
        self.assertEqual(1 + 1, 3)
