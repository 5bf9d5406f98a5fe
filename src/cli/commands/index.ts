// The command table. Each command lives in its own file; add a row here (one line) to register it.
import type { Command } from '../command.js';
import { validate } from './validate.js';
import { stats } from './stats.js';
import { show } from './show.js';
import { query } from './query.js';
import { timeline } from './timeline.js';
import { exportCommand } from './export.js';
import { start } from './start.js';
import { ingest } from './ingest.js';
import { search } from './search.js';
import { claims } from './claims.js';
import { evidence } from './evidence.js';
import { coverage } from './coverage.js';
import { log } from './log.js';
import { serve } from './serve.js';
import { importCommand } from './import.js';
import { cutSetsCommand } from './cut-sets.js';
import { exposureCommand } from './exposure.js';
import { centralityCommand } from './centrality.js';
import { rei } from './rei.js';
import { tts } from './tts.js';
import { mitigate } from './mitigate.js';
import { reportCommand } from './report.js';
import { analyzeCommand } from './analyze.js';
import { simulateCommand } from './simulate.js';
import { sensitivityCommand } from './sensitivity.js';

export const COMMANDS: readonly Command[] = [
  validate,
  stats,
  show,
  query,
  timeline,
  exportCommand,
  start,
  ingest,
  search,
  claims,
  evidence,
  coverage,
  log,
  serve,
  importCommand,
  cutSetsCommand,
  exposureCommand,
  centralityCommand,
  rei,
  tts,
  mitigate,
  reportCommand,
  analyzeCommand,
  simulateCommand,
  sensitivityCommand,
];
