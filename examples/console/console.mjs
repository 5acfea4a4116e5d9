// A minimal Python console on Isthmus: each line goes to a Python
// code.InteractiveConsole (console.py); its stdout and stderr, tracebacks
// included, are appended to the output.
import { runExample, fetchText } from '../shared/load.mjs';

const output = document.getElementById('output');
const input = document.getElementById('input');
const prompt = document.getElementById('prompt');

function write(text, kind) {
  const span = document.createElement('span');
  span.className = kind;
  span.textContent = text;
  output.append(span);
  input.scrollIntoView({ block: 'nearest' });
}

runExample(async (py) => {
  py.runPython(await fetchText('console.py'));
  const push = py.globals.get('push');
  write(`${py.runPython('banner')}\n`, 'stdout');

  const history = [];
  let position = 0;  // history index the arrows are at; history.length = the new line

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      const line = input.value;
      write(`${prompt.textContent}${line}\n`, 'input');
      if (line.trim() && history.at(-1) !== line) history.push(line);
      position = history.length;
      input.value = '';
      const more = push(line);  // runs the statement when it is complete
      py.flushStdio();
      prompt.textContent = more ? '... ' : '>>> ';
    } else if (event.key === 'ArrowUp' && position > 0) {
      input.value = history[--position];
      event.preventDefault();
    } else if (event.key === 'ArrowDown' && position < history.length) {
      position++;
      input.value = history[position] ?? '';
      event.preventDefault();
    }
  });
  input.disabled = false;
  input.focus();
}, {
  stdout: (line) => write(`${line}\n`, 'stdout'),
  stderr: (line) => write(`${line}\n`, 'stderr'),
});
