# The console's Python half: the standard library's InteractiveConsole
# compiles each line, asks for more when a statement is incomplete, runs it
# in its own namespace and prints tracebacks to stderr.
import code
import sys

console = code.InteractiveConsole({"__name__": "__console__"}, filename="<console>")
banner = f"Python {sys.version.split()[0]} on {sys.platform} (Isthmus)"


def push(line):
    """Run one line; True when the statement needs more lines."""
    return console.push(line)
