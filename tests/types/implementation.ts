// js/isthmus.mjs against js/isthmus.d.ts: tsc infers the module's exports
// from its code and JSDoc, and they must be what the declarations say.
import * as implementation from '../../js/isthmus.mjs';
import type * as declared from '../../js/isthmus';

export const exports: typeof declared = implementation;
