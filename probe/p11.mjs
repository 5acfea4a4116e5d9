import { loadPyodide } from '../dist/isthmus.mjs';
const py = await loadPyodide();
console.log(py.runPython(`
import uuid, _uuid
a = uuid.uuid1(); b = uuid.uuid1()
str([_uuid.generate_time_safe()[1], a != b, a.version, uuid._has_uuid_generate_time_safe, a.is_safe])`));
