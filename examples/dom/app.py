# A small task list built and updated from Python through `js.document`:
# elements, text, styles, and click handlers that are Python functions.
import js
from pyodide.ffi import create_once_callable, create_proxy

document = js.document
app = document.getElementById("app")


def element(tag, text="", id=None, **style):
    """A new element with text, an id and inline styles (names in snake_case)."""
    node = document.createElement(tag)
    node.textContent = text
    if id:
        node.id = id
    for name, value in style.items():
        node.style.setProperty(name.replace("_", "-"), value)
    return node


title = element("h1", "Tasks, kept by Python")
entry = element("input", id="entry")
entry.placeholder = "Something to do"
add_button = element("button", "Add", id="add", margin_left="0.5rem")
stop_button = element("button", "Close the list", id="stop", margin_left="0.5rem")
task_list = element("ol", id="tasks")
summary = element("p", id="summary", color="#5b6570")
for node in (title, entry, add_button, stop_button, task_list, summary):
    app.appendChild(node)

tasks = []
item_handlers = []  # the proxies behind each item's listener, kept alive


def render_summary():
    done = sum(task["done"] for task in tasks)
    summary.textContent = f"{len(tasks)} tasks, {done} done"


def add_task(event):
    text = entry.value.strip() or f"Task {len(tasks) + 1}"
    task = {"text": text, "done": False}
    tasks.append(task)
    item = element("li", text, cursor="pointer", padding="2px 0")

    def toggle(event):
        task["done"] = not task["done"]
        item.style.textDecoration = "line-through" if task["done"] else "none"
        item.style.color = "#8a96a3" if task["done"] else ""
        render_summary()

    handler = create_proxy(toggle)
    item_handlers.append(handler)
    item.addEventListener("click", handler)
    task_list.appendChild(item)
    entry.value = ""
    render_summary()


# create_proxy keeps the Python function alive while JS holds the listener;
# removing the listener and destroying the proxy releases it.
add_handler = create_proxy(add_task)
add_button.addEventListener("click", add_handler)


def close_list(event):
    add_button.removeEventListener("click", add_handler)
    add_handler.destroy()
    add_button.disabled = True
    entry.disabled = True
    stop_button.remove()
    summary.textContent += " (list closed)"


# A handler that runs once frees itself after its call.
stop_button.addEventListener("click", create_once_callable(close_list))
render_summary()
