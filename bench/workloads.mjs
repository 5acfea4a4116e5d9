// Python workloads shared by the benchmarks (run.mjs, ab.mjs).

/** _loop(n): the pure-Python loop row, n iterations of an int add and modulo. */
export const LOOP_DEF = `
def _loop(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total`;
