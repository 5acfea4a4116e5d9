"""Python half of the Isthmus bridge (imported once at start-up)."""
from . import builtin_finder

builtin_finder.install()
