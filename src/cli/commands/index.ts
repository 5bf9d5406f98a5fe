// The command table. Each command lives in its own file; add a row here (one line) to register it.
import type { Command } from '../command.js';
import { validate } from './validate.js';

export const COMMANDS: readonly Command[] = [
  validate,
];
