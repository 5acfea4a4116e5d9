// Async generators on the event loop that runs on JS's, beside Pyodide: one
// left before its end is closed by the loop (its `finally` runs), and
// loop.shutdown_asyncgens() closes the ones still open.
import { same } from './harness.mjs';

same('an async generator left by `break` is closed by the loop', (py) => py.runPythonAsync(`
import asyncio
closed = []
async def numbers():
    try:
        yield 1
        yield 2
    finally:
        closed.append("finally ran")
async for n in numbers():
    break
for _ in range(3):
    await asyncio.sleep(0)
closed
`).then((r) => r.toJs()));

same('loop.shutdown_asyncgens() closes the async generators still open', (py) => py.runPythonAsync(`
import asyncio
log = []
async def gen(name):
    try:
        yield name
        yield name
    finally:
        log.append(name + " closed")
g1, g2 = gen("a"), gen("b")
await g1.__anext__()
await g2.__anext__()
await asyncio.get_running_loop().shutdown_asyncgens()
sorted(log)
`).then((r) => r.toJs()));
