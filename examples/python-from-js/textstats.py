"""A small Python module used from JavaScript (see main.mjs)."""
import statistics
from collections import Counter


def summary(numbers):
    """Mean, median and spread of a JS array of numbers (arrives as a list)."""
    values = list(numbers)
    return {
        "count": len(values),
        "mean": statistics.mean(values),
        "median": statistics.median(values),
        "stdev": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0,
    }


def top_words(text, n=3):
    """The n most common words of a string."""
    words = [w.strip(".,!?").lower() for w in text.split()]
    return Counter(w for w in words if w).most_common(n)


def describe(person):
    """A JS object read through its properties."""
    return f"{person.name} is {person.age} and likes {', '.join(person.likes)}"


def apply_each(callback, items):
    """Call a JS callback for every item; collect what it returns."""
    return [callback(item, index) for index, item in enumerate(items)]
