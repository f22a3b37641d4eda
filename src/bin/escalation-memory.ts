/**
 * Run by `npm run eval:escalation` in a process of its own, with --expose-gc: how much the
 * process's memory grows when the escalation detector is loaded (code, lexicons, weights) and
 * has classified messages. Prints { rssMb, heapMb } as JSON.
 */
import { createRequire } from 'node:module';
import type * as DetectorModule from '../conversations/escalation/escalation-intent.service';
import type * as EvaluationModule from '../conversations/escalation/evaluate-escalation';

// Loaded after the first reading, so the growth counts the detector's code and data.
const load = createRequire(__filename);

function memoryGrowth(): void {
  const before = settledMemory();
  const { RulesAndModelEscalationDetector } = load('../conversations/escalation/escalation-intent.service') as typeof DetectorModule;
  const { adversarialMessages } = load('../conversations/escalation/evaluate-escalation') as typeof EvaluationModule;
  const detector = new RulesAndModelEscalationDetector();
  for (const text of [...adversarialMessages(), 'could I talk to a person, please?', 'how do I reset my password?']) detector.detect(text);
  const after = settledMemory();
  const megabytes = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
  console.log(JSON.stringify({ rssMb: megabytes(after.rss - before.rss), heapMb: megabytes(after.heapUsed - before.heapUsed) }));
}

function settledMemory(): NodeJS.MemoryUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

memoryGrowth();
